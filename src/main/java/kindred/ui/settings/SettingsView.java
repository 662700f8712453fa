package kindred.ui.settings;

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
import kindred.ui.common.Messages;
import kindred.ui.common.Navigation;
import kindred.ui.common.Views;

/** Settings: folders, library location, model packs (with the optional YuNet download), appearance. */
public final class SettingsView extends ScrollPane {

    /** The page of {@code vm}; its buttons add a folder ({@code addFolder}), rescan ({@code rescanAll}) and export through {@code main}. */
    public SettingsView(SettingsViewModel vm, Runnable addFolder, Runnable rescanAll, Navigation main) {
        VBox box = new VBox();
        box.getStyleClass().add("settings");

        ListView<FolderInfo> folders = new ListView<>(vm.folders());
        folders.setPrefHeight(96);
        folders.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FolderInfo f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.path() + "   ·   " + Messages.count(f.photos(), "photo")
                        + (f.present() ? "" : "   ·   offline (drive unplugged? if it moved: Moved…)"));
            }
        });
        folders.setPlaceholder(new Label("No folders yet: add one to start."));
        Button add = Views.tip(new Button("Add a folder…"), "Ctrl+O");
        add.setOnAction(e -> addFolder.run());
        Button rescan = Views.tip(new Button("Rescan all folders"), "Finds new, changed, moved and missing photos; "
                + "names and confirmed faces are never lost");
        rescan.setOnAction(e -> rescanAll.run());
        Button move = Views.tip(new Button("Moved…"), "The selected folder is somewhere else now (another drive, a renamed "
                + "folder): point Kindred at its new place and keep every name");
        move.setId("folder-move");
        move.disableProperty().bind(folders.getSelectionModel().selectedItemProperty().isNull());
        move.setOnAction(e -> {
            FolderInfo f = folders.getSelectionModel().getSelectedItem();
            javafx.stage.DirectoryChooser ch = new javafx.stage.DirectoryChooser();
            ch.setTitle("Where is " + f.path() + " now?");
            vm.moveFolder(f, toPath(ch.showDialog(box.getScene().getWindow())));
        });
        Button remove = Views.tip(new Button("Remove…"), "Forget the selected folder's photos, faces and names; the files stay");
        remove.setId("folder-remove");
        remove.disableProperty().bind(folders.getSelectionModel().selectedItemProperty().isNull());
        remove.setOnAction(e -> {
            FolderInfo f = folders.getSelectionModel().getSelectedItem();
            vm.describeRemoval(f, text -> {
                javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, text,
                        javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
                a.setHeaderText("Remove this folder from the library?");
                a.initOwner(box.getScene().getWindow());
                a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.OK).ifPresent(b -> vm.removeFolder(f));
            });
        });

        Label lib = new Label();
        lib.textProperty().bind(vm.libraryDirProperty());
        lib.setWrapText(true);

        Label pack = new Label();
        pack.setId("face-finder");
        pack.textProperty().bind(Bindings.createStringBinding(() -> "In use: " + SettingsViewModel.packName(vm.activePackProperty().get()),
                vm.activePackProperty()));
        TableView<ModelFileInfo> models = new TableView<>(vm.models());
        models.setPrefHeight(150);
        models.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        models.getColumns().add(column("File", ModelFileInfo::file, 220));
        models.getColumns().add(column("Pack", ModelFileInfo::pack, 70));
        models.getColumns().add(column("Role", ModelFileInfo::role, 90));
        models.getColumns().add(column("Licence", ModelFileInfo::license, 100));
        // The short columns stay whole in a narrow window; the file names and addresses end in "…" instead.
        models.getColumns().forEach(c -> c.setMinWidth(c.getPrefWidth()));
        models.getColumns().get(0).setMinWidth(140);
        TableColumn<ModelFileInfo, String> installed = new TableColumn<>("Installed");
        installed.setCellValueFactory(c -> new javafx.beans.property.SimpleStringProperty(c.getValue().present() ? "yes" : "no"));
        installed.setPrefWidth(90);
        installed.setMinWidth(90); // "Installed" whole in the dark theme's bold header
        models.getColumns().add(installed);
        models.getColumns().add(column("Source", ModelFileInfo::origin, 300));
        Label offer = new Label(SettingsViewModel.YUNET_OFFER);
        offer.setWrapText(true);
        offer.getStyleClass().add("muted");
        Button download = downloadButton(vm);

        CheckBox dark = new CheckBox("Dark theme");
        dark.selectedProperty().bindBidirectional(vm.darkProperty());

        Label thresholdsIntro = new Label("How alike two faces must be to be grouped or suggested. Each value was measured on "
                + "public face photos; stricter means fewer wrong suggestions but more groups left to name by hand.");
        thresholdsIntro.setWrapText(true);
        thresholdsIntro.getStyleClass().add("muted");
        javafx.scene.layout.GridPane thresholds = new javafx.scene.layout.GridPane();
        thresholds.setHgap(16);
        thresholds.setVgap(8);
        thresholds.setId("thresholds");
        int row = 0;
        for (var t : vm.thresholds()) {
            Label name = Views.styled(t.name(), "name");
            name.setWrapText(true);
            Label value = new Label(t.value());
            value.setWrapText(true);
            Label trade = Views.styled(t.tradeOff(), "muted");
            trade.setWrapText(true);
            thresholds.addRow(row++, name, value, trade);
        }
        javafx.scene.layout.ColumnConstraints c0 = new javafx.scene.layout.ColumnConstraints(150, 210, 260);
        javafx.scene.layout.ColumnConstraints c1 = new javafx.scene.layout.ColumnConstraints(140, 200, 260);
        javafx.scene.layout.ColumnConstraints c2 = new javafx.scene.layout.ColumnConstraints(200, 460, Double.MAX_VALUE);
        c2.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        thresholds.getColumnConstraints().setAll(c0, c1, c2);
        Label thresholdsNote = Views.styled("Each value was chosen by measuring it on public face photos; it cannot be "
                + "changed here.", "muted");
        thresholdsNote.setWrapText(true);

        Button moveLibrary = Views.tip(new Button("Use another folder…"), "Takes effect the next time Kindred starts");
        moveLibrary.setOnAction(e -> {
            DirectoryChooser ch = new DirectoryChooser();
            ch.setTitle("Folder for the Kindred library");
            File d = ch.showDialog(getScene() == null ? null : getScene().getWindow());
            if (d != null) {
                vm.chooseLibrary(d.toPath());
            }
        });
        Label nextLibrary = Views.styled("", "note");
        nextLibrary.setWrapText(true);
        nextLibrary.textProperty().bind(vm.nextLibraryNoteProperty());
        nextLibrary.visibleProperty().bind(vm.nextLibraryNoteProperty().isNotEmpty());
        nextLibrary.managedProperty().bind(nextLibrary.visibleProperty());
        Label libraryNote = Views.styled("Names, faces and settings live here; your photos stay in their folders and are never "
                + "changed. Face crops and fingerprints never leave this computer.", "muted");
        libraryNote.setWrapText(true);

        CheckBox importOnScan = new CheckBox("Import names from photos' metadata on scan");
        importOnScan.setId("import-on-scan");
        importOnScan.selectedProperty().bindBidirectional(vm.importOnScanProperty());
        Label importNote = Views.styled("Names that digiKam, Lightroom, Picasa or Immich wrote into your photos become confirmed "
                + "names here after each scan. A face that already has another name in Kindred keeps it.", "muted");
        importNote.setWrapText(true);
        Button exportAll = Views.tip(new Button("Write all names into the photos…"), "Shows what would change first");
        exportAll.setId("export-all");
        exportAll.setOnAction(e -> main.export(kindred.library.regions.FaceRegionSync.Selection.everything()));
        Label exportNote = Views.styled("So that other programs see who is in each photo: by default into a small sidecar "
                + "file next to each photo. Kindred never changes your photos unless you choose to.", "muted");
        exportNote.setWrapText(true);

        box.getChildren().addAll(
                Views.styled("Folders", "section"), folders, new HBox(8, add, rescan, move, remove),
                Views.styled("Library", "section"), lib, libraryNote, new HBox(8, moveLibrary), nextLibrary,
                Views.styled("Names in the photos' metadata", "section"), exportNote, exportAll, importOnScan, importNote,
                Views.styled("Face finder", "section"), pack, offer, download,
                Views.styled("Appearance", "section"), dark,
                advanced(new VBox(10, Views.styled("How alike faces must be", "name"), thresholdsIntro, thresholds, thresholdsNote,
                        Views.styled("Model files", "name"), models)));
        box.setPadding(new Insets(16, 24, 24, 24));
        box.setAlignment(Pos.TOP_LEFT);
        box.setMaxWidth(1000);
        setContent(box);
        setFitToWidth(true);
    }

    /** What few need: the thresholds in words and the model files, folded away until opened. */
    private static javafx.scene.control.TitledPane advanced(VBox content) {
        javafx.scene.control.TitledPane p = new javafx.scene.control.TitledPane("Advanced", content);
        p.setId("settings-advanced");
        p.setExpanded(false);
        p.setAnimated(false);
        return p;
    }

    /**
     * The button that downloads the accurate face finder: the only network use, and only when pressed (shared by the
     * Settings page and the welcome page).
     */
    public static Button downloadButton(SettingsViewModel vm) {
        Button download = new Button();
        download.setId("download-yunet");
        download.disableProperty().bind(vm.downloadingProperty().or(vm.yunetInstalledProperty()));
        download.textProperty().bind(Bindings.when(vm.yunetInstalledProperty()).then("The accurate face finder is installed")
                .otherwise(Bindings.when(vm.downloadingProperty()).then("Downloading…")
                        .otherwise("Download the accurate face finder (" + SettingsViewModel.YUNET_SIZE + ")")));
        download.setOnAction(e -> vm.downloadYunet());
        return download;
    }

    private static TableColumn<ModelFileInfo, String> column(String title, java.util.function.Function<ModelFileInfo, String> value,
                                                           double width) {
        TableColumn<ModelFileInfo, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Asks the user for a photo folder; null when they cancel. */
    public static File chooseFolder(javafx.stage.Window owner) {
        DirectoryChooser ch = new DirectoryChooser();
        ch.setTitle("Add a photo folder");
        return ch.showDialog(owner);
    }

    private static java.nio.file.Path toPath(java.io.File f) {
        return f == null ? null : f.toPath();
    }
}
