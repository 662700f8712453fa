package kindred.library.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import kindred.library.IndexProgress;
import kindred.library.Indexer;
import kindred.library.LibraryStore;
import kindred.library.MissingFolderException;
import kindred.library.PeopleService;
import kindred.library.ScanSummary;
import kindred.library.regions.FaceRegionSync;
import kindred.library.scan.FolderScanner;
import kindred.library.scan.PrepareClusteringOnFirstFace;

/**
 * Bringing folders into the library, the one home of the scan: `kindred scan`, `kindred bench` and the window's "Add
 * a folder" all go through it. Its steps, in order:
 * <ol>
 * <li>the indexing workers start, and index what the walk queues while it goes on (docs/decisions/0007-speed.md);</li>
 * <li>once the run has stored its first face, the library's faces are read for clustering on a thread of their own
 * ({@link PrepareClusteringOnFirstFace}), while the other photos are indexed;</li>
 * <li>the walk registers new, changed, moved and missing photos and their RAW/HEIC twins ({@link FolderScanner});</li>
 * <li>when the run has drained the queue: the names other programs wrote into the photos are imported, when the user
 * turned that on ({@link FaceRegionSync#importOnScan}), then the new faces are grouped.</li>
 * </ol>
 * {@link #run} does it all on the calling thread; the window, which must stay responsive and lets a second folder
 * join a run under way, calls the steps itself ({@link #startRun}, {@link #walk}, {@link #afterIndexing}).
 * Thread-safe.
 */
public final class LibraryScan {

    private final Indexer indexer;
    private final Supplier<FolderScanner> scanners;
    private final PeopleService people;
    private final LibraryStore store;
    private final Supplier<FaceRegionSync> regions;
    private final Function<Consumer<IndexProgress>, PrepareClusteringOnFirstFace> preparations;

    /**
     * @param scanners     a scanner for the active model pack
     * @param regions      the names-in-photos use case (made only when an import runs)
     * @param preparations wraps a progress listener in a {@link PrepareClusteringOnFirstFace} that whoever closes the
     *                     library waits for
     */
    public LibraryScan(Indexer indexer, Supplier<FolderScanner> scanners, PeopleService people, LibraryStore store,
                       Supplier<FaceRegionSync> regions, Function<Consumer<IndexProgress>, PrepareClusteringOnFirstFace> preparations) {
        this.indexer = indexer;
        this.scanners = scanners;
        this.people = people;
        this.store = store;
        this.regions = regions;
        this.preparations = preparations;
    }

    /**
     * What a whole scan did.
     *
     * @param walk              what the walk found (photos seen, added, changed, moved, missing, twins, warnings)
     * @param indexing          the indexing run's final progress (photos done and failed, faces found)
     * @param after             the import and grouping that followed
     * @param walkSeconds       from the start to the end of the walk (indexing overlaps it)
     * @param indexingSeconds   from the start until the last photo was indexed
     * @param seconds           the whole scan, grouping included
     */
    public record Report(ScanSummary walk, IndexProgress indexing, AfterIndexing after, double walkSeconds,
                         double indexingSeconds, double seconds) {

        /** Photos indexed without a failure. */
        public int photosIndexed() {
            return indexing.photosDone() - indexing.photosFailed();
        }
    }

    /**
     * What follows indexing.
     *
     * @param imported          the names imported from the photos' metadata, or null when that setting is off
     * @param facesClustered    new faces grouped
     * @param clusteringSeconds the grouping's time
     */
    public record AfterIndexing(FaceRegionSync.ImportSummary imported, int facesClustered, double clusteringSeconds) {
    }

    /**
     * A whole scan on this thread: start, walk, wait for the indexing, import, group.
     *
     * @param progress told from worker threads as photos are indexed
     * @param started  told the run as soon as it exists (the command line cancels it when the process is stopped)
     * @throws MissingFolderException when a root does not exist (nothing is changed, no run is left behind)
     */
    public Report run(List<Path> roots, Consumer<IndexProgress> progress, Consumer<Indexer.IndexRun> started)
            throws MissingFolderException, InterruptedException {
        FolderScanner.realRoots(roots); // a missing folder: said before anything starts
        return runWalk(queued -> locked(() -> scanners.get().scan(roots, queued)), progress, started);
    }

