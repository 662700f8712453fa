package kindred.library.people;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.LoggerFactory;

/**
 * Files of data derived from the library and kept beside it to save work in the next process (the neighbour graph,
 * the suggestion state): owner-only like every library file (docs/decisions/0006-trust.md), written to a temporary
 * file and moved into place, so a reader sees the old file or the new one, never half of one. A failure is logged
 * and only costs the next process the work the file would have saved.
 */
final class DerivedFile {

    /** Writes the content; returns false when there is nothing to keep (the file is then removed). */
    interface Content {
        boolean writeTo(OutputStream out) throws IOException;
    }

    private DerivedFile() {
    }

    /**
     * The whole file, mapped into memory read-only (not the heap: the neighbour graph is 50 MB at 300,000 faces),
     * positioned at its start; null when there is no such file or it cannot be read (logged). Mapped rather than
     * copied: a copy into a new direct buffer cleared, faulted in and copied 50 MB (0.26-0.42 s in a new process).
     * A mapping is safe because these files are only ever replaced by moving a new file into place, never written
     * in place, so the mapped file never changes under the reader.
     */
    static java.nio.ByteBuffer read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(file)) {
            return in.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, in.size());
        } catch (IOException | RuntimeException e) {
            LoggerFactory.getLogger(DerivedFile.class).warn("{} not read ({}); the work it saves is done again",
                    file.getFileName(), e.toString());
            return null;
        }
    }

    static void write(Path file, Content content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            boolean written;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                written = content.writeTo(out);
            }
            if (written) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(DerivedFile.class).warn("{} not saved: {}", file.getFileName(), e.toString());
        }
    }
}
