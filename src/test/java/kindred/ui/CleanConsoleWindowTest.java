package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import kindred.ui.MainWindowViewModel.Page;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The window's console stays clean while it is used, light and dark: every page, the filter and person pop-ups, a
 * card's menu, a tooltip, the name completion pop-up, a message, the Advanced section, the export dialog. JavaFX writes
 * its CSS problems (a looked-up colour of the wrong type: "ClassCastException ... in stylesheet") through its
 * loggers, which end on stderr: both the log records (WARNING and above) and stderr itself are captured.
 *
 * <p>The JavaFX start-up itself is checked in a JVM of its own (kindred.app.LauncherWindowTest): here the toolkit is
 * started before the capture, as tests put JavaFX on the class path.
 */
@Tag("ui")
@Tag("slow")
class CleanConsoleWindowTest extends WindowTest {

    @Test
    void usingEveryPageAndPopUpLightAndDarkWritesNoWarning() throws Exception {
        FxToolkit.registerPrimaryStage();
        List<String> said = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (said) {
                        said.add(r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        PrintStream stderr = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                errBytes.write(b);
                stderr.write(b);
            }
        }, true, StandardCharsets.UTF_8));
        try {
            MainWindowViewModel vm = openIndexedDemoPhotos();
            UiTestSupport.runFx(() -> vm.people().nameCluster(vm.people().clusters().isEmpty()
                    ? window.viewModel().servicesForTests().people().clusters(2, 0, 1).items().get(0).id()
                    : vm.people().clusters().get(0).summary().id(), "Ada"));
            UiTestSupport.waitFor(30, "a person", () -> !vm.people().people().isEmpty());
            for (boolean dark : new boolean[] {false, true, false}) {
                UiTestSupport.runFx(() -> vm.settings().darkProperty().set(dark));
                useEverything(vm);
            }
        } finally {
            System.setErr(stderr);
            root.removeHandler(handler);
        }
        assertThat(said).as("log records of WARNING and above").isEmpty();
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).as("stderr").isBlank();
    }

    /**
     * A window replaced on its stage by a new one before it styled its hidden pages ahead
     * ({@link MainWindowView#prepareHiddenPages}), the theme switched dark and back light in between (as the window tests
     * do, one after another on one stage): the replaced window styles nothing more, so JavaFX writes no "Could not
     * resolve '-color-…'" or ClassCastException warning about a scene no window shows.
     */
    @Test
    void aWindowReplacedBeforeItsPagesWereStyledAheadWritesNoWarningAfterAThemeSwitch() throws Exception {
        javafx.stage.Stage stage = FxToolkit.registerPrimaryStage();
        kindred.app.Services first = kindred.app.Services.forWindow(tmp.resolve("first"));
        kindred.app.Services second = kindred.app.Services.forWindow(tmp.resolve("second"));
        KindredApp.Window[] replaced = new KindredApp.Window[1];
        List<String> said = new ArrayList<>();
        Handler handler = warningsInto(said);
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            FxToolkit.setupFixture(() -> {
                replaced[0] = KindredApp.open(stage, first); // light
                KindredApp.applyTheme(true);
                window = KindredApp.open(stage, second);      // light again; before the first one's first frame
            });
            UiTestSupport.waitFor(30, "the library to open", () -> window.viewModel().loadedProperty().get());
            // Long enough for every step of the replaced window's styling ahead, had it gone on.
            Thread.sleep(4L * 6 * MainWindowView.PREPARE_PAGE_MILLIS);
        } finally {
            root.removeHandler(handler);
            replaced[0].close();
            first.close();
        }
        assertThat(said).as("log records of WARNING and above").isEmpty();
    }

    private static Handler warningsInto(List<String> said) {
        return new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    synchronized (said) {
                        said.add(r.getLoggerName() + ": " + r.getMessage());
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    private void useEverything(MainWindowViewModel vm) throws Exception {
        for (Page p : List.of(Page.PEOPLE, Page.UNNAMED, Page.REVIEW, Page.SEARCH, Page.ACCURACY, Page.SETTINGS)) {
            UiTestSupport.runFx(() -> vm.show(p));
            Thread.sleep(400);
        }
        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        Thread.sleep(400);

        // Settings: the Advanced section opened and closed.
        UiTestSupport.runFx(() -> vm.show(Page.SETTINGS));
        TitledPane advanced = (TitledPane) shownNode("#settings-advanced");
        UiTestSupport.runFx(() -> advanced.setExpanded(true));
        Thread.sleep(400);
        UiTestSupport.runFx(() -> advanced.setExpanded(false));

        // All photos: the filter's and the person's pop-ups, a message, the Info panel.
        UiTestSupport.runFx(() -> vm.showFolder(null));
        Thread.sleep(400);
        ChoiceBox<?> filter = (ChoiceBox<?>) window.view().lookupAll(".choice-box").stream().filter(UiTestSupport::shown).findFirst().orElseThrow();
        UiTestSupport.runFx(filter::show);
        Thread.sleep(400);
        UiTestSupport.runFx(filter::hide);
        ComboBox<?> who = (ComboBox<?>) shownNode("#person-filter");
        UiTestSupport.runFx(who::show);
        Thread.sleep(400);
        UiTestSupport.runFx(who::hide);
        UiTestSupport.runFx(() -> {
            vm.notificationProperty().set("A message for the user.");
            vm.inspectorVisibleProperty().set(true);
        });
        Thread.sleep(800);
        UiTestSupport.runFx(() -> vm.inspectorVisibleProperty().set(false));

        // A tooltip, a card's menu.
        robot.moveTo("#nav-people");
        Thread.sleep(1000);
        UiTestSupport.runFx(() -> vm.show(Page.PEOPLE));
        Thread.sleep(600);
        robot.rightClickOn(shownNode(".person-card"));
        Thread.sleep(500);
        robot.type(KeyCode.ESCAPE);

        // The name completion pop-up on Search.
        UiTestSupport.runFx(() -> vm.show(Page.SEARCH));
        Thread.sleep(400);
        TextField field = (TextField) window.view().lookupAll(".text-field").stream().filter(UiTestSupport::shown).findFirst().orElseThrow();
        robot.clickOn(field).write("A");
        Thread.sleep(800);
        robot.type(KeyCode.ESCAPE);
        UiTestSupport.runFx(field::clear);

        // The export dialog, after its preview.
        var export = UiTestSupport.onFx(() -> vm.requestExport(new kindred.library.regions.FaceRegionSync.Selection(null, "Ada")));
        UiTestSupport.waitFor(30, "the export preview", () -> export.previewedProperty().get());
        Thread.sleep(400);
        UiTestSupport.runFx(() -> javafx.stage.Window.getWindows().stream().filter(w -> w instanceof kindred.ui.export.ExportDialog)
                .toList().forEach(javafx.stage.Window::hide));
    }

    private Node shownNode(String query) throws Exception {
        return UiTestSupport.onFx(() -> window.view().lookupAll(query).stream().filter(UiTestSupport::shown).findFirst().orElseThrow());
    }
}
