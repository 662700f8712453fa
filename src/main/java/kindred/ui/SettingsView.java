package kindred.ui;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import kindred.library.FolderInfo;
import kindred.library.ModelFileInfo;

/** Settings: folders, library location, model packs (with the optional YuNet download), appearance. */
final class SettingsView extends ScrollPane {

    SettingsView(MainWindowViewModel main, Runnable addFolder) {
        SettingsViewModel vm = main.settings();
        VBox box = new VBox();
        box.getStyleClass().add("settings");

        ListView<FolderInfo> folders = new ListView<>(vm.folders());
        folders.setPrefHeight(96);
        folders.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FolderInfo f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.path() + "   ·   " + Messages.count(f.photos(), "photo")
                        + (f.present() ? "" : "   ·   not reachable (drive unplugged?)"));
            }
        });
        folders.setPlaceholder(new Label("No folders yet: add one to start."));
        Button add = Views.tip(new Button("Add a folder…"), "Ctrl+O");
        add.setOnAction(e -> addFolder.run());
        Button rescan = Views.tip(new Button("Rescan all folders"), "Finds new, changed, moved and missing photos; "
                + "names and confirmed faces are never lost");
        rescan.setOnAction(e -> main.indexing().rescanAll());

        Label lib = new Label();
        lib.textProperty().bind(vm.libraryDirProperty());
        lib.setWrapText(true);

        Label pack = new Label();
        pack.textProperty().bind(Bindings.createStringBinding(() -> "In use: " + ("yunet".equals(vm.activePackProperty().get())
                ? "YuNet detector + MobileFaceNet" : "built-in pack (BlazeFace detector + MobileFaceNet)"), vm.activePackProperty()));
        TableView<ModelFileInfo> models = new TableView<>(vm.models());
        models.setPrefHeight(150);
        models.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        models.getColumns().add(column("File", ModelFileInfo::file, 220));
        models.getColumns().add(column("Pack", ModelFileInfo::pack, 70));
        models.getColumns().add(column("Role", ModelFileInfo::role, 80));
        models.getColumns().add(column("Licence", ModelFileInfo::license, 90));
        TableColumn<ModelFileInfo, String> installed = new TableColumn<>("Installed");
        installed.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().present() ? "yes" : "no"));
        installed.setPrefWidth(70);
        models.getColumns().add(installed);
        models.getColumns().add(column("Source", ModelFileInfo::origin, 300));
        Label offer = new Label(SettingsViewModel.YUNET_OFFER);
        offer.setWrapText(true);
        offer.getStyleClass().add("muted");
        Button download = new Button("Download YuNet");
        download.disableProperty().bind(vm.downloadingProperty().or(vm.yunetInstalledProperty()));
        download.textProperty().bind(Bindings.when(vm.yunetInstalledProperty()).then("YuNet is installed")
                .otherwise(Bindings.when(vm.downloadingProperty()).then("Downloading…").otherwise("Download YuNet")));
        download.setOnAction(e -> vm.downloadYunet());

        CheckBox dark = new CheckBox("Dark theme");
        dark.selectedProperty().bindBidirectional(vm.darkProperty());

        Label thresholds = new Label("Thresholds: how similar two faces must be to be grouped or suggested is tuned "
                + "on public benchmarks; stricter means fewer wrong suggestions but more unnamed groups to name.");
        thresholds.setWrapText(true);
        thresholds.getStyleClass().add("muted");

        box.getChildren().addAll(
                Views.styled("Folders", "section"), folders, new HBox(8, add, rescan),
                Views.styled("Library", "section"), new Label("Names, faces and settings are kept in:"), lib,
                Views.styled("Face models", "section"), pack, models, offer, download, thresholds,
                Views.styled("Appearance", "section"), dark);
        box.setPadding(new Insets(16, 24, 24, 24));
        box.setAlignment(Pos.TOP_LEFT);
        box.setMaxWidth(1000);
        setContent(box);
        setFitToWidth(true);
    }

    private static TableColumn<ModelFileInfo, String> column(String title, java.util.function.Function<ModelFileInfo, String> value,
                                                           double width) {
        TableColumn<ModelFileInfo, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    static File chooseFolder(javafx.stage.Window owner) {
        DirectoryChooser ch = new DirectoryChooser();
        ch.setTitle("Add a photo folder");
        return ch.showDialog(owner);
    }
}
