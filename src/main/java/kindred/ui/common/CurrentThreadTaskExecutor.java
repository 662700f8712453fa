package kindred.ui.common;

import java.util.function.Consumer;

/** Runs every task and callback at once on the calling thread: deterministic view-model tests without a window. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private Consumer<Throwable> defaultFailure = t -> {
        throw new IllegalStateException("background task failed", t);
    };

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        if (!task.stillWanted()) {
            return;
        }
        T result;
        try {
            result = task.call();
        } catch (Exception | Error e) {
            if (!task.failed(e)) {
                defaultFailure.accept(e);
            }
            return;
        }
        task.succeeded(result);
    }

    @Override
    public void runOnUi(Runnable r) {
        r.run();
    }

    @Override
    public void setDefaultFailureHandler(Consumer<Throwable> handler) {
        this.defaultFailure = handler;
    }

    @Override
    public void close() {
    }
}
