package kindred.ui;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import kindred.ui.common.Views;

/** First run: what Kindred does, that nothing leaves the computer, and one button: add a folder. */
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
        where.textProperty().bind(Bindings.createStringBinding(() -> "Your library is kept in " + main.libraryDir()
                + ". Face models: built-in pack (change it in Settings).", main.loadedProperty()));
        where.setWrapText(true);
        where.setMaxWidth(560);
        box.getChildren().addAll(drop, where);
        box.getStyleClass().add("welcome");
        getChildren().add(box);
        setFillWidth(true);
        VBox.setVgrow(box, javafx.scene.layout.Priority.ALWAYS);
        box.setMaxHeight(Double.MAX_VALUE);
    }
}
