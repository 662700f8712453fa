package kindred.app;

import java.nio.file.Path;
import kindred.ui.KindredApp;

/** Opens the window on a library folder and returns when it is closed. */
final class WindowLauncher {

    private WindowLauncher() {
    }

    static void open(Path libraryDir) {
        KindredApp.launchWith(Services.forWindow(libraryDir));
    }
}
