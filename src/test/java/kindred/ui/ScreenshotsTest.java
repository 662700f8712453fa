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
 * Takes the screenshots of every page from the real window on the demo photos, at three screen sizes, light and
 * dark, into {@code docs/screenshots/} (or {@code -Dkindred.screenshots=DIR}): the README's 1280×800 light ones at the
 * top, the others in {@code 1920x1080/}, {@code 1024x768/}, {@code dark/}, {@code 1920x1080-dark/} and
 * {@code 1024x768-dark/}. The library is made once (one scan); each of its states is shot in every look. Run alone with
 * {@code mvn -Dtest=ScreenshotsTest -Dsurefire.excludedGroups= test}.
 */
@Tag("ui")
@Tag("slow")
@Tag("screenshots")
class ScreenshotsTest extends WindowTest {

    /** A screen size and a theme. */
    record Look(int width, int height, boolean dark) {
        /** Where its screenshots go under the screenshots folder. */
        Path dir(Path root) {
            String size = width + "x" + height;
            boolean readme = width == 1280 && height == 800;
            return readme ? (dark ? root.resolve("dark") : root) : root.resolve(dark ? size + "-dark" : size);
        }
    }

    /** A laptop (the README's), a desktop screen, and the smallest common one; each light and dark. */
    static final List<Look> LOOKS = List.of(new Look(1280, 800, false), new Look(1280, 800, true),
            new Look(1920, 1080, false), new Look(1920, 1080, true), new Look(1024, 768, false), new Look(1024, 768, true));

    private final Path root = Path.of(System.getProperty("kindred.screenshots", "docs/screenshots"));
    private MainWindowViewModel vm;

    @Test
    void everyPageAtThreeSizesLightAndDark() throws Exception {
        for (Look l : LOOKS) {
            Files.createDirectories(l.dir(root));
        }
        Path photos = UiTestSupport.copyPhotos(tmp.resolve("Family photos"));
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get());
        everyLook("01-welcome", 300);

        UiTestSupport.runFx(() -> vm.addFolders(List.of(photos)));
        UiTestSupport.waitFor(30, "indexing to start", () -> vm.indexing().busyProperty().get());
        UiTestSupport.waitFor(300, "indexing to finish", () -> !vm.indexing().busyProperty().get());
        UiTestSupport.waitFor(30, "photos", () -> vm.photos().photos().size() == 6);
        Thread.sleep(1500); // thumbnails
        everyLook("02-photos", 800);
        // A message in the banner: at the bottom of the page, opaque, over the page's content only (never its buttons).
        everyLook("16-message", 1200, "Kindred will open /home/ada/Pictures/Kindred the next time it starts.");

        UiTestSupport.runFx(() -> {
            vm.inspectorVisibleProperty().set(true);
            window.view().selectPhotoForTests(1);
        });
        everyLook("03-photos-inspector", 500);
        UiTestSupport.runFx(() -> vm.inspectorVisibleProperty().set(false));

        UiTestSupport.runFx(() -> vm.viewer().open(vm.photos().photos(), 0));
        Thread.sleep(1500);
        everyLook("04-viewer", 1200);
        UiTestSupport.runFx(() -> vm.viewer().close());

        UiTestSupport.runFx(() -> {
            vm.show(Page.UNNAMED);
            vm.people().showSmallGroupsProperty().set(true);
        });
        UiTestSupport.waitFor(30, "an unnamed group", () -> !vm.people().clusters().isEmpty());
        Thread.sleep(1500);
        everyLook("05-unnamed", 800);

        long cluster = vm.people().clusters().get(0).summary().id();
        UiTestSupport.runFx(() -> vm.people().nameCluster(cluster, "Ada"));
        UiTestSupport.waitFor(30, "a person", () -> !vm.people().people().isEmpty());
        // A copy of one of Ada's photos in a second folder, as a distinct file (a byte-identical one would be an identical
        // copy of the same photo, issue 18): her face there becomes a suggestion to review.
        String adaPhoto = window.viewModel().servicesForTests().people().facesOf("Ada").get(0).photoPath();
        Path more = Files.createDirectories(tmp.resolve("More photos"));
        kindred.library.DistinctJpegs.copy(Path.of(adaPhoto), more.resolve("ada-again.jpg"));
        UiTestSupport.runFx(() -> vm.addFolders(List.of(more)));
        UiTestSupport.waitFor(300, "the second folder", () -> !vm.indexing().busyProperty().get() && vm.folders().size() == 2);
        UiTestSupport.runFx(() -> vm.show(Page.PEOPLE));
        Thread.sleep(1500);
        everyLook("06-people", 800);

        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        Thread.sleep(1500);
        everyLook("07-person", 800);
        // The same person's faces (the Photos / Faces switch), then back to Photos, which the window remembers.
        UiTestSupport.runFx(() -> vm.person().photos().shownProperty().set(false));
        Thread.sleep(1200);
        everyLook("07-person-faces", 800);
        UiTestSupport.runFx(() -> vm.person().photos().shownProperty().set(true));

