package kindred.ui.roster;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import kindred.ui.common.Navigation;
import kindred.ui.common.Views;

/**
 * "Import a roster…" (People page): what a roster is, the folder or CSV file, Import with progress, what it did, and
 * where to go next (Review, Unnamed). Binds {@link RosterImportViewModel}.
 */
public final class RosterImportDialog extends Stage {

    public RosterImportDialog(Window owner, RosterImportViewModel vm, Navigation main) {
        setTitle("Import a roster");
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }
        Label header = Views.styled("Import a roster: names with a reference photo each", "dialog-title");
        header.setWrapText(true);
        Label layouts = Views.styled(RosterImportViewModel.LAYOUTS, "muted");
        layouts.setWrapText(true);

        TextField source = new TextField();
        source.setId("roster-source");
        source.setPromptText("The roster folder or CSV file");
        source.textProperty().bindBidirectional(vm.sourceProperty());
        HBox.setHgrow(source, Priority.ALWAYS);
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("The roster folder");
            File f = c.showDialog(this);
            if (f != null) {
                vm.sourceProperty().set(f.getAbsolutePath());
            }
        });
        Button csv = new Button("CSV file…");
        csv.setOnAction(e -> {
            FileChooser c = new FileChooser();
            c.setTitle("The roster file");
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
            File f = c.showOpenDialog(this);
            if (f != null) {
                vm.sourceProperty().set(f.getAbsolutePath());
            }
        });
        HBox pick = new HBox(8, source, folder, csv);
        pick.disableProperty().bind(vm.runningProperty());

        Label summary = Views.summaryLine("roster-summary", vm.summaryProperty());
        Label error = Views.errorLine("roster-error", vm.errorProperty());
        ProgressBar bar = Views.progressWhile(vm.progressProperty(), vm.runningProperty());
        ListView<String> notes = new ListView<>(vm.notes());
        notes.setId("roster-notes");
        notes.setPrefHeight(140);
        Label notesTitle = Views.styled("Worth a look", "section");
        notes.visibleProperty().bind(Bindings.isNotEmpty(vm.notes()));
        notes.managedProperty().bind(notes.visibleProperty());
        notesTitle.visibleProperty().bind(notes.visibleProperty());
        notesTitle.managedProperty().bind(notes.visibleProperty());

        Button review = new Button("Review the suggestions");
        review.setOnAction(e -> {
            hide();
            main.openReview();
        });
        Button unnamed = new Button("Faces no one matches");
        unnamed.setOnAction(e -> {
            hide();
            main.openUnnamed();
        });
        review.visibleProperty().bind(vm.doneProperty());
        unnamed.visibleProperty().bind(vm.doneProperty());
        Button run = new Button("Import");
        run.setId("roster-run");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.runningProperty().or(vm.sourceProperty().isEmpty()));
        run.setOnAction(e -> vm.importRoster());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> hide());
        close.textProperty().bind(Bindings.when(vm.doneProperty()).then("Done").otherwise("Close"));
        HBox buttons = new HBox(8, review, unnamed, Views.spacer(), close, run);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox box = new VBox(10, header, layouts, pick, summary, bar, error, notesTitle, notes, buttons);
        box.getStyleClass().add("export-dialog");
        box.setPadding(new Insets(18, 20, 16, 20));
        Scene scene = new Scene(box, 640, 420);
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
        setMinHeight(320);
    }
}
