package kindred.ui.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.FolderInfo;
import kindred.library.PeopleService;
import kindred.library.gallery.GalleryExport;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.TaskExecutor;

/**
 * The "Export photos…" dialog: whose photos (a person, or several: each in a folder, or one folder for the photos that
 * show them all), from which folder, into which folder, copies or links, captions or not; a preview of the galleries
 * ({@link GalleryExport#plan}), then the export in the background with progress and a summary in words
 * ({@link GalleryExport#export}). Call from the UI thread.
 */
public final class GalleryExportViewModel {

    /** What the dialog promises, above the choices. */
    public static final String PROMISE = "Kindred copies the photos where these people are confirmed (suggestions do not "
            + "count), each with its RAW or HEIC twin, and never changes or overwrites a file: a name already taken gets a "
            + "number, and a photo already exported is left as it is. A manifest (manifest.csv, manifest.json) lists who is "
            + "in each photo.";

    /** How many photos the preview lists per gallery by name; the rest are counted. */
    static final int PHOTOS_SHOWN = 50;

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObservableList<String> people = FXCollections.observableArrayList();
    private final ObservableList<String> knownNames = FXCollections.observableArrayList();
    private final ObservableList<FolderInfo> folders = FXCollections.observableArrayList();
    private final ObjectProperty<FolderInfo> folder = new SimpleObjectProperty<>();
    private final StringProperty destination = new SimpleStringProperty("");
    private final BooleanProperty allOf = new SimpleBooleanProperty(false);
    private final BooleanProperty link = new SimpleBooleanProperty(false);
    private final BooleanProperty captions = new SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<String> galleries = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObjectProperty<GalleryExport.Report> result = new SimpleObjectProperty<>();
    private int generation;

    /** @param people whose photos, to begin with (a person's page or card); more can be added */
    public GalleryExportViewModel(Kindred services, TaskExecutor executor, List<String> people) {
        this.services = services;
        this.executor = executor;
        this.people.setAll(people);
        Runnable again = () -> {
            if (!running.get()) {
                done.set(false);
                preview();
            }
        };
        this.people.addListener((javafx.collections.ListChangeListener<String>) c -> again.run());
        allOf.addListener((o, a, b) -> again.run());
        folder.addListener((o, a, b) -> again.run());
        link.addListener((o, a, b) -> {
            if (b) {
                captions.set(false); // a link is the original itself
            }
        });
    }

    /** Loads the names and folders to choose from, then previews. */
    public void load() {
        executor.execute(BackgroundTask.of("Listing people and folders", () -> new Choices(
                        services.people().people(false).stream().map(PeopleService.PersonSummary::name).toList(),
                        services.queries().folders()))
                .onSuccess(c -> {
                    knownNames.setAll(c.names());
                    folders.setAll(c.folders());
                    preview();
                }));
    }

    private record Choices(List<String> names, List<FolderInfo> folders) {
    }

    /** Adds a person by name (any case; one that is not named in the library is said so by the preview). */
    public void addPerson(String name) {
        String n = name == null ? "" : name.strip();
        if (!n.isEmpty() && people.stream().noneMatch(p -> p.equalsIgnoreCase(n))) {
            people.add(n);
        }
    }

    public void removePerson(String name) {
        people.remove(name);
    }

    /** "the photos of Ada Lovelace", "the photos of Ada Lovelace and Alan Turing". */
    public String what() {
        return people.isEmpty() ? "photos" : "the photos of " + String.join(" and ", people);
    }

    private GalleryExport.Selection selection() {
        String to = destination.get() == null ? "" : destination.get().strip();
        return new GalleryExport.Selection(List.copyOf(people),
                allOf.get() ? GalleryExport.Grouping.ALL_OF : GalleryExport.Grouping.EACH_PERSON,
                folder.get() == null ? null : Path.of(folder.get().path()), to.isEmpty() ? Path.of(".") : Path.of(to),
                link.get() ? GalleryExport.Method.LINK : GalleryExport.Method.COPY, captions.get() && !link.get());
    }

    /** Lists the galleries the export would make, writing nothing. */
    public void preview() {
        if (running.get()) {
            return;
        }
        if (people.isEmpty()) {
            galleries.clear();
            summary.set("Add a person whose photos to export.");
            return;
        }
        int gen = ++generation;
        GalleryExport.Selection s = selection();
        error.set("");
        summary.set("Looking at " + what() + "…");
        executor.execute(BackgroundTask.of("Previewing the galleries", () -> services.galleries().plan(s))
                .onSuccess(plan -> {
                    if (gen != generation) {
                        return;
                    }
                    showPlan(plan);
                    summary.set(previewText(plan, s.folder() != null));
                })
                .onFailure(t -> {
                    if (gen == generation) {
                        galleries.clear();
                        summary.set("");
                        error.set(Messages.forUser(t));
                    }
                }));
    }

