package kindred.app;

import java.nio.file.Path;
import kindred.ui.KindredApp;

/** Opens the window on a library folder and returns when it is closed. */
final class WindowLauncher {

    private WindowLauncher() {
    }

    static void open(Path libraryDir) {
        try {
            KindredApp.launchWith(Services.forWindow(libraryDir));
        } catch (NoClassDefFoundError e) {
            if (e.getMessage() != null && e.getMessage().startsWith("javafx/")) {
                throw new IllegalStateException("The window needs JavaFX, which is kept in the \"" + Launcher.JAVAFX_DIR
                        + "\" folder next to kindred.jar: build with `mvn package` or reinstall Kindred. The commands "
                        + "(kindred --help) work without it.", e);
            }
            throw e;
        }
    }
}
