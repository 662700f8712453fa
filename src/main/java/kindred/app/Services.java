package kindred.app;

import java.nio.file.Path;
import java.util.List;
import kindred.application.Kindred;
import kindred.library.scan.FolderScanner;
import kindred.library.LibraryStore;
import kindred.library.people.ManualFaces;
import kindred.library.MetadataReader;
import kindred.library.people.People;
import kindred.library.Thumbnailer;
import kindred.library.ModelPacks;
import kindred.library.regions.FaceRegionSync;
import kindred.metadata.ExifMetadataReader;
import kindred.metadata.XmpRegionFiles;
import kindred.store.Database;
import kindred.store.SqliteLibraryStore;
import kindred.store.SqlitePeopleStore;
import kindred.store.SqliteTrustStore;
import kindred.library.TrustStore;
import kindred.library.audit.Audit;
import kindred.library.audit.AuditReport;
import kindred.vision.OpenCvThumbnailer;
import kindred.vision.OpenCvRegionEmbedder;
import kindred.vision.OpenCvVisionProvider;
import kindred.worker.IndexingService;

/**
 * The composition root's object graph for one library folder. Built lazily: the database opens (and
 * migrates) on first use, the models load when an analyzer is first needed. Not thread-safe to build;
 * the services it hands out are.
 */
public final class Services implements Kindred {

    private final Path libraryDir;
    private SqliteLibraryStore store;
    private OpenCvVisionProvider vision;
    private final MetadataReader metadata = new ExifMetadataReader();
    private IndexingService indexing;
    private final Thumbnailer thumbnailer = new OpenCvThumbnailer();
    private People people;
    private kindred.library.scan.LibraryScan scans;
    /** The one people store of this library (people, decisions, face vectors). */
    private SqlitePeopleStore peopleStore;
    private ManualFaces manualFaces;
    /** Clustering preparations handed out; {@link #close()} waits for them. */
    private final java.util.List<kindred.library.scan.PrepareClusteringOnFirstFace> preparations =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private final int indexThreads;
    private final int indexNice;

    public Services(Path libraryDir) {
        this(libraryDir, IndexingService.defaultThreads());
    }

    /** With {@code indexThreads} indexing workers at normal priority (the window runs them lower: see {@link #forWindow}). */
    public Services(Path libraryDir, int indexThreads) {
        this(libraryDir, indexThreads, 0);
    }

    private Services(Path libraryDir, int indexThreads, int indexNice) {
        this.libraryDir = libraryDir;
        this.indexThreads = Math.max(1, indexThreads);
        this.indexNice = indexNice;
    }

    /**
     * Cores the window leaves free of indexing workers. 0: with the workers at {@link #WINDOW_INDEX_NICE} the FX
     * and render threads get a core anyway, and indexing uses every core. FX-stall benchmark, 2 cores, load 13-17
     * (docs/bench/fx-stall.md): 2 workers at nice 10 indexed 6.7-7.2 photos/s with longest stalls 436-534 ms;
     * 1 worker (at nice 0 or 10) 4.3-6.2 photos/s and 1,090-1,293 ms. {@code -Dkindred.window.coresLeft=N} to
     * compare.
     */
    static final int WINDOW_CORES_LEFT = 0;

    /**
     * The window's indexing workers' nice value (Linux; 0..19): below the FX and render threads and the X server,
     * so that these get a CPU as soon as they need one (scheduler weight 15 against 1,024 at nice 0). Chosen with
     * the FX-stall benchmark on 2 cores (docs/bench/fx-stall.md, fourth pass): at nice 10 the longest stall was
     * 87–113 ms, at 19 it was 65–83 ms, with indexing as fast (17.8–20.0 photos/s either way: the workers still
     * get every cycle the window does not use). {@code -Dkindred.window.indexNice=N} to compare.
     */
    static final int WINDOW_INDEX_NICE = 19;

    @Override
    public void lowerCurrentThreadPriority(int nice) {
        kindred.worker.ThreadNice.lowerCurrentThread(nice);
    }

    /**
     * Services for the window: indexing runs below the JavaFX and render threads, so that the window stays
     * responsive during a long scan (measured by the FX-stall benchmark, kindred.ui.FxStallBenchmark).
     */
    public static Services forWindow(Path libraryDir) {
        int left = Integer.getInteger("kindred.window.coresLeft", WINDOW_CORES_LEFT);
        int nice = Integer.getInteger("kindred.window.indexNice", WINDOW_INDEX_NICE);
        return new Services(libraryDir, Math.max(1, IndexingService.defaultThreads() - left), nice);
    }

    private Services(Path libraryDir, OpenCvVisionProvider sharedVision) {
        this.libraryDir = libraryDir;
        this.vision = sharedVision;
        this.indexThreads = IndexingService.defaultThreads();
        this.indexNice = 0;
    }

    @Override
    public Services withLibrary(Path otherLibrary) {
        return new Services(otherLibrary, vision());
    }

    @Override
    public Path libraryDir() {
        return libraryDir;
    }

    public synchronized LibraryStore store() {
        if (store == null) {
            store = new SqliteLibraryStore(Database.open(libraryDir));
        }
        return store;
    }

    public synchronized OpenCvVisionProvider vision() {
        if (vision == null) {
            vision = new OpenCvVisionProvider(libraryDir.resolve("models"));
        }
        return vision;
    }

    @Override
    public OpenCvVisionProvider models() {
        return vision();
    }

