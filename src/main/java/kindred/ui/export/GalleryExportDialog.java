package kindred.ui.export;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import kindred.library.FolderInfo;
import kindred.ui.common.Views;

/**
 * "Export photos…": whose photos (chips, a name field to add more), a folder per person or one for all of them
 * together, from which folder, into which folder, copies or links, captions; the galleries it would make, then Export
 * with progress and the summary. Binds {@link GalleryExportViewModel}.
 */
public final class GalleryExportDialog extends Stage {

    private final GalleryExportViewModel vm;

    /** The dialog of {@code vm}, over {@code owner} (null for none). */
    public GalleryExportDialog(Window owner, GalleryExportViewModel vm) {
        this.vm = vm;
        setTitle("Export photos");
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }
        Label header = Views.styled("Export " + vm.what(), "dialog-title");
        vm.people().addListener((javafx.collections.ListChangeListener<String>) c -> header.setText("Export " + vm.what()));
        header.setWrapText(true);
        Label promise = Views.styled(GalleryExportViewModel.PROMISE, "muted");
        promise.setWrapText(true);

        FlowPane chips = new FlowPane(6, 6);
        chips.setId("gallery-people");
        Runnable showChips = () -> {
            chips.getChildren().clear();
            for (String p : vm.people()) {
                Button chip = Views.tip(new Button(p + "  ×"), "Leave " + p + " out");
                chip.getStyleClass().add("chip");
                chip.setOnAction(e -> vm.removePerson(p));
                chips.getChildren().add(chip);
            }
        };
        vm.people().addListener((javafx.collections.ListChangeListener<String>) c -> showChips.run());
        showChips.run();
        TextField add = Views.nameField("Add a person… (type a name, Enter)", vm.knownNames());
        add.setId("gallery-add-person");
        add.setPrefColumnCount(18);
        add.setOnAction(e -> {
            vm.addPerson(add.getText());
            add.clear();
        });

        ToggleGroup grouping = new ToggleGroup();
        RadioButton each = new RadioButton("A folder per person");
        each.setId("gallery-each");
        RadioButton together = new RadioButton("One folder of the photos that show them all together");
        together.setId("gallery-all-of");
        each.setToggleGroup(grouping);
        together.setToggleGroup(grouping);
        each.setSelected(!vm.allOfProperty().get());
        together.setSelected(vm.allOfProperty().get());
        together.selectedProperty().addListener((o, a, b) -> vm.allOfProperty().set(b));
        HBox groupingBox = new HBox(16, each, together);
        groupingBox.visibleProperty().bind(Bindings.size(vm.people()).greaterThan(1));
        groupingBox.managedProperty().bind(groupingBox.visibleProperty());

        ChoiceBox<FolderInfo> from = new ChoiceBox<>();
        from.setId("gallery-from");
        from.getItems().add(null);
        vm.folders().addListener((javafx.collections.ListChangeListener<FolderInfo>) c -> {
            FolderInfo keep = from.getValue();
            from.getItems().setAll(vm.folders());
            from.getItems().add(0, null);
            from.setValue(keep);
        });
        from.setConverter(new StringConverter<>() {
            @Override
            public String toString(FolderInfo f) {
                return f == null ? "Every folder" : f.path();
            }

            @Override
            public FolderInfo fromString(String s) {
                return null;
            }
        });
        from.setValue(null);
        from.valueProperty().addListener((o, a, b) -> vm.folderProperty().set(b));
        from.setMaxWidth(Double.MAX_VALUE);

        TextField to = new TextField();
        to.setId("gallery-to");
        to.setPromptText("The folder to export into");
        to.textProperty().bindBidirectional(vm.destinationProperty());
        Button choose = new Button("Choose…");
        choose.setId("gallery-choose");
        choose.setOnAction(e -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle("Export into");
            File dir = c.showDialog(this);
            if (dir != null) {
                vm.destinationProperty().set(dir.getAbsolutePath());
            }
        });
        HBox.setHgrow(to, Priority.ALWAYS);

        ToggleGroup method = new ToggleGroup();
        RadioButton copies = new RadioButton("Copies");
        RadioButton links = new RadioButton("Links to the originals (no space used; they break if the photos move)");
        links.setId("gallery-links");
        copies.setToggleGroup(method);
        links.setToggleGroup(method);
        copies.setSelected(true);
        links.selectedProperty().addListener((o, a, b) -> vm.linkProperty().set(b));
        CheckBox captions = new CheckBox("Write the names as each copy's caption (\"Ada Lovelace, Alan Turing, left to right\"); "
                + "your photos are not changed");
        captions.setId("gallery-captions");
        captions.setWrapText(true);
        captions.selectedProperty().bindBidirectional(vm.captionsProperty());
        captions.disableProperty().bind(vm.linkProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, Views.styled("People", "section"), new VBox(6, chips, add, groupingBox));
        form.addRow(1, Views.styled("From", "section"), from);
        form.addRow(2, Views.styled("Into", "section"), new HBox(8, to, choose));
        form.addRow(3, Views.styled("As", "section"), new VBox(6, new HBox(16, copies, links), captions));
        javafx.scene.layout.ColumnConstraints grow = new javafx.scene.layout.ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.getColumnConstraints().addAll(labels, grow);
        form.disableProperty().bind(vm.runningProperty());

        Label summary = Views.summaryLine("gallery-summary", vm.summaryProperty());
        Label error = Views.errorLine("gallery-error", vm.errorProperty());
        ProgressBar bar = Views.progressWhile(vm.progressProperty(), vm.runningProperty());

        ListView<String> galleries = new ListView<>(vm.galleries());
        galleries.setId("gallery-list");
        galleries.setPlaceholder(new Label("No photo to export."));
        galleries.setPrefHeight(170);
        VBox.setVgrow(galleries, Priority.ALWAYS);
        ListView<String> problems = new ListView<>(vm.problems());
        problems.setId("gallery-problems");
        problems.setPrefHeight(80);
        Label problemsTitle = Views.styled("Not exported, and why", "section");
        problems.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        problems.managedProperty().bind(problems.visibleProperty());
        problemsTitle.visibleProperty().bind(problems.visibleProperty());
        problemsTitle.managedProperty().bind(problems.visibleProperty());

        Button export = new Button("Export");
        export.setId("gallery-run");
        export.setDefaultButton(true);
        export.disableProperty().bind(vm.runningProperty().or(vm.destinationProperty().isEmpty())
                .or(Bindings.isEmpty(vm.people())));
        export.setOnAction(e -> vm.export());
        Button close = new Button("Close");
        close.setId("gallery-close");
        close.setCancelButton(true);
        close.setOnAction(e -> hide());
        close.textProperty().bind(Bindings.when(vm.doneProperty()).then("Done").otherwise("Close"));
        HBox buttons = new HBox(8, Views.spacer(), close, export);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox box = new VBox(10, header, promise, form, summary, bar, error,
                Views.styled("Folders and photos", "section"), galleries, problemsTitle, problems, buttons);
        box.getStyleClass().add("export-dialog");
        box.setPadding(new Insets(18, 20, 16, 20));
        Scene scene = new Scene(box, 700, 680);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !vm.runningProperty().get()) {
                hide();
            }
        });
        setScene(scene);
        setMinWidth(520);
        setMinHeight(480);
        setOnShown(e -> vm.load());
    }

    GalleryExportViewModel viewModel() {
        return vm;
    }
}
