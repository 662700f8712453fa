package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first-run page offers the accurate face finder as a button, says its size, what it improves and that it is the
 * only network use, and downloads nothing by itself. (Pressing it downloads from the OpenCV Zoo: not done in a test.)
 */
@Tag("ui")
class WelcomeWindowTest extends WindowTest {

    @Test
    void theFirstRunPageOffersTheAccurateFaceFinderAndDownloadsNothingUnasked() throws Exception {
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get() && vm.firstRunProperty().get());
        UiTestSupport.waitFor(60, "the face models to load", () -> window.modelsReadyMillis().isDone());

        Button download = UiTestSupport.onFx(() -> (Button) window.view().lookup("#welcome-face-finder #download-yunet"));
        assertThat(UiTestSupport.onFx(() -> UiTestSupport.shown(download))).isTrue();
        assertThat(download.getText()).isEqualTo("Download the accurate face finder (230 KB)");
        assertThat(download.isDisabled()).isFalse();
        String offer = UiTestSupport.onFx(() -> window.view().lookup("#welcome-face-finder").lookupAll(".label").stream()
                .map(n -> ((Label) n).getText()).reduce("", (a, b) -> a + " " + b));
        assertThat(offer).contains("finds more small, distant and turned faces").contains("230 KB")
                .contains("the only time Kindred uses the network");

        try (Stream<Path> models = Files.list(tmp.resolve("library").resolve("models"))) {
            assertThat(models.map(p -> p.getFileName().toString())).as("only the built-in pack, copied from the program")
                    .noneMatch(n -> n.contains("yunet"));
        }
        assertThat(vm.settings().downloadingProperty().get()).isFalse();
    }
}
