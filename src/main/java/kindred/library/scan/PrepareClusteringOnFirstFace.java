package kindred.library.scan;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import kindred.library.IndexProgress;
import kindred.library.PeopleService;

/**
 * An indexing run's listener that, when the run has stored its first face, starts
 * {@link PeopleService#prepareClustering} on a thread of its own, and passes every progress on to the listener it
 * wraps.
 * <p>
 * The faces a scan finds are clustered when it ends. Most of that time in a new process went to reading the library's
 * faces and loading the clustering index (at 300,000 faces, 6 s in all against 1.7 s with the index already loaded);
 * started at the first face, that work overlaps the indexing of the scan's other photos (docs/decisions/0007-speed.md,
 * "Fifth round"). A run that finds no face starts nothing: a rescan that finds nothing new still costs no read.
 */
public final class PrepareClusteringOnFirstFace implements Consumer<IndexProgress>, AutoCloseable {

    /** How long {@link #close()} waits for a preparation under way (it reads the faces: seconds at 300,000). */
    public static final long CLOSE_WAIT_MILLIS = 60_000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PrepareClusteringOnFirstFace.class);

    private final PeopleService people;
    private final Consumer<IndexProgress> then;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Thread thread;

    public PrepareClusteringOnFirstFace(PeopleService people, Consumer<IndexProgress> then) {
        this.people = Objects.requireNonNull(people);
        this.then = Objects.requireNonNull(then);
    }

    @Override
    public void accept(IndexProgress p) {
        if (p.facesFound() > 0 && started.compareAndSet(false, true)) {
            Thread t = new Thread(this::prepare, "kindred-prepare-clustering");
            t.setDaemon(true); // a scan that is stopped does not wait for it: it writes nothing
            thread = t;
            t.start();
        }
        then.accept(p);
    }

    private void prepare() {
        try {
            people.prepareClustering();
        } catch (RuntimeException e) {
            // Only an early start lost: the clustering at the end of the scan reads what it needs and reports its errors.
            LOG.warn("could not load the faces for clustering while the scan goes on; they are read when it ends: {}",
                    e.toString());
        }
    }

    /**
     * Waits for a preparation under way, at most {@link #CLOSE_WAIT_MILLIS}, and starts none after: whoever closes the
     * library afterwards (a command returning) closes it with no reader of this one left. Idempotent.
     */
    @Override
    public void close() {
        started.set(true); // a progress that comes later starts nothing
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("the clustering preparation still runs after {} s; the library is closed under it", CLOSE_WAIT_MILLIS / 1000);
        }
    }

    /** Waits for the preparation when it was started (for tests and benchmarks); true when it was. */
    public boolean awaitPrepared() throws InterruptedException {
        Thread t = thread;
        if (t == null) {
            return false;
        }
        t.join();
        return true;
    }
}
