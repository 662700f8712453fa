package kindred.ui.roster;

import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import kindred.application.Kindred;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.TaskExecutor;
import kindred.ui.common.UndoHistory;

/**
 * Review's "Confirm all above…": every waiting suggestion (of one person, or of everyone) whose chance of being
 * someone else is at most 1 in N, confirmed as one decision (Ctrl+Z undoes it) — `kindred confirm --one-in N`. The
 * threshold is said as the window's badges say it ("1 in 10,000"), because the confidences themselves all sit between
 * 0.998 and 0.999995. Call from the UI thread.
 */
public final class ConfirmAboveViewModel {

    /** The choices offered, as N of "1 in N". */
    public static final long[] CHOICES = {1_000, 10_000, 100_000};

    /**
     * The choice made to begin with (N of "1 in N"): on LFW a score reaching it is a false match for 1 face of
     * another person in 10,000 (PersonMatcher.CALIBRATION, score ≈ 0.62); the known-people roster fixture's right
     * suggestions all sit at 1 in 100,000 and it has no wrong one (RosterAndGalleriesTest).
     */
    public static final long RECOMMENDED = 10_000;

    private final Kindred services;
    private final TaskExecutor executor;
    private final UndoHistory history;
    private final String person;
    private final Runnable changed;
    private final LongProperty oneIn = new SimpleLongProperty(RECOMMENDED);
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private int generation;

    /**
     * @param person  whose suggestions (null: everyone not hidden, as Review lists them)
     * @param changed told once suggestions were confirmed, so that the pages reload
     */
    public ConfirmAboveViewModel(Kindred services, TaskExecutor executor, UndoHistory history, String person, Runnable changed) {
        this.services = services;
        this.executor = executor;
        this.history = history;
        this.person = person;
        this.changed = changed;
        oneIn.addListener((o, a, b) -> count());
    }

    /** The confidence "1 in N" stands for (`kindred confirm --one-in N`). */
    static double minConfidence(long n) {
        return Math.max(0, 1 - (1.0 / n) * (1 + 1e-9));
    }

    /** Counts the suggestions the threshold takes (and all the waiting ones). */
    public void count() {
        int gen = ++generation;
        long n = oneIn.get();
        executor.execute(BackgroundTask.of("Counting suggestions", () -> new int[] {
                        services.people().waitingSuggestions(person, minConfidence(n), Double.POSITIVE_INFINITY).size(),
                        services.people().waitingSuggestions(person, 0, Double.POSITIVE_INFINITY).size()})
                .onSuccess(c -> {
                    if (gen == generation) {
                        count.set(c[0]);
                        waiting.set(c[1]);
                        summary.set(c[1] == 0 ? "No suggestion is waiting."
                                : Messages.count(c[0], "suggestion") + " of " + c[1] + " waiting " + (c[0] == 1 ? "has" : "have")
                                + " at most a 1 in " + String.format("%,d", n) + " chance of being someone else.");
                    }
                }));
    }

    /** Confirms them, as one decision. */
    public void confirm() {
        if (running.get()) {
            return;
        }
        long n = oneIn.get();
        running.set(true);
        history.decide("Confirming suggestions", p -> p.confirmSuggestions(person, minConfidence(n)), c -> {
            running.set(false);
            done.set(true);
            summary.set("Confirmed " + Messages.count(c, "face") + ". Ctrl+Z undoes it.");
            changed.run();
        }, m -> {
            running.set(false);
            summary.set(m);
        });
    }

    /** Whose suggestions: a name, or null for everyone. */
    public String person() {
        return person;
    }

    /** N of "1 in N". */
    public LongProperty oneInProperty() {
        return oneIn;
    }

    /** How many suggestions the threshold takes (-1 until counted). */
    public ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }

    /** How many suggestions are waiting in all (-1 until counted). */
    public ReadOnlyIntegerProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
