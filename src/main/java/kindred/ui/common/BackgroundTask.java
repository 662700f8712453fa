package kindred.ui.common;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A piece of slow work (database, disk, decoding) for a {@link TaskExecutor}, with callbacks that the
 * executor runs on the UI thread. Built fluently:
 * {@code BackgroundTask.of("Loading people", people::people).onSuccess(list::setAll).onFailure(errors::show)}.
 *
 * @param <T> the result type
 */
public final class BackgroundTask<T> {

    /** The work itself; runs on a background thread. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<? super Throwable> onFailure;
    private BooleanSupplier stillWanted = () -> true;

    private BackgroundTask(String title, Work<T> work) {
        this.title = Objects.requireNonNull(title);
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    /** Work without a result. */
    public static BackgroundTask<Void> run(String title, ThrowingRunnable work) {
        return new BackgroundTask<>(title, () -> {
            work.run();
            return null;
        });
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Runs on the UI thread with the result. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> c) {
        this.onSuccess = Objects.requireNonNull(c);
        return this;
    }

    /** Runs on the UI thread when the work throws; without it the executor's default handler gets the error. */
    public BackgroundTask<T> onFailure(Consumer<? super Throwable> c) {
        this.onFailure = c;
        return this;
    }

    /** Checked just before the work starts: when false the task is dropped without callbacks (e.g. a cell scrolled away). */
    public BackgroundTask<T> onlyIf(BooleanSupplier s) {
        this.stillWanted = Objects.requireNonNull(s);
        return this;
    }

    public String title() {
        return title;
    }

    boolean stillWanted() {
        return stillWanted.getAsBoolean();
    }

    T call() throws Exception {
        return work.call();
    }

    void succeeded(T result) {
        onSuccess.accept(result);
    }

    /** Returns false when the task has no failure handler of its own. */
    boolean failed(Throwable t) {
        if (onFailure == null) {
            return false;
        }
        onFailure.accept(t);
        return true;
    }
}
