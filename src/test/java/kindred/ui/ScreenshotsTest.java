package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import kindred.ui.MainWindowViewModel.Page;
import kindred.ui.export.ExportDialog;
import kindred.ui.export.ExportViewModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Takes the README's screenshots of each main view at 1280×800 from the real window on the demo photos, into
 * {@code docs/screenshots/} (or {@code -Dkindred.screenshots=DIR}). Run alone with
 * {@code mvn -Dtest=ScreenshotsTest test}.
 */
@Tag("ui")
@Tag("slow")
@Tag("screenshots")
class ScreenshotsTest extends WindowTest {

    /** The README's size: a laptop screen. */
    @Test
    void eachMainViewAt1280x800() throws Exception {
        eachMainView(1280, 800, Path.of(System.getProperty("kindred.screenshots", "docs/screenshots")));
    }

    /** A desktop screen: nothing may look lost or stretched. */
    @Test
    void eachMainViewAt1920x1080() throws Exception {
        eachMainView(1920, 1080, Path.of(System.getProperty("kindred.screenshots", "docs/screenshots")).resolve("1920x1080"));
    }

    private void eachMainView(int width, int height, Path out) throws Exception {
        Files.createDirectories(out);
        Path photos = UiTestSupport.copyPhotos(tmp.resolve("Family photos"));
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        UiTestSupport.runFx(() -> {
            window.stage().setWidth(width);
            window.stage().setHeight(height);
        });
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get());
        shot(out, "01-welcome");

        UiTestSupport.runFx(() -> vm.addFolders(List.of(photos)));
        UiTestSupport.waitFor(30, "indexing to start", () -> vm.indexing().busyProperty().get());
        UiTestSupport.waitFor(300, "indexing to finish", () -> !vm.indexing().busyProperty().get());
        UiTestSupport.waitFor(30, "photos", () -> vm.photos().photos().size() == 6);
        Thread.sleep(1500); // thumbnails
        shot(out, "02-photos");

        UiTestSupport.runFx(() -> {
            vm.inspectorVisibleProperty().set(true);
            window.view().selectPhotoForTests(1);
        });
        Thread.sleep(300);
        shot(out, "03-photos-inspector");
        UiTestSupport.runFx(() -> vm.inspectorVisibleProperty().set(false));

        UiTestSupport.runFx(() -> vm.viewer().open(vm.photos().photos(), 0));
        Thread.sleep(2000);
        shot(out, "04-viewer");
        UiTestSupport.runFx(() -> vm.viewer().close());

        UiTestSupport.runFx(() -> {
            vm.show(Page.UNNAMED);
            vm.people().showSmallGroupsProperty().set(true);
        });
        UiTestSupport.waitFor(30, "an unnamed group", () -> !vm.people().clusters().isEmpty());
        Thread.sleep(1500);
        shot(out, "05-unnamed");

        long cluster = vm.people().clusters().get(0).summary().id();
        UiTestSupport.runFx(() -> vm.people().nameCluster(cluster, "Ada"));
        UiTestSupport.waitFor(30, "a person", () -> !vm.people().people().isEmpty());
        // A copy of one of Ada's photos in a second folder: her face there becomes a suggestion to review.
        String adaPhoto = window.viewModel().servicesForTests().people().facesOf("Ada").get(0).photoPath();
        Path more = Files.createDirectories(tmp.resolve("More photos"));
        Files.copy(Path.of(adaPhoto), more.resolve("ada-again.jpg"));
        UiTestSupport.runFx(() -> vm.addFolders(List.of(more)));
        UiTestSupport.waitFor(300, "the second folder", () -> !vm.indexing().busyProperty().get() && vm.folders().size() == 2);
        UiTestSupport.runFx(() -> vm.show(Page.PEOPLE));
        Thread.sleep(1500);
        shot(out, "06-people");

        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        Thread.sleep(1500);
        shot(out, "07-person");

        UiTestSupport.runFx(() -> vm.show(Page.REVIEW));
        Thread.sleep(1500);
        UiTestSupport.runFx(() -> {
            vm.person().click(0, false, false);
            vm.inspectorVisibleProperty().set(true);
        });
        Thread.sleep(500);
        shot(out, "08-review");
        UiTestSupport.runFx(() -> vm.inspectorVisibleProperty().set(false));

        UiTestSupport.runFx(() -> {
            vm.show(Page.SEARCH);
            vm.search().add("Ada");
        });
        Thread.sleep(1500);
        shot(out, "09-search");

        UiTestSupport.runFx(() -> vm.show(Page.SETTINGS));
        Thread.sleep(1000);
        shot(out, "10-settings");
        UiTestSupport.runFx(() -> {
            vm.show(Page.PHOTOS);
            window.view().lookup("#indexing-status").getOnMouseClicked().handle(null);
        });
        Thread.sleep(1000);
        shot(out, "11-task-panel");
        UiTestSupport.runFx(() -> window.view().lookup("#indexing-status").getOnMouseClicked().handle(null));

        // The Accuracy page after the suggestion on the Review page was confirmed.
        UiTestSupport.runFx(() -> vm.show(Page.REVIEW));
        UiTestSupport.waitFor(30, "a suggestion", () -> !vm.person().items().isEmpty());
        UiTestSupport.runFx(() -> {
            vm.person().click(0, false, false);
            vm.person().confirm();
        });
        Thread.sleep(1000);
        UiTestSupport.runFx(() -> vm.show(Page.ACCURACY));
        UiTestSupport.waitFor(30, "the audit", () -> !vm.audit().emptyProperty().get() && !vm.audit().loadingProperty().get());
        Thread.sleep(800);
        shot(out, "12-accuracy");

        // The dialog that writes Ada's names into her photos, after its preview.
        ExportViewModel export = UiTestSupport.onFx(() -> vm.requestExport(new kindred.library.regions.FaceRegionSync.Selection(null, "Ada")));
        UiTestSupport.waitFor(30, "the export preview", () -> export.previewedProperty().get());
        Thread.sleep(600);
        javafx.stage.Stage dialog = UiTestSupport.onFx(() -> (javafx.stage.Stage) javafx.stage.Window.getWindows().stream()
                .filter(w -> w instanceof ExportDialog).findFirst().orElseThrow());
        write(out, "13-export", UiTestSupport.onFx(() -> dialog.getScene().snapshot(null)));
        UiTestSupport.runFx(dialog::hide);
    }

    private void shot(Path out, String name) throws Exception {
        UiTestSupport.runFx(() -> window.view().hideNotificationForTests());
        Thread.sleep(400);
        WritableImage img = UiTestSupport.onFx(() -> window.stage().getScene().snapshot(null));
        write(out, name, img);
    }

    private static void write(Path out, String name, WritableImage img) throws Exception {
        BufferedImage b = SwingFXUtils.fromFXImage(img, null);
        Path file = out.resolve(name + ".png");
        ImageIO.write(b, "png", file.toFile());
        assertThat(Files.size(file)).isGreaterThan(1000);
    }
}
