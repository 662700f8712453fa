package kindred.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import kindred.application.Kindred;
import kindred.library.Decided;
import kindred.library.PeopleService;
import kindred.library.Undo;

/**
 * The window's view of the library's undo history, which the command line shares ({@code kindred undo}): each decision
 * of the people use cases writes what undoes it there itself. The view models make their decisions through
 * {@link #decide}; Ctrl+Z undoes the newest decision of the library, whoever made it, on the task executor. Call from
 * the UI thread.
 */
public final class UndoHistory {

    private final Kindred services;
    private final TaskExecutor executor;
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper nextUndo = new ReadOnlyStringWrapper("");
    private final StringProperty message = new SimpleStringProperty("");
    private final List<Runnable> undone = new ArrayList<>();
    private boolean running;

    public UndoHistory(Kindred services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
    }

    /**
     * Runs a decision of the people use cases in the background; then, on the UI thread, shows its undo as the next
     * Ctrl+Z and passes the result to {@code done}, or what went wrong, in words for the user, to {@code failed}.
     *
     * @param title what the task list says meanwhile ("Naming")
     */
    public <T> void decide(String title, Function<PeopleService, Decided<T>> decision, Consumer<T> done, Consumer<String> failed) {
        executor.execute(BackgroundTask.of(title, () -> decision.apply(services.people()))
                .onSuccess(d -> {
                    if (d.undo() != null) {
                        show(d.undo());
                    }
                    done.accept(d.result());
                })
                .onFailure(t -> failed.accept(Messages.forUser(t))));
    }

    /** Reads the newest entry of the library's history again (at start, or after another program changed it). */
    public void refresh() {
        executor.execute(BackgroundTask.of("Reading the undo history", () -> services.people().newestUndo())
                .onSuccess(u -> show(u.orElse(null))));
    }

    /** Shows again what Ctrl+Z would undo (after "forget a person", which empties the library's history). */
    public void clear() {
        refresh();
    }

    /** Called on the UI thread after an undo, to reload what shows the library. */
    public void onUndone(Runnable r) {
        undone.add(r);
    }

    /** Undoes the newest decision of the library; does nothing while one is being undone. */
    public void undo() {
        if (running) {
            return;
        }
        running = true;
        update(null);
        executor.execute(BackgroundTask.of("Undoing", () -> services.people().undoLast())
                .onSuccess(u -> {
                    running = false;
                    if (u.isEmpty()) {
                        show(null);
                        message.set(null);
                        message.set("Nothing to undo");
                        return;
                    }
                    message.set("Undone: " + u.get().description());
                    refresh();
                    undone.forEach(Runnable::run);
                })
                .onFailure(t -> {
                    running = false;
                    message.set("Could not undo: " + Messages.forUser(t));
                    refresh();
                    undone.forEach(Runnable::run);
                }));
    }

    private void show(Undo newest) {
        update(newest == null ? "" : newest.description());
    }

    private void update(String next) {
        if (next != null) {
            nextUndo.set(next);
        }
        canUndo.set(!nextUndo.get().isEmpty() && !running);
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** What Ctrl+Z would undo, e.g. "confirming 3 faces" ("" when nothing). */
    public ReadOnlyStringProperty nextUndoProperty() {
        return nextUndo.getReadOnlyProperty();
    }

    public StringProperty messageProperty() {
        return message;
    }
}
