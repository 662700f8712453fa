package kindred.cli;

import java.nio.file.Path;
import kindred.library.FolderScanner;
import kindred.library.LibraryStore;
import kindred.library.MetadataReader;
import kindred.library.People;
import kindred.library.VisionProvider;
import kindred.library.regions.FaceRegionSync;
import kindred.worker.IndexingService;

/** What the commands work with; built by the composition root for one library. Opened lazily. */
public interface CliServices extends AutoCloseable {

    Path libraryDir();

    LibraryStore store();

    VisionProvider vision();

    MetadataReader metadata();

    IndexingService indexing();

    FolderScanner scanner();

    People people();

    /** Bringing folders into the library: walk, index, import names, group (the one home of the scan). */
    kindred.library.scan.LibraryScan scans();

    /**
     * A run listener that reads the faces for clustering once the run found its first face (on a thread of its own)
     * and passes every progress on to {@code then}; {@link #close()} waits for that reading, so that it does not
     * outlive the library.
     */
    kindred.library.PrepareClusteringOnFirstFace prepareClusteringOnFirstFace(
            java.util.function.Consumer<kindred.library.IndexProgress> then);

    /** Services for another library folder that share this one's model packs (same models, e.g. for benchmarks). */
    CliServices withLibrary(Path otherLibrary);

    /**
     * Export and import of face regions (XMP, Picasa).
     *
     * @param picasaContacts Picasa contacts.xml files that name the contact ids of .picasa.ini files (may be empty)
     */
    FaceRegionSync regions(java.util.List<Path> picasaContacts);

    /** Backups, the privacy log, and the export of everything stored. */
    kindred.library.TrustStore trust();

    /** How precise the suggestions have been on the user's own decisions, with the active pack's benchmark accuracy. */
    kindred.library.audit.AuditReport audit();

    /**
     * Replaces the library with a verified backup, keeping the current library as another backup. Closes this
     * library first; nothing else may have it open.
     */
    kindred.library.TrustStore.RestoreResult restore(Path backup);

    @Override
    void close();
}
