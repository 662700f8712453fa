package kindred.ui.export;

import java.util.ArrayList;
import java.util.List;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.regions.ExportOptions;
import kindred.library.regions.FaceRegionSync.ExportSummary;
import kindred.library.regions.FaceRegionSync.ExportedFile;
import kindred.library.regions.FaceRegionSync.Selection;
import kindred.library.regions.FaceRegionSync;
import kindred.library.regions.SidecarNaming;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.TaskExecutor;

/**
 * The "Write names into the photos" dialog: where to write, a preview (a dry run listing the files that would
 * change), then the export in the background with progress and a summary in words. One photo, one person's photos
 * or every photo ({@link Selection}); the work is {@link FaceRegionSync#export}. Call from the UI thread.
 */
public final class ExportViewModel {

    /** Where the names go. The first is what {@code kindred xmp export} does without options. */
    public enum Target {
        SIDECAR("A sidecar file next to each photo (photo.jpg.xmp, or photo.xmp when only that one exists)",
                new ExportOptions(true, false, SidecarNaming.AUTO, false)),
        SIDECAR_FULL("A sidecar named photo.jpg.xmp (digiKam, darktable, Immich)",
                new ExportOptions(true, false, SidecarNaming.FULL_NAME, false)),
        SIDECAR_BASE("A sidecar named photo.xmp (Lightroom, Capture One, Bridge)",
                new ExportOptions(true, false, SidecarNaming.BASE_NAME, false)),
        EMBEDDED("Inside the photo itself (JPEG only): changes your photo files",
                new ExportOptions(false, true, SidecarNaming.AUTO, false));

        private final String label;
        private final ExportOptions options;

        Target(String label, ExportOptions options) {
            this.label = label;
            this.options = options;
        }

        public String label() {
            return label;
        }

        ExportOptions options(boolean dryRun) {
            return new ExportOptions(options.sidecar(), options.embedded(), options.naming(), dryRun);
        }
    }

    /** What the dialog says about where Kindred writes, above the choices. */
    public static final String PROMISE = "Kindred never changes your photos unless you choose \"inside the photo\". "
            + "Sidecars are small files next to each photo that digiKam, Lightroom, Immich and PhotoPrism read. "
            + "Only the names you confirmed are written; suggestions are not.";

    /** How many files the preview lists by name; the rest are counted. */
    static final int PREVIEW_FILES_SHOWN = 200;

    private final Kindred services;
    private final TaskExecutor executor;
    private final Selection selection;
    private final String what;
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(Target.SIDECAR);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<String> files = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final BooleanProperty previewed = new SimpleBooleanProperty(false);
    private final ObjectProperty<ExportSummary> result = new SimpleObjectProperty<>();
    private int generation;

    public ExportViewModel(Kindred services, TaskExecutor executor, Selection selection) {
        this.services = services;
        this.executor = executor;
        this.selection = selection;
        this.what = describe(selection);
        target.addListener((o, a, b) -> {
            if (!running.get()) {
                previewed.set(false);
                done.set(false);
                preview();
            }
        });
    }

    /** "this photo (IMG_1.jpg)", "the photos where Anna is named", "every photo in the library". */
    static String describe(Selection s) {
        if (s.photoPath() != null) {
            int slash = Math.max(s.photoPath().lastIndexOf('/'), s.photoPath().lastIndexOf('\\'));
            return "this photo (" + s.photoPath().substring(slash + 1) + ")";
        }
        if (s.personName() != null) {
            return "the photos where " + s.personName() + " is named";
        }
        return "every photo in the library";
    }

    public String what() {
        return what;
    }

    public Selection selection() {
        return selection;
    }

    /** A dry run with the chosen target: lists the files that would change, writes nothing. */
    public void preview() {
        run(true);
    }

    /** Writes the names; ends with a summary. */
    public void export() {
        run(false);
    }

