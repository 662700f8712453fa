package kindred.ui.roster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.roster.Roster;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.TaskExecutor;

/**
 * "Import a roster…": the roster folder or CSV file, the import in the background ({@link Roster#importRoster}: the
 * reference photos are indexed, one face of each named) with progress, and what it did in words, with the photos that
 * had several faces and those that gave none. Call from the UI thread.
 */
public final class RosterImportViewModel {

    /** The three layouts, as the dialog explains them. */
    public static final String LAYOUTS = "A roster is a folder with a sub-folder per person (\"Ada Lovelace/1.jpg\"), a "
            + "folder of photos named by person (\"Ada Lovelace.jpg\", \"Ada Lovelace 2.jpg\"), or a CSV file of name and "
            + "photo path. Each photo gives its person one confirmed face (the largest, when it shows several). The photos "
            + "stay where they are and are never exported as photos of a shoot.";

    private final Kindred services;
    private final TaskExecutor executor;
    private final Runnable changed;
    private final StringProperty source = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<String> notes = FXCollections.observableArrayList();

    /** @param changed told (on the UI thread) once people were made or named, so that the pages reload */
    public RosterImportViewModel(Kindred services, TaskExecutor executor, Runnable changed) {
        this.services = services;
        this.executor = executor;
        this.changed = changed;
    }

    /** Imports the roster at {@link #sourceProperty()}. */
    public void importRoster() {
        String s = source.get() == null ? "" : source.get().strip();
        if (running.get()) {
            return;
        }
        if (s.isEmpty()) {
            error.set("Choose the roster folder or CSV file first.");
            return;
        }
        running.set(true);
        done.set(false);
        error.set("");
        notes.clear();
        progress.set(-1);
        summary.set("Reading the reference photos…");
        AtomicInteger shownPercent = new AtomicInteger(-1);
        executor.execute(BackgroundTask.of("Importing a roster", () -> services.roster().importRoster(Path.of(s), p -> {
                    int total = p.photosTotal();
                    if (total > 0 && shownPercent.getAndSet(p.photosDone() * 100 / total) != p.photosDone() * 100 / total) {
                        executor.runOnUi(() -> progress.set((double) p.photosDone() / total));
                    }
                }))
                .onSuccess(r -> {
                    running.set(false);
                    progress.set(1);
                    summary.set(text(r));
                    notes.setAll(notes(r));
                    done.set(true);
                    changed.run();
                })
                .onFailure(t -> {
                    running.set(false);
                    progress.set(0);
                    summary.set("");
                    error.set(Messages.forUser(t));
                }));
    }

    static String text(Roster.ImportReport r) {
        if (r.facesNamed() == 0 && r.people() > 0) {
            return "Nothing changed: the " + Messages.count(r.people(), "person") + " of this roster already have their "
                    + Messages.count(r.referenceFaces(), "reference face") + ".";
        }
        return Messages.count(r.people(), "person") + " on the roster (" + r.peopleCreated() + " new): "
                + Messages.count(r.facesNamed(), "reference face") + " named. Scan the shoot: Review then shows who Kindred "
                + "found, with how sure it is, and Unnamed the faces no one on the roster matches.";
    }

    static List<String> notes(Roster.ImportReport r) {
        List<String> out = new ArrayList<>();
        for (Roster.Ambiguity a : r.ambiguous()) {
            out.add(a.person() + ": " + Path.of(a.photo()).getFileName() + " shows " + a.faces()
                    + " faces; the largest was taken (open the photo to name another one)");
        }
        for (Roster.Problem p : r.problems()) {
            out.add((p.person() == null ? "" : p.person() + ": ") + (p.photo() == null ? p.reason()
                    : Path.of(p.photo()).getFileName() + ": " + p.reason()));
        }
        return out;
    }

    /** The roster folder or CSV file. */
    public StringProperty sourceProperty() {
        return source;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the photos are being listed. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Photos with several faces, and photos that gave no face, each with what happened. */
    public ObservableList<String> notes() {
        return notes;
    }
}
