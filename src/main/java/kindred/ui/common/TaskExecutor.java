package kindred.ui.common;

import java.util.function.Consumer;

/**
 * The one way the window runs slow work: view models submit {@link BackgroundTask}s, never start threads.
 * Callbacks come back on the UI thread. {@link FxTaskExecutor} runs tasks on a small pool and calls back on
 * the JavaFX thread; {@link CurrentThreadTaskExecutor} runs everything at once on the caller's thread, for
 * view-model tests.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Starts the task; returns at once (or, in tests, after it ran). */
    <T> void execute(BackgroundTask<T> task);

    /** Runs {@code r} on the UI thread (soon, or now when already there). For progress from worker threads. */
    void runOnUi(Runnable r);

    /** Where errors of tasks without their own failure handler go (set by the window to show a message). */
    void setDefaultFailureHandler(Consumer<Throwable> handler);

    @Override
    void close();
}
