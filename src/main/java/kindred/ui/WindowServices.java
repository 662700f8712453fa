package kindred.ui;

import java.nio.file.Path;
import kindred.library.FolderScanner;
import kindred.library.LibraryStore;
import kindred.library.ManualFaces;
import kindred.library.MetadataReader;
import kindred.library.PeopleService;
import kindred.library.Thumbnailer;
import kindred.library.ModelPacks;
import kindred.worker.IndexingService;

/**
 * What the window's view models work with, built by the composition root for one library. Every method may
 * be slow the first time (opening the database, loading models): call them from background tasks only.
 */
public interface WindowServices extends AutoCloseable {

    Path libraryDir();

    LibraryStore store();

    ModelPacks vision();

    MetadataReader metadata();

    IndexingService indexing();

    /** A scanner for the active model pack (loads the detector once to learn its id). */
    FolderScanner scanner();

    Thumbnailer thumbnailer();

    /** The people use cases: clusters, naming, suggestions, merge, search. */
    PeopleService people();

    /** Bringing folders into the library: walk, index, import names, group (the one home of the scan). */
    kindred.library.scan.LibraryScan scans();

    /**
     * A run listener that reads the faces for clustering once the run found its first face (on a thread of its own)
     * and passes every progress on to {@code then}; {@link #close()} waits for that reading, so that it does not
     * outlive the library.
     */
    kindred.library.PrepareClusteringOnFirstFace prepareClusteringOnFirstFace(
            java.util.function.Consumer<kindred.library.IndexProgress> then);

    /**
     * The library folder the next start will open, when the user chose another one in Settings (else empty).
     * {@code KINDRED_LIBRARY} and {@code --library} still win over it.
     */
    java.util.Optional<Path> nextLibraryDir();

    /** Opens {@code dir} as the library from the next start on (the current library is not moved or changed). */
    void chooseNextLibraryDir(Path dir) throws java.io.IOException;

    /** Faces the user draws around faces the detector missed. */
    ManualFaces manualFaces();

    /** Names into the photos' XMP and back (one export or import at a time); {@code picasaContacts} may be empty. */
    kindred.library.regions.FaceRegionSync regions(java.util.List<Path> picasaContacts);

    /** How precise the suggestions were on the user's own decisions (reads the whole decision history). */
    kindred.library.audit.AuditReport audit();

    @Override
    void close();
}
