package kindred.application;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import kindred.library.LibraryQueries;
import kindred.library.people.ManualFaces;
import kindred.library.MetadataReader;
import kindred.library.ModelPacks;
import kindred.library.people.People;
import kindred.library.Thumbnailer;
import kindred.library.TrustStore;
import kindred.library.audit.AuditReport;
import kindred.library.regions.FaceRegionSync;
import kindred.library.scan.LibraryScan;

/**
 * One library as the window and the command line work with it: its use cases and read models, and nothing of how
 * they are made (no store, no indexing service, no vision classes: kindred.app builds them). Every method may be slow
 * the first time (opening the database, loading models): the window calls them from background tasks only.
 * Thread-safe.
 */
public interface Kindred extends AutoCloseable {

    /** The library folder. */
    Path libraryDir();

    /**
     * Lowers the calling thread's operating-system priority to {@code nice} (Linux, 0..19) for good; elsewhere nothing
     * (Java's own priorities, which Windows honours, are set by the callers). For a thread that does only background
     * work the window waits on less than on its own FX and render threads, such as decoding thumbnails.
     */
    default void lowerCurrentThreadPriority(int nice) {
    }

    /** Bringing folders into the library: walk, index, import names, group. */
    LibraryScan scans();

    /** The people use cases: clusters, naming, decisions, suggestions, merge, forget, search. */
    People people();

    /**
     * Keeping the library current while it is open: watching its folders for new, changed, renamed and removed photos,
     * and folders whose drive comes and goes (one per library; the window and {@code kindred watch} start it).
     */
    kindred.library.watch.LibraryWatch watch();

    /** The library's folders: list, move to a new place, remove. */
    kindred.library.LibraryFolders folders();

    /** What the pages and commands show about photos, folders and faces. */
    LibraryQueries queries();

    /** Faces the user draws around faces the detector missed. */
    ManualFaces manualFaces();

    /**
     * Names into the photos' XMP and back (one export or import at a time).
     *
     * @param picasaContacts Picasa contacts.xml files naming the contact ids of .picasa.ini files (may be empty)
     */
    FaceRegionSync regions(List<Path> picasaContacts);

    /** A photographer's roster: people from reference photos, and where the sorting of a shoot stands for them. */
    kindred.library.roster.Roster roster();

    /** Galleries out: the photos of people copied or linked into a folder per person, with a manifest. */
    kindred.library.gallery.GalleryExport galleries();

    /** Backups, the privacy log, and the export of everything stored. */
    TrustStore trust();

    /** How precise the suggestions have been on the user's own decisions, with the active pack's benchmark accuracy. */
    AuditReport audit();

    /**
     * Replaces the library with a verified backup, keeping the current library as another backup. Closes this
     * library first; nothing else may have it open.
     */
    TrustStore.RestoreResult restore(Path backup);

    /** The model packs: which are installed, installing one, and analyzers on the active one (evaluation). */
    ModelPacks models();

    /** EXIF and container metadata, read as indexing reads it (the benchmark's bare loop). */
    MetadataReader metadata();

    /** Thumbnails and face crops for the window. */
    Thumbnailer thumbnailer();

    /** The renderings of photos kept beside the library, shown while a photo's drive is offline. */
    kindred.library.ThumbnailCache thumbnailCache();

    /** Loads the indexing workers' models in the background, so that the first scan starts at once. */
    java.util.concurrent.CompletableFuture<Void> warmUpInBackground();

    /** The same for another library folder, sharing this one's loaded models (the benchmark's fresh libraries). */
    Kindred withLibrary(Path otherLibrary);

    /**
     * The library folder the next start will open, when the user chose another one in Settings (else empty).
     * {@code KINDRED_LIBRARY} and {@code --library} still win over it.
     */
    Optional<Path> nextLibraryDir();

    /** Opens {@code dir} as the library from the next start on (the current library is not moved or changed). */
    void chooseNextLibraryDir(Path dir) throws java.io.IOException;

    /** Ends everything this library started (indexing, clustering preparation) and closes it. */
    @Override
    void close();
}