    private void run(boolean dryRun) {
        if (running.get()) {
            return;
        }
        int gen = ++generation;
        running.set(true);
        error.set("");
        progress.set(-1);
        summary.set(dryRun ? "Looking at " + what + "…" : "Writing the names…");
        Target used = target.get();
        ExportOptions options = used.options(dryRun);
        java.util.concurrent.atomic.AtomicInteger shownPercent = new java.util.concurrent.atomic.AtomicInteger(-1);
        executor.execute(BackgroundTask.of(dryRun ? "Previewing the export" : "Writing names into the photos",
                        () -> services.regions(List.of()).export(selection, options, (d, total) -> {
                            // One UI update per percent at most: 100,000 photos must not flood the FX thread.
                            if (total > 0 && shownPercent.getAndSet(d * 100 / total) != d * 100 / total) {
                                executor.runOnUi(() -> {
                                    if (gen == generation && running.get()) {
                                        progress.set((double) d / total);
                                    }
                                });
                            }
                        }))
                .onSuccess(s -> {
                    if (gen != generation) {
                        return;
                    }
                    running.set(false);
                    progress.set(1);
                    result.set(s);
                    showFiles(s);
                    summary.set(dryRun ? previewText(s) : doneText(s));
                    previewed.set(dryRun);
                    done.set(!dryRun);
                    if (used != target.get()) {
                        preview(); // the choice changed while this ran: what is shown must match it
                    }
                })
                .onFailure(t -> {
                    if (gen != generation) {
                        return;
                    }
                    running.set(false);
                    progress.set(0);
                    summary.set("");
                    error.set((dryRun ? "The preview did not work: " : "Nothing more was written: ") + Messages.forUser(t)
                            + (dryRun ? "" : " Files already written are complete; exporting again finishes the rest."));
                }));
    }

    private void showFiles(ExportSummary s) {
        List<String> out = new ArrayList<>();
        for (ExportedFile f : s.files()) {
            if (out.size() == PREVIEW_FILES_SHOWN) {
                out.add("… and " + Messages.count(s.files().size() - PREVIEW_FILES_SHOWN, "more file"));
                break;
            }
            // The file's name first: a long folder is what gets cut off in a narrow dialog.
            int n = f.change().regionsWritten();
            java.nio.file.Path file = f.change().file();
            out.add(file.getFileName() + "   ·   " + (n == 0 ? "names removed" : Messages.count(n, "name"))
                    + (f.change().created() ? ", new file" : "") + "   ·   in " + file.getParent());
        }
        files.setAll(out);
        problems.setAll(s.problems());
    }

    static String previewText(ExportSummary s) {
        if (s.photosConsidered() == 0) {
            return "There is no photo to write: " + (s.problems().isEmpty() ? "nobody is named in these photos yet." : "see below.");
        }
        if (s.filesWritten() == 0) {
            return "Nothing to write: the " + Messages.count(s.photosConsidered(), "photo") + " already say what Kindred knows"
                    + (s.problems().isEmpty() ? "." : ", except the ones below.");
        }
        return "Export would write " + Messages.count(s.regionsWritten(), "name") + " into " + Messages.count(s.filesWritten(), "file")
                + " for " + Messages.count(s.photosWritten(), "photo") + " (of " + s.photosConsidered() + " looked at)."
                + (s.problems().isEmpty() ? "" : " " + Messages.count(s.problems().size(), "photo") + " would be skipped: see below.");
    }

    static String doneText(ExportSummary s) {
        int upToDate = s.photosConsidered() - s.photosWritten() - s.problems().size();
        StringBuilder b = new StringBuilder("Done: wrote " + Messages.count(s.regionsWritten(), "name") + " into "
                + Messages.count(s.filesWritten(), "file") + " for " + Messages.count(s.photosWritten(), "photo") + ".");
        if (upToDate > 0) {
            b.append(" ").append(Messages.count(upToDate, "photo")).append(upToDate == 1 ? " was" : " were").append(" already up to date.");
        }
        if (!s.problems().isEmpty()) {
            b.append(" ").append(Messages.count(s.problems().size(), "photo")).append(" skipped: see why below.");
        }
        return b.toString();
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True after an export (not a preview) finished. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** True when the last run was a preview of the current target. */
    public BooleanProperty previewedProperty() {
        return previewed;
    }

    /** 0..1, or -1 while the photos are being listed. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** What went wrong and what to do, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The files the last preview or export changed, with what each got. */
    public ObservableList<String> files() {
        return files;
    }

    /** Photos skipped, each with why. */
    public ObservableList<String> problems() {
        return problems;
    }

    /** The last preview's or export's figures. */
    public ObjectProperty<ExportSummary> resultProperty() {
        return result;
    }
}
