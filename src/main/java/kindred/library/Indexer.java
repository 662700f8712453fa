package kindred.library;

import java.util.function.Consumer;

/**
 * Port to background indexing: worker threads that drain the persistent job queue (decode, detect, embed, store).
 * Implemented by {@code kindred.worker.IndexingService}. Thread-safe.
 */
public interface Indexer {

    /**
     * Starts draining the queue while a walk still fills it ({@link IndexRun#scan}): indexing begins with the first
     * photo the walk registers. {@code listener} is called from worker threads.
     */
    IndexRun startWhileQueueing(Consumer<IndexProgress> listener);

    /** Starts draining what is queued already (what a previous session left); the run ends when the queue is empty. */
    IndexRun start(Consumer<IndexProgress> listener);

    /** Loads the models of every worker now, so that a timed run does not include it. */
    void warmUp();

    /**
     * From now on the calling thread runs at the workers' priority (their nice value), for good: only for a thread that
     * does nothing but background work, such as the watcher's, which walks folders and writes the library while the
     * user scrolls (a priority cannot be raised back without privileges).
     */
    default void lowerCurrentThreadToWorkers() {
    }

    /** A walk of folders that queues index jobs, telling {@code onJobsQueued} each time it committed some. */
    @FunctionalInterface
    interface Walk {
        ScanSummary run(Runnable onJobsQueued) throws MissingFolderException;
    }

    /** One run of the workers. Thread-safe. */
    interface IndexRun {

        /**
         * Runs {@code walk} on this thread, queueing for this run (the walk calls its argument each time it committed
         * jobs); the run ends once the walk has and the queue is drained. A walk that fails stops the run.
         */
        ScanSummary scan(Walk walk) throws MissingFolderException;

        /** Waits for the run to end (drained or cancelled) and its workers to finish. */
        IndexProgress await() throws InterruptedException;

        /** Where the run is now. */
        IndexProgress progress();

        void pause();

        void resume();

        /** Stops the run: the photos in progress are finished and saved, the rest stays queued for the next run. */
        void cancel();
    }
}
