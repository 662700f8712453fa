package kindred.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a fixed pool of daemon threads below normal priority and calls back on the JavaFX thread.
 * The window uses two: one for library work (queries, naming, scans) and one for images, so a screen of
 * thumbnails never waits behind a scan. Thread-safe.
 */
public final class FxTaskExecutor implements TaskExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final ExecutorService pool;
    private volatile Consumer<Throwable> defaultFailure = t -> LOG.error("background task failed", t);

    public FxTaskExecutor(String name, int threads) {
        this(name, threads, () -> { });
    }

    /** @param onThreadStart runs first on each of the pool's threads (to lower its operating-system priority) */
    public FxTaskExecutor(String name, int threads, Runnable onThreadStart) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(() -> {
                onThreadStart.run();
                r.run();
            }, "kindred-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        try {
            submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            if (!pool.isShutdown()) {
                throw e;
            }
            // The window closed: what it still asks for (a count after a watcher's late event) is no longer wanted.
            LOG.debug("task '{}' not run: the window has closed", task.title());
        }
    }

    private <T> void submit(BackgroundTask<T> task) {
        pool.execute(() -> {
            if (!task.stillWanted()) {
                return;
            }
            try {
                T result = task.call();
                runOnUi(() -> task.succeeded(result));
            } catch (Exception | Error e) {
                LOG.debug("task '{}' failed", task.title(), e);
                runOnUi(() -> {
                    if (!task.failed(e)) {
                        defaultFailure.accept(e);
                    }
                });
            }
        });
    }

    @Override
    public void runOnUi(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    @Override
    public void setDefaultFailureHandler(Consumer<Throwable> handler) {
        this.defaultFailure = handler;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