    /** Copies (or links) the photos into the destination. */
    public void export() {
        if (running.get()) {
            return;
        }
        if (destination.get() == null || destination.get().isBlank()) {
            error.set("Choose the folder to export into first.");
            return;
        }
        int gen = ++generation;
        GalleryExport.Selection s = selection();
        running.set(true);
        error.set("");
        progress.set(-1);
        summary.set("Exporting " + what() + "…");
        AtomicInteger shownPercent = new AtomicInteger(-1);
        executor.execute(BackgroundTask.of("Exporting photos", () -> services.galleries().export(s, (d, total) -> {
                    // One UI update per percent at most.
                    if (total > 0 && shownPercent.getAndSet(d * 100 / total) != d * 100 / total) {
                        executor.runOnUi(() -> {
                            if (gen == generation && running.get()) {
                                progress.set((double) d / total);
                            }
                        });
                    }
                }))
                .onSuccess(r -> {
                    if (gen != generation) {
                        return;
                    }
                    running.set(false);
                    progress.set(1);
                    result.set(r);
                    showPlan(r.plan());
                    problems.setAll(r.problems());
                    summary.set(doneText(r, s.to()));
                    done.set(true);
                })
                .onFailure(t -> {
                    if (gen != generation) {
                        return;
                    }
                    running.set(false);
                    progress.set(0);
                    summary.set("");
                    error.set("The export stopped: " + Messages.forUser(t) + " Files already exported are complete; "
                            + "exporting again finishes the rest without copying them twice.");
                }));
    }

    private void showPlan(GalleryExport.Plan plan) {
        List<String> out = new ArrayList<>();
        for (GalleryExport.Gallery g : plan.galleries()) {
            out.add(g.folder() + "   ·   " + Messages.count(g.photos().size(), "photo")
                    + (g.files() > g.photos().size() ? " (" + Messages.count(g.files(), "file") + " with their twins)" : ""));
            int shown = 0;
            for (GalleryExport.Photo p : g.photos()) {
                if (shown++ == PHOTOS_SHOWN) {
                    out.add("        … and " + Messages.count(g.photos().size() - PHOTOS_SHOWN, "more photo"));
                    break;
                }
                out.add("        " + Path.of(p.photo()).getFileName() + "   ·   " + p.caption());
            }
        }
        galleries.setAll(out);
    }

    static String previewText(GalleryExport.Plan plan, boolean oneFolder) {
        String where = oneFolder ? "this folder" : "the library";
        if (plan.photos() == 0) {
            return "There is no photo to export: nobody here is confirmed in a photo of " + where + " yet.";
        }
        return "Export would make " + Messages.count(plan.galleries().size(), "folder") + " with "
                + Messages.count(plan.photos(), "photo") + " (" + Messages.count(plan.files(), "file") + "). "
                + (plan.withoutNames().isEmpty() ? "" : Messages.count(plan.withoutNames().size(), "photo")
                + " of " + where + " show nobody named; the manifest lists them.");
    }

    static String doneText(GalleryExport.Report r, Path to) {
        StringBuilder b = new StringBuilder("Done: " + Messages.count(r.written(), "file") + " written into " + to);
        b.append(r.alreadyThere() > 0 ? "; " + Messages.count(r.alreadyThere(), "file") + " already there, left as they were" : "");
        b.append(r.numbered() > 0 ? "; " + Messages.count(r.numbered(), "photo") + " numbered, its name being taken" : "");
        b.append(r.captioned() > 0 ? "; " + Messages.count(r.captioned(), "caption") + " written into the copies" : "");
        b.append(". The manifest is ").append(r.manifestJson().getFileName()).append(" and ").append(r.manifestCsv().getFileName()).append('.');
        if (!r.problems().isEmpty()) {
            b.append(" ").append(Messages.count(r.problems().size(), "photo")).append(" could not be exported: see why below.");
        }
        return b.toString();
    }

    public ObservableList<String> people() {
        return people;
    }

    /** Everyone named, for the name field's completion. */
    public ObservableList<String> knownNames() {
        return knownNames;
    }

    /** The library's folders, to narrow the export to a shoot. */
    public ObservableList<FolderInfo> folders() {
        return folders;
    }

    /** The folder the photos come from (null: every folder). */
    public ObjectProperty<FolderInfo> folderProperty() {
        return folder;
    }

    /** The folder to export into. */
    public StringProperty destinationProperty() {
        return destination;
    }

    /** One folder for the photos that show all of the people, instead of a folder per person. */
    public BooleanProperty allOfProperty() {
        return allOf;
    }

    /** Links to the originals instead of copies. */
    public BooleanProperty linkProperty() {
        return link;
    }

    /** The names written as the caption of each copied JPEG. */
    public BooleanProperty captionsProperty() {
        return captions;
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

    /** Each gallery with its photo count, then its photos with who is in them. */
    public ObservableList<String> galleries() {
        return galleries;
    }

    /** Photos not exported, each with why. */
    public ObservableList<String> problems() {
        return problems;
    }

    /** The last export's figures. */
    public ObjectProperty<GalleryExport.Report> resultProperty() {
        return result;
    }
}
