package kindred.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Heap in use, sampled every {@link #EVERY_MILLIS} ms by a daemon thread, for {@code kindred bench}'s and the
 * test benchmarks' "peak heap". The
 * sum of each memory pool's own peak overstates it (the pools peak at different moments: a run under a 1 GB cap
 * printed 1,334 MB). Also tracks the live heap after each collection. Thread-safe.
 */
public final class HeapSampler implements AutoCloseable {

    /** Sampling period, milliseconds: short enough to catch a batch's peak, cheap enough not to disturb it. */
    static final long EVERY_MILLIS = 5;

    private long peakUsed;
    private long peakLive;
    private Thread thread;

    private HeapSampler() {
    }

    /** Starts sampling now. */
    public static HeapSampler start() {
        HeapSampler s = new HeapSampler();
        Thread t = new Thread(s::run, "kindred-heap-sampler");
        t.setDaemon(true);
        s.thread = t;
        t.start();
        return s;
    }

    /** Stops sampling (the peaks stay readable). */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(5_000); // the sampler does not outlive its measurement
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        var mem = ManagementFactory.getMemoryMXBean();
        while (true) {
            long used = mem.getHeapMemoryUsage().getUsed();
            long live = 0;
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                    live += p.getCollectionUsage().getUsed();
                }
            }
            synchronized (this) {
                peakUsed = Math.max(peakUsed, used);
                peakLive = Math.max(peakLive, live);
            }
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Forgets the peaks seen so far. */
    public synchronized void reset() {
        peakUsed = 0;
        peakLive = 0;
    }

    /** Peak heap in use since the start or the last {@link #reset}, MB. */
    public synchronized long peakUsedMb() {
        return peakUsed >> 20;
    }

    /** Peak live heap (what a collection left) since the start or the last {@link #reset}, MB. */
    public synchronized long peakLiveMb() {
        return peakLive >> 20;
    }
}
