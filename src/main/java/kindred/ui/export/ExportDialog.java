package kindred.ui.export;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import kindred.ui.common.Views;

/**
 * "Write names into the photos": where to write (sidecar by default, embedded on request, said in plain words), a
 * preview of the files that would change, Export with progress, and the summary. Binds {@link ExportViewModel}.
 */
public final class ExportDialog extends Stage {

    private final ExportViewModel vm;

    /** The dialog of {@code vm}, over {@code owner} (null for none). */
    public ExportDialog(Window owner, ExportViewModel vm) {
        this.vm = vm;
        // The title says what the chosen target does: by default a sidecar file next to each photo, which never
        // changes the photo itself.
        titleProperty().bind(Bindings.createStringBinding(() -> title(vm.targetProperty().get()), vm.targetProperty()));
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }

        Label header = Views.styled("", "dialog-title");
        header.setId("export-title");
        header.textProperty().bind(Bindings.createStringBinding(() -> "Write the names in " + vm.what() + " "
                + where(vm.targetProperty().get()), vm.targetProperty()));
        header.setWrapText(true);
        Label promise = Views.styled(ExportViewModel.PROMISE, "muted");
        promise.setWrapText(true);

        ToggleGroup where = new ToggleGroup();
        VBox choices = new VBox(6);
        for (ExportViewModel.Target t : ExportViewModel.Target.values()) {
            RadioButton r = new RadioButton(t.label());
            r.setId("export-" + t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            r.setUserData(t);
            r.setToggleGroup(where);
            r.setWrapText(true);
            r.setSelected(vm.targetProperty().get() == t);
            choices.getChildren().add(r);
        }
        where.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.targetProperty().set((ExportViewModel.Target) b.getUserData());
            }
        });
        choices.disableProperty().bind(vm.runningProperty());
        Label embeddedNote = Views.styled("Kindred replaces only its own face regions and name keywords inside each photo and "
                + "keeps everything else; each file is replaced in one step. Keep a backup of your photos if unsure.", "note");
        embeddedNote.setWrapText(true);
        embeddedNote.visibleProperty().bind(vm.targetProperty().isEqualTo(ExportViewModel.Target.EMBEDDED));
        embeddedNote.managedProperty().bind(embeddedNote.visibleProperty());

        Label summary = Views.summaryLine("export-summary", vm.summaryProperty());
        Label error = Views.errorLine("export-error", vm.errorProperty());
        ProgressBar bar = Views.progressWhile(vm.progressProperty(), vm.runningProperty());

        ListView<String> files = new ListView<>(vm.files());
        files.setId("export-files");
        files.setPlaceholder(new Label("No file to change."));
        files.setPrefHeight(180);
        files.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            {
                setPrefWidth(0); // as wide as the list, never wider: a long folder ends in "…", with a tooltip
            }

            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                setTooltip(empty || s == null ? null : new javafx.scene.control.Tooltip(s));
            }
        });
        VBox.setVgrow(files, Priority.ALWAYS);
        ListView<String> problems = new ListView<>(vm.problems());
        problems.setId("export-problems");
        problems.setPrefHeight(90);
        Label problemsTitle = Views.styled("Skipped, and why", "section");
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        problemsTitle.visibleProperty().bind(problems.visibleProperty());
        problemsTitle.managedProperty().bind(problems.visibleProperty());
        Label filesTitle = Views.styled("", "section");
        filesTitle.textProperty().bind(Bindings.when(vm.doneProperty()).then("Files written").otherwise("Files that would change"));

        Button export = new Button("Export");
        export.setId("export-run");
        export.setDefaultButton(true);
        export.disableProperty().bind(vm.runningProperty().or(vm.previewedProperty().not()));
        export.setOnAction(e -> vm.export());
        Button close = new Button("Close");
        close.setId("export-close");
        close.setCancelButton(true);
        close.setOnAction(e -> hide());
        close.textProperty().bind(Bindings.when(vm.doneProperty()).then("Done").otherwise("Close"));
        HBox buttons = new HBox(8, Views.spacer(), close, export);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox box = new VBox(10, header, promise, Views.styled("Where to write", "section"), choices, embeddedNote,
                summary, bar, error, filesTitle, files, problemsTitle, problems, buttons);
        box.getStyleClass().add("export-dialog");
        box.setPadding(new Insets(18, 20, 16, 20));
        Scene scene = new Scene(box, 640, 600);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !vm.runningProperty().get()) {
                hide();
            }
        });
        setScene(scene);
        setMinWidth(480);
        setMinHeight(420);
        setOnShown(e -> vm.preview());
    }

    /** The window's title for {@code t}: "Write names into a sidecar file next to each photo" by default. */
    static String title(ExportViewModel.Target t) {
        return "Write names " + where(t);
    }

    private static String where(ExportViewModel.Target t) {
        return t == ExportViewModel.Target.EMBEDDED ? "inside the photos (changes the photo files)"
                : "into a sidecar file next to each photo";
    }

    ExportViewModel viewModel() {
        return vm;
    }
}
