package kindred.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import kindred.library.FaceAnalyzer;
import kindred.library.IndexJob;
import kindred.library.IndexProgress;
import kindred.library.LibraryStore;
import kindred.library.MetadataReader;
import kindred.library.MissingFolderException;
import kindred.library.scan.PhotoIndexer;
import kindred.library.ScanSummary;
import kindred.library.ModelPacks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background indexing: drains the persistent job queue with one worker thread per core, each owning its
 * own analyzer (models loaded once per thread, never per photo). At most one photo per worker is in memory.
 * Each photo's result is committed with its job, so a killed process resumes where it stopped: jobs left
 * "running" go back to the queue at the next start. Thread-safe.
 */
public final class IndexingService implements kindred.library.Indexer {

    private static final Logger LOG = LoggerFactory.getLogger(IndexingService.class);

    /** Jobs claimed from the database per round trip, per worker. */
    private static final int CLAIM_PER_WORKER = 4;

    /** Window over which the displayed rate is averaged, in photos. */
    private static final int RATE_WINDOW = 32;

    private final LibraryStore store;
    private final MetadataReader metadata;
    private final ModelPacks vision;
    private final int threads;
    private final int nice;
    /** Threads this service started that may still run: runs' workers and the warm-up. {@link #close()} ends them. */
    private final java.util.Set<Thread> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Runs not yet finished; {@link #close()} cancels them. */
    private final java.util.Set<IndexRun> running = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** How long {@link #close()} waits for the photos in progress and the warm-up before it gives up on them. */
    static final long CLOSE_WAIT_MILLIS = 60_000;

    public IndexingService(LibraryStore store, MetadataReader metadata, ModelPacks vision, int threads) {
        this(store, metadata, vision, threads, 0);
    }

    /**
     * @param nice the workers' operating-system nice value (0: as the rest of the process); the window runs them
     *             lower so that the JavaFX and render threads get a core at once when they need one (ThreadNice)
     */
    public IndexingService(LibraryStore store, MetadataReader metadata, ModelPacks vision, int threads, int nice) {
        this.store = store;
        this.metadata = metadata;
        this.vision = vision;
        this.threads = Math.max(1, threads);
        this.nice = Math.max(0, nice);
    }

    /** Worker threads per run. */
    public int threads() {
        return threads;
    }

    /** The workers' nice value (0: unchanged). */
    public int nice() {
        return nice;
    }

    @Override
    public void lowerCurrentThreadToWorkers() {
        ThreadNice.lowerCurrentThread(nice);
    }

    /**
     * {@link #warmUp()} on a daemon thread at the workers' priority: the window calls it at start, so the first
     * photo does not wait for the models and no UI thread ever loads them.
     */
    public java.util.concurrent.CompletableFuture<Void> warmUpInBackground() {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            ThreadNice.lowerCurrentThread(nice);
            try {
                warmUp();
                done.complete(null);
            } catch (RuntimeException e) {
                LOG.warn("the face models could not be loaded ahead of indexing", e);
                done.completeExceptionally(e);
            } finally {
                started.remove(Thread.currentThread());
            }
        }, "kindred-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        started.add(t);
        t.start();
        return done;
    }

    /**
     * Analyzers of finished runs, kept for the next run with the pack they were made for: loading the models
     * (and TFLite's XNNPACK set-up) costs about as much as indexing a photo, per worker and per run.
     */
    private final java.util.Deque<FaceAnalyzer> idle = new java.util.ArrayDeque<>();
    private String idlePack;

    /** Loads one analyzer per worker ahead of the first run (e.g. when the library opens). */
    @Override
    public void warmUp() {
        List<FaceAnalyzer> made = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            made.add(borrowAnalyzer());
        }
        made.forEach(this::returnAnalyzer);
    }

    private FaceAnalyzer borrowAnalyzer() {
        String pack = vision.activePack();
        synchronized (idle) {
            if (!pack.equals(idlePack)) {
                closeIdle();
                idlePack = pack;
            }
            FaceAnalyzer a = idle.poll();
            if (a != null) {
                return a;
            }
        }
        return vision.newAnalyzer();
    }

    private void returnAnalyzer(FaceAnalyzer a) {
        synchronized (idle) {
            if (idle.size() < threads && vision.activePack().equals(idlePack)) {
                idle.push(a);
                return;
            }
        }
        a.close();
    }

    private void closeIdle() {
        FaceAnalyzer a;
        while ((a = idle.poll()) != null) {
            a.close();
        }
    }