    @Override
    public synchronized kindred.library.LibraryFolders folders() {
        return new kindred.library.LibraryFolders(store(), people(), trust(), thumbnailCache());
    }

    @Override
    public synchronized kindred.library.LibraryQueries queries() {
        return new kindred.library.LibraryQueries(store());
    }

    @Override
    public java.util.concurrent.CompletableFuture<Void> warmUpInBackground() {
        return indexing().warmUpInBackground();
    }

    @Override
    public MetadataReader metadata() {
        return metadata;
    }

    public synchronized IndexingService indexing() {
        if (indexing == null) {
            indexing = new IndexingService(store(), metadata, vision(), indexThreads, indexNice);
        }
        return indexing;
    }

    public FolderScanner scanner() {
        return new FolderScanner(store(), vision().activeDetectorId());
    }

    @Override
    public kindred.library.ThumbnailCache thumbnailCache() {
        return new kindred.library.ThumbnailCache(libraryDir.resolve("thumbnails"));
    }

    @Override
    public Thumbnailer thumbnailer() {
        return thumbnailer;
    }

    @Override
    public synchronized People people() {
        if (people == null) {
            store();
            people = new People(peopleStore(), trust(), new kindred.store.SqliteUndoLog(store.database()));
        }
        return people;
    }

    private synchronized SqlitePeopleStore peopleStore() {
        if (peopleStore == null) {
            store();
            peopleStore = new SqlitePeopleStore(store.database());
        }
        return peopleStore;
    }

    public kindred.library.scan.PrepareClusteringOnFirstFace prepareClusteringOnFirstFace(
            java.util.function.Consumer<kindred.library.IndexProgress> then) {
        kindred.library.scan.PrepareClusteringOnFirstFace p = new kindred.library.scan.PrepareClusteringOnFirstFace(people(), then);
        preparations.add(p);
        return p;
    }

    private kindred.library.watch.LibraryWatch watch;

    @Override
    public synchronized kindred.library.watch.LibraryWatch watch() {
        if (watch == null) {
            watch = new kindred.library.watch.LibraryWatch(store(), scans(), libraryDir.resolve("watch.lock"));
        }
        return watch;
    }

    @Override
    public synchronized kindred.library.scan.LibraryScan scans() {
        if (scans == null) {
            scans = new kindred.library.scan.LibraryScan(indexing(), this::scanner, people(), store(), () -> regions(List.of()),
                    this::prepareClusteringOnFirstFace);
        }
        return scans;
    }

    @Override
    public java.util.Optional<Path> nextLibraryDir() {
        return LibraryLocation.chosen(LibraryLocation.platformDir()).filter(p -> !p.equals(libraryDir));
    }

    @Override
    public void chooseNextLibraryDir(Path dir) throws java.io.IOException {
        LibraryLocation.choose(LibraryLocation.platformDir(), dir);
    }

    @Override
    public synchronized ManualFaces manualFaces() {
        if (manualFaces == null) {
            manualFaces = new ManualFaces(store(), metadata, () -> new OpenCvRegionEmbedder(vision()),
                    people());
        }
        return manualFaces;
    }

    @Override
    public synchronized FaceRegionSync regions(java.util.List<Path> picasaContacts) {
        store();
        People p = people();
        return new FaceRegionSync(store, peopleStore(), new XmpRegionFiles(metadata, picasaContacts),
                () -> new OpenCvRegionEmbedder(vision()), p::clusterNewFaces);
    }

    @Override
    public synchronized kindred.library.roster.Roster roster() {
        return new kindred.library.roster.Roster(scans(), people(), queries(), referencePhotos());
    }

    @Override
    public synchronized kindred.library.gallery.GalleryExport galleries() {
        return new kindred.library.gallery.GalleryExport(people(), queries(), referencePhotos(),
                new kindred.metadata.XmpCaptions(metadata));
    }

    private synchronized kindred.library.ReferencePhotos referencePhotos() {
        store();
        return new kindred.store.SqliteReferencePhotos(store.database());
    }

    @Override
    public synchronized TrustStore trust() {
        store();
        return new SqliteTrustStore(store.database());
    }

    @Override
    public synchronized AuditReport audit() {
        store();
        return new Audit(peopleStore()).report(vision().activePack());
    }

    @Override
    public synchronized TrustStore.RestoreResult restore(Path backup) {
        close();
        scans = null;
        people = null;
        peopleStore = null;
        indexing = null;
        return SqliteTrustStore.restore(libraryDir, backup);
    }

    @Override
    public void close() {
        kindred.library.watch.LibraryWatch w;
        synchronized (this) {
            w = watch;
            watch = null;
        }
        if (w != null) {
            // Outside the lock: its indexing thread may be asking this object for the people use case meanwhile.
            w.close(); // before the indexing service: its run is cancelled, its threads end
        }
        closeTheRest();
    }

    private synchronized void closeTheRest() {
        // Nothing started for this library may outlive it (issue 19): the indexing workers finish the photos in
        // progress and end, a clustering preparation under way ends, each within a bounded wait; then the file closes.
        scans = null; // it holds the indexing service closed here
        if (indexing != null) {
            indexing.close();
            indexing = null;
        }
        for (kindred.library.scan.PrepareClusteringOnFirstFace p : preparations) {
            p.close();
        }
        preparations.clear();
        if (manualFaces != null) {
            manualFaces.close();
            manualFaces = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