        UiTestSupport.runFx(() -> vm.show(Page.REVIEW));
        UiTestSupport.waitFor(30, "a suggestion", () -> !vm.person().items().isEmpty());
        Thread.sleep(1000);
        UiTestSupport.runFx(() -> {
            vm.person().click(0, false, false);
            vm.inspectorVisibleProperty().set(true);
        });
        everyLook("08-review", 800);
        UiTestSupport.runFx(() -> vm.inspectorVisibleProperty().set(false));

        UiTestSupport.runFx(() -> vm.show(Page.OTHER));
        Thread.sleep(1500);
        everyLook("17-other-faces", 800);

        UiTestSupport.runFx(() -> {
            vm.show(Page.SEARCH);
            vm.search().add("Ada");
        });
        Thread.sleep(1500);
        everyLook("09-search", 800);

        UiTestSupport.runFx(() -> vm.show(Page.SETTINGS));
        Thread.sleep(1000);
        everyLook("10-settings", 500);
        // Its Advanced section opened, scrolled to the end: the thresholds in words and the model files.
        UiTestSupport.runFx(() -> {
            javafx.scene.Node advanced = window.view().lookupAll("#settings-advanced").stream().filter(UiTestSupport::shown).findFirst().orElseThrow();
            ((javafx.scene.control.TitledPane) advanced).setExpanded(true);
        });
        Thread.sleep(300);
        UiTestSupport.runFx(() -> window.view().lookupAll(".scroll-pane").stream().filter(UiTestSupport::shown)
                .filter(n -> n instanceof kindred.ui.settings.SettingsView).forEach(n -> ((javafx.scene.control.ScrollPane) n).setVvalue(1)));
        everyLook("10-settings-advanced", 500);
        UiTestSupport.runFx(() -> {
            vm.show(Page.PHOTOS);
            window.view().lookup("#indexing-status").getOnMouseClicked().handle(null);
        });
        everyLook("11-task-panel", 600);
        UiTestSupport.runFx(() -> window.view().lookup("#indexing-status").getOnMouseClicked().handle(null));

        // The Accuracy page after the suggestion on the Review page was confirmed.
        UiTestSupport.runFx(() -> vm.show(Page.REVIEW));
        UiTestSupport.waitFor(30, "a suggestion", () -> !vm.person().items().isEmpty());
        UiTestSupport.runFx(() -> {
            vm.person().click(0, false, false);
            vm.person().confirm();
        });
        UiTestSupport.waitFor(30, "Review to empty", () -> vm.person().items().isEmpty());
        everyLook("15-review-empty", 500);
        UiTestSupport.runFx(() -> vm.show(Page.ACCURACY));
        UiTestSupport.waitFor(30, "the audit", () -> !vm.audit().emptyProperty().get() && !vm.audit().loadingProperty().get());
        Thread.sleep(800);
        everyLook("12-accuracy", 600);

        // The dialog that writes Ada's names into her photos, after its preview (its own size; light and dark).
        for (boolean dark : new boolean[] {false, true}) {
            UiTestSupport.runFx(() -> vm.settings().darkProperty().set(dark));
            ExportViewModel export = UiTestSupport.onFx(() -> vm.requestExport(new kindred.library.regions.FaceRegionSync.Selection(null, "Ada")));
            UiTestSupport.waitFor(30, "the export preview", () -> export.previewedProperty().get());
            Thread.sleep(600);
            javafx.stage.Stage dialog = UiTestSupport.onFx(() -> (javafx.stage.Stage) javafx.stage.Window.getWindows().stream()
                    .filter(w -> w instanceof ExportDialog && w.isShowing()).findFirst().orElseThrow());
            write(new Look(1280, 800, dark).dir(root), "13-export", UiTestSupport.onFx(() -> dialog.getScene().snapshot(null)));
            UiTestSupport.runFx(dialog::hide);
        }
        UiTestSupport.runFx(() -> vm.settings().darkProperty().set(false));
    }

    /** The window as it is now, in every look: resized, themed, laid out, then shot. */
    private void everyLook(String name, long settleMillis) throws Exception {
        everyLook(name, settleMillis, null);
    }

    /** {@link #everyLook(String, long)} with {@code message} shown in the banner (null: none). */
    private void everyLook(String name, long settleMillis, String message) throws Exception {
        for (Look l : LOOKS) {
            UiTestSupport.runFx(() -> {
                window.stage().setWidth(l.width());
                window.stage().setHeight(l.height());
                vm.settings().darkProperty().set(l.dark());
                window.view().hideNotificationForTests();
                if (message != null) {
                    vm.notificationProperty().set(null); // the same message again is a change too
                    vm.notificationProperty().set(message);
                }
            });
            Thread.sleep(settleMillis);
            WritableImage img = UiTestSupport.onFx(() -> window.stage().getScene().snapshot(null));
            assertThat((int) img.getWidth()).as("the window's width in " + l).isEqualTo(l.width());
            write(l.dir(root), name, img);
        }
    }

    private static void write(Path out, String name, WritableImage img) throws Exception {
        BufferedImage b = SwingFXUtils.fromFXImage(img, null);
        Path file = out.resolve(name + ".png");
        ImageIO.write(b, "png", file.toFile());
        assertThat(Files.size(file)).isGreaterThan(1000);
    }
}
