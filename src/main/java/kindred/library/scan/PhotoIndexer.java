package kindred.library.scan;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import kindred.library.FaceAnalyzer;
import kindred.library.IndexJob;
import kindred.library.IndexSettings;
import kindred.library.LibraryException;
import kindred.library.LibraryStore;
import kindred.library.MetadataReader;
import kindred.library.PhotoMetadata;
import kindred.model.PhotoAnalysis;
import kindred.model.PhotoReadException.Reason;
import kindred.model.PhotoReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes one photo: reads the file once, reads its metadata, refuses what is unsafe or unsupported,
 * runs the vision pipeline and stores the faces in one transaction. A photo that cannot be read is
 * recorded as failed with a reason; it never stops the caller. Stateless apart from its collaborators;
 * use one per worker thread (the analyzer is not thread-safe).
 */
public final class PhotoIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(PhotoIndexer.class);

    /** The result for progress reporting: faces stored, or the failure reason (null on success). */
    public record Outcome(int faces, String failureReason, String failureMessage) {
    }

    private final LibraryStore store;
    private final MetadataReader metadata;
    private final FaceAnalyzer analyzer;

    public PhotoIndexer(LibraryStore store, MetadataReader metadata, FaceAnalyzer analyzer) {
        this.store = store;
        this.metadata = metadata;
        this.analyzer = analyzer;
    }

    public Outcome index(IndexJob job) {
        Path file = Path.of(job.path());
        try {
            byte[] bytes = read(file);
            PhotoMetadata md = metadata.read(bytes, file.getFileName().toString());
            refuseUnsafe(md);
            PhotoAnalysis analysis = analyzer.analyze(bytes, md.orientation(), true);
            int faces = store.saveIndexed(job, md, analysis);
            return new Outcome(faces, null, null);
        } catch (PhotoReadException e) {
            String reason = e.reason().name().toLowerCase(Locale.ROOT);
            store.saveFailed(job, reason, e.getMessage());
            return new Outcome(0, reason, e.getMessage());
        } catch (LibraryException e) {
            throw e; // the library itself is unusable (disk full...): stop, the job stays queued
        } catch (RuntimeException | OutOfMemoryError e) {
            // A decoder bug on a hostile file must not stop the scan.
            LOG.warn("indexing {} failed unexpectedly", file, e);
            String msg = "Kindred could not read this photo (" + e.getClass().getSimpleName() + "). It may be damaged; "
                    + "open it in another program to check.";
            store.saveFailed(job, Reason.CORRUPT.name().toLowerCase(Locale.ROOT), msg);
            return new Outcome(0, "corrupt", msg);
        }
    }

    private static byte[] read(Path file) throws PhotoReadException {
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new PhotoReadException(Reason.EMPTY, "The file is empty (0 bytes). It was probably not copied completely; "
                        + "copy it again from its source.");
            }
            if (size > IndexSettings.MAX_PHOTO_BYTES) {
                throw new PhotoReadException(Reason.TOO_LARGE, "The file is " + (size >> 20) + " MB, more than Kindred reads ("
                        + (IndexSettings.MAX_PHOTO_BYTES >> 20) + " MB). Save a smaller copy to index it.");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new PhotoReadException(Reason.VANISHED, "The file disappeared before it could be read. "
                    + "If it was moved, scan its new folder.", e);
        } catch (AccessDeniedException e) {
            throw new PhotoReadException(Reason.UNREADABLE, "Permission denied: Kindred may not read this file. "
                    + "Change its permissions to index it.", e);
        } catch (IOException e) {
            throw new PhotoReadException(Reason.UNREADABLE, "The file cannot be read (" + e.getMessage() + "). "
                    + "Check the disk it is on.", e);
        }
    }

    private static void refuseUnsafe(PhotoMetadata md) throws PhotoReadException {
        long pixels = (long) md.storedWidth() * md.storedHeight();
        if (pixels > IndexSettings.MAX_PHOTO_PIXELS) {
            throw new PhotoReadException(Reason.TOO_LARGE, "The image claims " + md.storedWidth() + " × " + md.storedHeight()
                    + " pixels, more than Kindred decodes (" + IndexSettings.MAX_PHOTO_PIXELS / 1_000_000
                    + " megapixels). It may be damaged or deliberately oversized: open it in another program to check, "
                    + "and if it is a real photo, save a smaller copy of it to index it.");
        }
    }
}
