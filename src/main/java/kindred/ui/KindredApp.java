package kindred.ui;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import kindred.cli.CliServices;

/**
 * The desktop window. Started by {@link #launchWith}; returns when the window closes.
 * Only this package imports JavaFX.
 */
public final class KindredApp extends Application {

    private static CliServices services;

    /** Opens the window on these services and blocks until it is closed. */
    public static void launchWith(CliServices s) {
        services = s;
        try {
            Application.launch(KindredApp.class);
        } finally {
            s.close();
        }
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("Kindred");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label library = new Label("Library: " + services.libraryDir());
        VBox box = new VBox(12, title, library);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(24));
        stage.setTitle("Kindred");
        stage.setScene(new Scene(new BorderPane(box), 1280, 800));
        stage.setOnCloseRequest(e -> Platform.exit());
        stage.show();
    }
}
