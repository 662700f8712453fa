package kindred.ui;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * What every real-window test shares: a display (Xvfb in CI, else skipped with a message), a temporary folder
 * for the library and photos, a robot, and the window closed after each test.
 */
abstract class WindowTest {

    @TempDir
    Path tmp;

    /** The window under test; the test opens it ({@link UiTestSupport#openWindow}). */
    KindredApp.Window window;

    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void display() {
        UiTestSupport.chooseDisplay();
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeWindow(window);
    }
}
