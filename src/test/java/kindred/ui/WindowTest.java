package kindred.ui;

import java.nio.file.Path;
import java.util.List;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
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

    /** Opens the window on a new library, adds the six demo photos as the folder "Family" and waits until indexed. */
    MainWindowViewModel openIndexedDemoPhotos() throws Exception {
        Path photos = UiTestSupport.copyPhotos(tmp.resolve("Family"));
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get());
        UiTestSupport.runFx(() -> vm.addFolders(List.of(photos)));
        UiTestSupport.waitFor(300, "indexing to finish", () -> !vm.indexing().busyProperty().get()
                && vm.photos().photos().size() == 6);
        return vm;
    }

    /** Two people, each named on one face of a different photo: "Ada" (returned first) and "Ada Lovelace". */
    static List<FaceInfo> nameAdaAndAdaLovelace(Kindred services) {
        List<FaceInfo> faces = services.queries().faces(FaceQuery.all());
        FaceInfo first = faces.get(0);
        FaceInfo second = faces.stream().filter(f -> f.photoId() != first.photoId()).findFirst().orElseThrow();
        services.people().nameFace(first.id(), "Ada");
        services.people().nameFace(second.id(), "Ada Lovelace");
        return List.of(first, second);
    }
}