    /**
     * Ends this service's work and frees the models kept between runs: running runs are cancelled (the photos in
     * progress are finished and saved, the rest stays queued), and their workers and a warm-up are waited for, at
     * most {@link #CLOSE_WAIT_MILLIS} in all, so that nothing this service started still writes into the library once
     * it is closed.
     */
    public void close() {
        running.forEach(IndexRun::cancel);
        long deadline = System.nanoTime() + CLOSE_WAIT_MILLIS * 1_000_000;
        for (Thread t : List.copyOf(started)) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (t.isAlive()) {
                LOG.warn("{} still runs after {} s; the library is closed under it", t.getName(), CLOSE_WAIT_MILLIS / 1000);
            }
        }
        synchronized (idle) {
            closeIdle();
        }
    }

    /** One worker per available core. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Starts draining the queue in the background; the run ends when the queue is empty. {@code listener} is
     * called from worker threads.
     */
    @Override
    public IndexRun start(Consumer<IndexProgress> listener) {
        return start(listener, false);
    }

    /**
     * Starts draining the queue while something is still filling it (a scan: {@link IndexRun#scan}): workers that
     * find the queue empty wait for {@link IndexRun#jobsQueued()} instead of ending, until
     * {@link IndexRun#noMoreJobs()}. Indexing then begins with the first photo the scan registers, instead of
     * after the whole walk and its hashing (docs/decisions/0007-speed.md).
     */
    @Override
    public IndexRun startWhileQueueing(Consumer<IndexProgress> listener) {
        return start(listener, true);
    }

    private IndexRun start(Consumer<IndexProgress> listener, boolean queueing) {
        if (running.isEmpty()) {
            // Jobs left "running" by a killed process go back to the queue; not while a run of this process has jobs
            // running (the window's run and the watcher's run side by side).
            store.requeueInterrupted();
        }
        IndexRun run = new IndexRun(listener, queueing);
        run.launch();
        return run;
    }

    /** A running drain of the queue: pause, resume, cancel, await. */
    public final class IndexRun implements kindred.library.Indexer.IndexRun {
        private final Consumer<IndexProgress> listener;
        private final Deque<IndexJob> buffer = new ArrayDeque<>();
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger faces = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        private final Deque<Long> finishTimes = new ArrayDeque<>();
        private final CountDownLatch finished;
        private final List<Thread> workers = new ArrayList<>();
        private final Object pauseLock = new Object();
        private volatile boolean paused;
        private volatile boolean cancelled;
        private volatile int total;
        private final long startNanos = System.nanoTime();
        /** Whether jobs may still be queued by someone else (a scan); guarded by {@code buffer}. */
        private boolean queueing;
        /** How many times {@link #jobsQueued()} was called; guarded by {@code buffer}. */
        private long queuedSignals;

        IndexRun(Consumer<IndexProgress> listener, boolean queueing) {
            this.listener = listener;
            this.queueing = queueing;
            this.finished = new CountDownLatch(threads);
            this.total = store.pendingJobs();
        }

        void launch() {
            running.add(this);
            for (int i = 0; i < threads; i++) {
                Thread t = new Thread(this::work, "kindred-indexer-" + (i + 1));
                t.setDaemon(true);
                t.setPriority(Thread.NORM_PRIORITY - 1); // the window stays responsive
                workers.add(t);
                started.add(t);
            }
            workers.forEach(Thread::start);
        }

        private void work() {
            ThreadNice.lowerCurrentThread(nice);
            FaceAnalyzer analyzer = null;
            try {
                analyzer = borrowAnalyzer();
                PhotoIndexer indexer = new PhotoIndexer(store, metadata, analyzer);
                IndexJob job;
                while ((job = next()) != null) {
                    PhotoIndexer.Outcome o = indexer.index(job);
                    faces.addAndGet(o.faces());
                    if (o.failureReason() != null) {
                        failed.incrementAndGet();
                    }
                    done.incrementAndGet();
                    listener.accept(progress().withLast(job.path(), o.faces(), o.failureReason()));
                }
                returnAnalyzer(analyzer);
                analyzer = null;
            } catch (RuntimeException e) {
                if (analyzer != null) {
                    analyzer.close(); // it may be in a bad state
                }
                LOG.error("indexing stopped", e);
                fatal.compareAndSet(null, e);
                cancelled = true;
            } finally {
                finished.countDown();
                try {
                    if (finished.getCount() == 0) {
                        running.remove(this);
                        releaseBuffered();
                        report();
                    }
                } finally {
                    started.remove(Thread.currentThread());
                }
            }
        }

        /** Waits for the workers themselves, the last one's release of unused jobs and final report included. */
        private void joinWorkers() throws InterruptedException {
            for (Thread t : workers) {
                if (t != Thread.currentThread()) {
                    t.join();
                }
            }
        }

        private IndexJob next() {
            while (true) {
                synchronized (pauseLock) {
                    while (paused && !cancelled) {
                        try {
                            pauseLock.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return null;
                        }
                    }
                }
                if (cancelled) {
                    return null;
                }
                synchronized (buffer) {
                    if (!buffer.isEmpty()) {
                        return buffer.poll();
                    }
                    // Read before claiming: a job committed after this claim comes with a later signal.
                    long signals = queuedSignals;
                    boolean more = queueing;
                    List<IndexJob> claimed = store.claimIndexJobs(threads * CLAIM_PER_WORKER);
                    buffer.addAll(claimed);
                    int now = done.get() + buffer.size() + store.pendingJobs() - claimed.size();
                    total = Math.max(total, Math.max(now, done.get() + buffer.size()));
                    if (!claimed.isEmpty()) {
                        return buffer.poll();
                    }
                    if (!more) {
                        return null; // drained, and nothing more is coming
                    }
                    while (signals == queuedSignals && queueing && !cancelled) {
                        try {
                            buffer.wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return null;
                        }
                    }
                }
                // More jobs, or the end of the queueing, or a cancel: look again (pause included).
            }
        }

        /** Jobs were queued (and committed) for this run to pick up: wakes a waiting worker. */
        public void jobsQueued() {
            synchronized (buffer) {
                queuedSignals++;
                buffer.notifyAll();
            }
        }

        /** Nothing more will be queued for this run: workers end once the queue is drained. Idempotent. */
        public void noMoreJobs() {
            synchronized (buffer) {
                queueing = false;
                buffer.notifyAll();
            }
        }

        /**
         * Scans {@code roots} on the calling thread while this run indexes what the scan queues; afterwards nothing
         * more is expected ({@link #noMoreJobs()}). When the scan fails, the run is cancelled (photos in progress
         * finish; the rest stays queued) and the failure rethrown.
         */
        @Override
        public ScanSummary scan(Walk walk) throws MissingFolderException {
            try {
                return walk.run(this::jobsQueued);
            } catch (MissingFolderException | RuntimeException e) {
                cancel();
                noMoreJobs();
                try {
                    finished.await(); // the photos in progress are saved before the caller reports the failure
                    joinWorkers();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            } finally {
                noMoreJobs();
            }
        }

        private void releaseBuffered() {
            List<Long> ids = new ArrayList<>();
            synchronized (buffer) {
                buffer.forEach(j -> ids.add(j.id()));
                buffer.clear();
            }
            if (!ids.isEmpty()) {
                store.releaseJobs(ids);
            }
        }

        private void report() {
            listener.accept(progress());
        }

        @Override
        public IndexProgress progress() {
            int d = done.get();
            double rate;
            synchronized (finishTimes) {
                long now = System.nanoTime();
                finishTimes.addLast(now);
                while (finishTimes.size() > RATE_WINDOW) {
                    finishTimes.removeFirst();
                }
                double secs = (now - (finishTimes.size() > 1 ? finishTimes.peekFirst() : startNanos)) / 1e9;
                int n = finishTimes.size() > 1 ? finishTimes.size() - 1 : d;
                rate = secs > 0 ? n / secs : 0;
            }
            int left = Math.max(0, total - d);
            String state = finished.getCount() == 0 ? (cancelled ? "cancelled" : "done") : paused ? "paused" : "running";
            return new IndexProgress(d, Math.max(total, d), faces.get(), failed.get(), rate,
                    rate > 0 ? left / rate : -1, state);
        }

        @Override
        public void pause() {
            paused = true;
            report();
        }

        @Override
        public void resume() {
            synchronized (pauseLock) {
                paused = false;
                pauseLock.notifyAll();
            }
            report();
        }

        /** Stops after the photos in progress; the rest stays queued for the next run. */
        @Override
        public void cancel() {
            cancelled = true;
            synchronized (buffer) {
                buffer.notifyAll();
            }
            resume();
        }

        public boolean isPaused() {
            return paused;
        }

        /** Waits until the queue is drained or the run is cancelled; rethrows a fatal library error. */
        @Override
        public IndexProgress await() throws InterruptedException {
            finished.await();
            joinWorkers(); // the last worker releases the jobs it claimed but did not start, after the count reached 0
            RuntimeException e = fatal.get();
            if (e != null) {
                throw e;
            }
            return progress();
        }

        public int facesFound() {
            return faces.get();
        }

        public int photosFailed() {
            return failed.get();
        }

        public int photosDone() {
            return done.get();
        }
    }
}
