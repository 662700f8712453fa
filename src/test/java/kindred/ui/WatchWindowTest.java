package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.ui.common.PhotoItem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The open window keeps the library current (issue 18): photos copied into one of its folders appear without anything
 * else done; a folder whose drive goes away shows its photos with an "Offline" badge and their names, and nothing is
 * indexed again when it comes back. Waits are generous deadlines, never timings.
 */
@Tag("slow")
class WatchWindowTest extends WindowTest {

    /** How long a test waits for what the watcher should do, in seconds: generous on a busy 2-core machine. */
    static final int DEADLINE_SECONDS = 300;

    private Map<String, Long> indexedAt() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("library/library.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT path, indexed_at FROM photos")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    @Test
    void photosCopiedIntoAFolderOfTheOpenWindowAppearWithTheirFaces() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        UiTestSupport.waitFor(60, "watching", () -> vm.indexing().watchingProperty().get().startsWith("Watching 1 folder"));
        Path card = Files.createDirectories(tmp.resolve("Family/Card"));
        Files.copy(UiTestSupport.testPhotos().resolve("sample2.jpg"), card.resolve("IMG_0101.jpg"));
        Files.copy(UiTestSupport.testPhotos().resolve("sample4.jpg"), card.resolve("IMG_0102.jpg"));
        UiTestSupport.waitFor(DEADLINE_SECONDS, "the copied photos in the grid with their faces", () ->
                vm.photos().photos().stream().filter(p -> p.path().contains("Card")).mapToInt(PhotoItem::faces).sum() == 7);
        UiTestSupport.waitFor(DEADLINE_SECONDS, "the status up to date", () -> !vm.indexing().busyProperty().get());
        shot("watch-window-copied");
    }

    @Test
    void aFolderWhoseDriveGoesAwayShowsItsPhotosOfflineWithNamesAndNothingIsIndexedWhenItReturns() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        Kindred services = vm.servicesForTests();
        FaceInfo named = services.queries().faces(FaceQuery.all()).get(0);
        services.people().nameFace(named.id(), "Ada");
        UiTestSupport.waitFor(60, "watching", () -> vm.indexing().watchingProperty().get().startsWith("Watching 1 folder"));
        Map<String, Long> before = indexedAt();
        Path family = tmp.resolve("Family");
        Path away = tmp.resolve("Family-unplugged");
        Files.move(family, away);
        UiTestSupport.waitFor(DEADLINE_SECONDS, "the photos offline", () -> vm.photos().photos().size() == 6
                && vm.photos().photos().stream().allMatch(PhotoItem::offline));
        UiTestSupport.waitFor(30, "an Offline badge on the tiles", () ->
                !robot.lookup(".tile-offline").match(UiTestSupport::shown).queryAll().isEmpty());
        assertThat(vm.indexing().watchingProperty().get()).isEqualTo("1 folder offline, none to watch");
        assertThat(services.queries().faces(FaceQuery.all())).anyMatch(f -> f.id() == named.id() && "Ada".equals(f.person()));
        assertThat(services.people().search(List.of("Ada"), false)).hasSize(1);
        shot("watch-window-offline");

        Files.move(away, family);
        UiTestSupport.waitFor(DEADLINE_SECONDS, "the photos back", () -> vm.photos().photos().size() == 6
                && vm.photos().photos().stream().noneMatch(PhotoItem::offline));
        Thread.sleep(8_000); // what a watcher would index again shows within seconds
        UiTestSupport.waitFor(DEADLINE_SECONDS, "idle", () -> !vm.indexing().busyProperty().get());
        assertThat(indexedAt()).as("nothing indexed again").isEqualTo(before);
        assertThat(services.queries().counts().missingPhotos()).isZero();
        List<Node> badges = robot.lookup(".tile-offline").match(UiTestSupport::shown).queryAll().stream().toList();
        assertThat(badges).isEmpty();
    }

    @Test
    void afterARestartAnOfflinePhotoShowsItsKeptRenderingAndItsFaces() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        UiTestSupport.waitFor(60, "every tile with its picture", () -> tilesWithPictures() == 6);
        UiTestSupport.waitFor(60, "the renderings kept", () -> {
            try (var s = Files.walk(tmp.resolve("library/thumbnails"))) {
                return s.filter(p -> p.toString().endsWith(".thumb")).count() == 6;
            }
        });
        UiTestSupport.closeWindow(window);
        window = null;
        Files.move(tmp.resolve("Family"), tmp.resolve("Family-unplugged"));

        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel again = window.viewModel();
        UiTestSupport.waitFor(60, "the library to open", () -> again.loadedProperty().get());
        UiTestSupport.waitFor(DEADLINE_SECONDS, "the photos offline", () -> again.photos().photos().size() == 6
                && again.photos().photos().stream().allMatch(PhotoItem::offline));
        UiTestSupport.waitFor(60, "every tile with its kept picture", () -> tilesWithPictures() == 6);
        shot("watch-window-offline-after-restart");
    }

    /**
     * How many of the photo grid's photos show a picture on their tile, each scrolled into view in turn: the grid is
     * grouped by month, and at the test window's size its sections do not all fit on one screen.
     */
    private long tilesWithPictures() throws Exception {
        return UiTestSupport.onFx(() -> {
            kindred.ui.common.PhotoGridView grid = ((MainWindowView) window.stage().getScene().getRoot()).photoGridForTests();
            long n = 0;
            for (int i = 0; i < window.viewModel().photos().photos().size(); i++) {
                grid.scrollTo(i);
                grid.layout(); // places the tile of photo i (a cached picture is set at once, else it is asked for)
                Object tile = grid.tileAt(i);
                if (tile != null && UiTestSupport.shown((Node) tile) && ((javafx.scene.Parent) tile).getChildrenUnmodifiable().stream()
                        .anyMatch(c -> c instanceof javafx.scene.image.ImageView v && v.getImage() != null)) {
                    n++;
                }
            }
            return n;
        });
    }

    private void shot(String name) throws Exception {
        Thread.sleep(400);
        WritableImage img = UiTestSupport.onFx(() -> window.stage().getScene().snapshot(null));
        BufferedImage b = SwingFXUtils.fromFXImage(img, null);
        Path out = Files.createDirectories(Path.of("target/screenshots"));
        ImageIO.write(b, "png", out.resolve(name + ".png").toFile());
    }
}
