package kindred.ui;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The window's last decisions (confirm, reject, ignore, name, merge, draw or remove a face…), newest first, each
 * with what puts it back. Ctrl+Z undoes the newest one through the people use cases, on the task executor. Kept in
 * memory only: closing the window ends it. Call from the UI thread.
 */
public final class UndoHistory {

    /** How many decisions can be undone one after another. */
    static final int LEVELS = 20;

    /** What puts a decision back; runs on a background thread. */
    @FunctionalInterface
    public interface Revert {
        void run(WindowServices services) throws Exception;
    }

    private record Entry(String description, Revert revert) {
    }

    private final WindowServices services;
    private final TaskExecutor executor;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper nextUndo = new ReadOnlyStringWrapper("");
    private final StringProperty message = new SimpleStringProperty("");
    private final List<Runnable> undone = new ArrayList<>();
    private boolean running;

    public UndoHistory(WindowServices services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
    }

    /** Remembers a decision just made; {@code description} completes "Undo …" (e.g. "confirming 3 faces"). */
    public void push(String description, Revert revert) {
        entries.push(new Entry(description, revert));
        while (entries.size() > LEVELS) {
            entries.removeLast();
        }
        update();
    }

    /** Forgets everything (after "forget a person": nothing may bring their faces back). */
    public void clear() {
        entries.clear();
        update();
    }

    /** Called on the UI thread after an undo, to reload what shows the library. */
    public void onUndone(Runnable r) {
        undone.add(r);
    }

    /** Undoes the newest decision; does nothing when there is none or one is being undone. */
    public void undo() {
        if (running || entries.isEmpty()) {
            if (entries.isEmpty()) {
                message.set(null);
                message.set("Nothing to undo");
            }
            return;
        }
        Entry e = entries.pop();
        running = true;
        update();
        executor.execute(BackgroundTask.run("Undoing " + e.description(), () -> e.revert().run(services))
                .onSuccess(r -> {
                    running = false;
                    update();
                    message.set("Undone: " + e.description());
                    undone.forEach(Runnable::run);
                })
                .onFailure(t -> {
                    running = false;
                    update();
                    message.set("Could not undo " + e.description() + ": " + Messages.forUser(t));
                    undone.forEach(Runnable::run);
                }));
    }

    private void update() {
        canUndo.set(!entries.isEmpty() && !running);
        nextUndo.set(entries.isEmpty() ? "" : entries.peek().description());
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

    int size() {
        return entries.size();
    }
}
