package kindred.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import kindred.application.Kindred;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.FxTaskExecutor;
import kindred.ui.common.ImageCache;
import kindred.ui.common.TileGrid;

/**
 * The desktop window. Started by {@link #launchWith}; returns when the window closes. Only this package
 * imports JavaFX.
 */
public final class KindredApp extends Application {

    private static Kindred services;

    /**
     * JavaFX's VirtualFlow (behind the window's lists and tables; the photo and face grids are TileGrid, which has
     * none) logs "index exceeds maxCellCount" at INFO when a list shrinks under it: harmless, but written to the
     * console from the FX thread. Kept here so the setting is not collected.
     */
    private static final java.util.logging.Logger VIRTUAL_FLOW_LOG = java.util.logging.Logger.getLogger("javafx.scene.control");

    /** Opens the window on these services and blocks until it is closed. */
    public static void launchWith(Kindred s) {
        services = s;
        try {
            Application.launch(KindredApp.class);
        } finally {
            s.close();
        }
    }

    @Override
    public void start(Stage stage) {
        Window w = open(stage, services);
        stage.setOnCloseRequest(e -> {
            w.close();
            Platform.exit();
        });
    }

    /**
     * The thumbnail threads' nice value (Linux): a little below the FX and render threads and the X server, which then get
     * a CPU first while thumbnails are decoded (a core's worth while scrolling fast), and far above the indexing workers
     * (19), so that thumbnails still come at once during a scan. The FX-stall benchmark's grid, 3 runs each
     * (docs/bench/fx-stall.md, 2026-12-06): longest stall 22 · 56 · 143 ms at nice 0, 27 · 54 · 72 ms at nice 5 (renice from outside).
     */
    static final int IMAGE_THREAD_NICE = 5;

    /**
     * Builds the window on {@code stage} and shows it: executors, view models, views, theme, shortcuts.
     * The library opens in the background; the window shows at once.
     */
    public static Window open(Stage stage, Kindred services) {
        long openedAt = System.nanoTime();
        VIRTUAL_FLOW_LOG.setLevel(java.util.logging.Level.WARNING);
        FxTaskExecutor library = new FxTaskExecutor("library", 2);
        FxTaskExecutor imageExecutor = new FxTaskExecutor("images", Math.max(1, Runtime.getRuntime().availableProcessors() / 2),
                () -> services.lowerCurrentThreadPriority(IMAGE_THREAD_NICE));
        MainWindowViewModel vm = new MainWindowViewModel(services, library);
        ImageCache images = new ImageCache(services.thumbnailer(), services.metadata(), imageExecutor, services.thumbnailCache());
        MainWindowView view = new MainWindowView(vm, images);
        // Forgetting a person erases their face crops too: drop those already decoded.
        library.execute(BackgroundTask.run("Watching for forgotten people",
                () -> services.people().onForget(images::dropFaceCrops)));
        applyTheme(vm.settings().darkProperty().get());
        vm.settings().darkProperty().addListener((o, a, dark) -> applyTheme(dark));
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        double w = Math.min(1280, screen.getWidth());
        double h = Math.min(800, screen.getHeight());
        Scene scene = new Scene(view, w, h);
        scene.getStylesheets().add(KindredApp.class.getResource("kindred.css").toExternalForm());
        stage.setTitle("Kindred");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var icon = KindredApp.class.getResource("/kindred/icon/kindred-" + size + ".png");
            if (icon != null) {
                stage.getIcons().add(new javafx.scene.image.Image(icon.toExternalForm()));
            }
        }
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        stage.setScene(scene);
        view.installShortcuts();
        stage.show();
        vm.start();
        // Once the first frame is on screen, load the face models in the background (never on the FX thread), so
        // that the first photo indexed does not wait for them; the warm-up thread runs at the indexer's priority.
        CompletableFuture<Long> firstFrame = new CompletableFuture<>();
        CompletableFuture<Long> modelsReady = new CompletableFuture<>();
        new AnimationTimer() {
            private int frames;

            @Override
            public void handle(long now) {
                if (++frames < 2) {
                    return;
                }
                stop();
                firstFrame.complete(millisSince(openedAt));
                view.prepareHiddenPages();
                library.execute(BackgroundTask.run("Loading the face models", () -> services.warmUpInBackground()
                        .whenComplete((v, t) -> modelsReady.complete(t == null ? millisSince(openedAt) : -1L)))
                        .onFailure(t -> modelsReady.complete(-1L))); // the library did not open: start() says so
            }
        }.start();
        return new Window(stage, vm, view, library, imageExecutor, firstFrame, modelsReady);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /**
     * An open window: its view model (for tests and the benchmark), what to close with it, and when (ms after
     * {@link #open} began) its first frame was shown and the face models were loaded (-1: they could not be).
     */
    public record Window(Stage stage, MainWindowViewModel viewModel, MainWindowView view, FxTaskExecutor library,
                         FxTaskExecutor images, CompletableFuture<Long> firstFrameMillis,
                         CompletableFuture<Long> modelsReadyMillis) implements AutoCloseable {
        @Override
        public void close() {
            library.close();
            images.close();
        }
    }
}
