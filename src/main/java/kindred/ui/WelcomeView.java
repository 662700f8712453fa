package kindred.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import kindred.ui.common.Views;
import kindred.ui.settings.SettingsView;
import kindred.ui.settings.SettingsViewModel;

/**
 * First run: what Kindred does, that nothing leaves the computer, one button to add a folder, and the optional download
 * of the accurate face finder (its size, what it improves, that it is the only network use), made only when pressed.
 */
final class WelcomeView extends VBox {

    WelcomeView(MainWindowViewModel main, Runnable addFolder) {
        Button add = Views.tip(new Button("Add a folder…"), "Choose a folder of photos (Ctrl+O); you can also drop folders on this window");
        add.getStyleClass().addAll("accent", "large");
        add.setDefaultButton(true);
        add.setId("add-folder");
        add.setOnAction(e -> addFolder.run());
        VBox box = Views.emptyState("Welcome to Kindred",
                "Kindred finds the faces in your photo folders and groups the faces of each person, so that you can name "
                        + "them once and find every photo of them. Everything stays on this computer: nothing is uploaded.",
                add);
        Label drop = Views.styled("or drop a folder anywhere on this window", "muted");
        Label where = Views.styled("", "muted");
        where.textProperty().bind(Bindings.createStringBinding(() -> "Your library is kept in " + main.libraryDir() + ".",
                main.loadedProperty()));
        where.setWrapText(true);
        where.setMaxWidth(560);
        where.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        where.setAlignment(javafx.geometry.Pos.CENTER);
        // The optional download, offered and explained; nothing is fetched unless the button is pressed.
        Label finderTitle = Views.styled("Optional: find more faces", "name");
        Label finder = Views.styled(SettingsViewModel.YUNET_OFFER, "muted");
        finder.setWrapText(true);
        finder.setMaxWidth(560);
        finder.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        finder.setAlignment(javafx.geometry.Pos.CENTER);
        Button download = SettingsView.downloadButton(main.settings());
        VBox offer = new VBox(6, finderTitle, finder, download);
        offer.setAlignment(javafx.geometry.Pos.CENTER);
        offer.setPadding(new javafx.geometry.Insets(18, 0, 0, 0));
        offer.setId("welcome-face-finder");
        main.loadedProperty().addListener((o, a, loaded) -> {
            if (loaded) {
                main.settings().reload(); // whether it is installed already
            }
        });
        box.getChildren().addAll(drop, where, offer);
        box.getStyleClass().add("welcome");
        getChildren().add(box);
        setFillWidth(true);
        VBox.setVgrow(box, javafx.scene.layout.Priority.ALWAYS);
        box.setMaxHeight(Double.MAX_VALUE);
    }
}
