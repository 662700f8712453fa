package kindred.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.stage.Stage;
import kindred.app.Services;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Real windows for tests: a real X display when {@code DISPLAY} is set (CI starts Xvfb), else Monocle's
 * headless glass so the tests also run on a machine without any display. Real services on a temporary
 * library, real demo photos ({@code kindred.testPhotos}).
 */
public final class UiTestSupport {

    private UiTestSupport() {
    }

    /**
     * Must run before the toolkit starts. Without a display, Monocle's headless platform is used; the Monocle
     * build the project uses needs Java 21, so on an older runtime without a display the window tests are
     * skipped (they say so) instead of failing.
     */
    static void chooseDisplay() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank() || Boolean.getBoolean("testfx.headless")) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                    "no DISPLAY and headless Monocle needs Java 21: window tests skipped (run under Xvfb: see .ci/run)");
            System.setProperty("testfx.robot", "glass");
            System.setProperty("testfx.headless", "true");
            System.setProperty("glass.platform", "Monocle");
            System.setProperty("monocle.platform", "Headless");
            System.setProperty("prism.order", "sw");
            System.setProperty("prism.text", "t2k");
            System.setProperty("headless.geometry", "1920x1080-32");
        }
    }

    static Path testPhotos() {
        Path dir = Path.of(System.getProperty("kindred.testPhotos", "target/test-photos"));
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("demo photos missing at " + dir + ": run the build's generate-resources phase");
        }
        return dir;
    }

    /** Copies the demo photos into {@code dir} (as a user's photo folder). */
    public static Path copyPhotos(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(testPhotos())) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir;
    }

    /** Opens the real window at 1280×800 on a fresh library. */
    static KindredApp.Window openWindow(Path libraryDir) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        Services services = Services.forWindow(libraryDir);
        KindredApp.Window[] w = new KindredApp.Window[1];
        FxToolkit.setupFixture(() -> {
            w[0] = KindredApp.open(stage, services);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        return w[0];
    }

    static void closeWindow(KindredApp.Window w) throws Exception {
        if (w == null) {
            return;
        }
        FxToolkit.setupFixture(() -> {
            w.stage().hide();
            w.close();
        });
        w.viewModel().servicesForTests().close();
    }

    static void waitFor(int seconds, String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.call();
            });
        } catch (Exception e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for " + what, e);
        }
    }

    /** Runs on the FX thread and waits. */
    static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    /** On screen: pages switch by visibility, so hidden pages' nodes are still in the scene graph. */
    static boolean shown(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    static void runFx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static boolean isFxThread() {
        return Platform.isFxApplicationThread();
    }
}
