package kindred.library;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The library's undo history (port): the newest decisions, each with what puts it back, shared by the window and the
 * command line. Writes join the caller's store transaction when there is one, so a decision and its entry are stored
 * together or not at all. Thread-safe.
 */
public interface UndoLog {

    /**
     * How many decisions the history keeps. Each entry holds the assignments of every face its decision touched (a merge
     * of a person with 5,000 faces: a few hundred kilobytes), and nobody retraces more than a few steps by undo; 20 is
     * what the window kept in memory before the history moved into the library.
     */
    int KEPT = 20;

    /** Adds a decision as the newest entry and drops the oldest beyond {@link #KEPT}; returns the entry. */
    Undo push(String description, Undo.Step step);

    /** The newest entry, if any. */
    Optional<Undo> newest();

    /** Removes an entry (undone, or failed to undo); false when it was not there. */
    boolean remove(long id);

    /** Empties the history (after forgetting a person: nothing may bring their faces back). */
    void clear();

    /** A history kept in memory only, for a {@link People} without a library file of its own (tests, benchmarks). */
    static UndoLog inMemory() {
        return new UndoLog() {
            private final Deque<Undo> entries = new ArrayDeque<>();
            private long next = 1;

            @Override
            public synchronized Undo push(String description, Undo.Step step) {
                Undo u = new Undo(next++, System.currentTimeMillis(), description, step);
                entries.push(u);
                while (entries.size() > KEPT) {
                    entries.removeLast();
                }
                return u;
            }

            @Override
            public synchronized Optional<Undo> newest() {
                return Optional.ofNullable(entries.peek());
            }

            @Override
            public synchronized boolean remove(long id) {
                return entries.removeIf(u -> u.id() == id);
            }

            @Override
            public synchronized void clear() {
                entries.clear();
            }
        };
    }
}