    /**
     * {@link #run} for a walk the caller drives (the watcher: it rescans the directories that changed, for as long as
     * changes keep coming, then returns): the workers index what it queues meanwhile; then import and grouping.
     */
    public Report runWalk(Indexer.Walk walker, Consumer<IndexProgress> progress, Consumer<Indexer.IndexRun> started)
            throws MissingFolderException, InterruptedException {
        long start = System.nanoTime();
        try (PrepareClusteringOnFirstFace prepare = preparations.apply(progress)) {
            Indexer.IndexRun run = indexer.startWhileQueueing(prepare);
            ScanSummary walk;
            long walked;
            IndexProgress indexed;
            try {
                started.accept(run);
                walk = run.scan(walker);
                walked = System.nanoTime();
            } finally {
                indexed = run.await(); // a walk that failed still lets the run end before the scan does
            }
            long indexedAt = System.nanoTime();
            // The grouping waits for the preparation anyway; one started this late would outlive the scan.
            prepare.close();
            AfterIndexing after = afterIndexing();
            return new Report(walk, indexed, after, (walked - start) / 1e9, (indexedAt - start) / 1e9,
                    (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Step 1 and 2 for the window: starts the workers for a walk to come, with the clustering preparation on the first
     * face. Then {@link #walk} the folders for it, and {@link #afterIndexing} when it has ended.
     */
    public Indexer.IndexRun startRun(Consumer<IndexProgress> progress) {
        return indexer.startWhileQueueing(preparations.apply(progress));
    }

    /** The calling thread runs at the indexing workers' priority from now on ({@link Indexer#lowerCurrentThreadToWorkers}). */
    public void lowerCurrentThreadToWorkers() {
        indexer.lowerCurrentThreadToWorkers();
    }

    /** Starts indexing what is queued already (what a previous session left), with the clustering preparation. */
    public Indexer.IndexRun resumeQueued(Consumer<IndexProgress> progress) {
        return indexer.start(preparations.apply(progress));
    }

    /** Step 3: walks {@code roots} for {@code run}, which indexes what the walk queues. */
    public ScanSummary walk(Indexer.IndexRun run, List<Path> roots) throws MissingFolderException {
        return run.scan(queued -> locked(() -> scanners.get().scan(roots, queued)));
    }

    /** A walk alone, queueing for a run under way (a folder added while another is indexed). */
    public ScanSummary walkOnly(List<Path> roots) throws MissingFolderException {
        return locked(() -> scanners.get().scan(roots));
    }

    /**
     * Brings some directories of the library folder {@code root} up to date (the watcher's and the look at start's
     * step 3: see {@link FolderScanner#rescan}); queues for whichever run is going, calling {@code onJobsQueued}.
     */
    public ScanSummary rescan(Path root, java.util.Collection<Path> dirs, java.util.function.Predicate<Path> notYet,
                              Runnable onJobsQueued) {
        try {
            return locked(() -> scanners.get().rescan(root, dirs, notYet, onJobsQueued));
        } catch (MissingFolderException e) {
            throw new IllegalStateException(e); // a rescan never throws it
        }
    }

    /**
     * One walk at a time in this process: two walks registering the same new file at once would both add it. The
     * window's "Add a folder", its rescans and the watcher's all take it; a walk waits for the one under way.
     */
    private final java.util.concurrent.locks.ReentrantLock walking = new java.util.concurrent.locks.ReentrantLock();

    private ScanSummary locked(ScanWork work) throws MissingFolderException {
        walking.lock();
        try {
            return work.get();
        } finally {
            walking.unlock();
        }
    }

    @FunctionalInterface
    private interface ScanWork {
        ScanSummary get() throws MissingFolderException;
    }

    /** Step 4, once a run has ended: imports the names other programs wrote (when the user turned that on), then groups the new faces. */
    public AfterIndexing afterIndexing() {
        FaceRegionSync.ImportSummary imported = null;
        if (FaceRegionSync.importOnScan(store)) {
            imported = regions.get().importRegions(FaceRegionSync.Selection.everything());
        }
        long t = System.nanoTime();
        int clustered = people.clusterNewFaces();
        return new AfterIndexing(imported, clustered, (System.nanoTime() - t) / 1e9);
    }

    /** Loads every worker's models now, so that a timed scan does not include it (the benchmark). */
    public void warmUp() {
        indexer.warmUp();
    }
}
