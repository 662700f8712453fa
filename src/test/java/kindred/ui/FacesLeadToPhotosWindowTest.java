package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Rectangle;
import javax.imageio.ImageIO;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.ui.MainWindowViewModel.Page;
import kindred.ui.common.GridSection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Faces lead to photos, and photos are read by time: in the real window, a face tile opens its photo with the face
 * marked (double-click, Space), a person page shows their photos newest first under month headers with their years,
 * and the photo grid is grouped by date taken, else file date, and says which. Synthetic photos with dates (no face
 * models needed). With {@code -Dkindred.lookAt=DIR} each test also saves what the window showed, to look at.
 */
@Tag("ui")
@Tag("slow")
class FacesLeadToPhotosWindowTest extends WindowTest {

    /** Ada's faces (newest photo first is 2023), and the photos of Ben, who has no date taken. */
    private final List<Long> adaFaces = new ArrayList<>();
    /** The library's synthetic photos, to add more. */
    private SyntheticPhotos photos;

    private MainWindowViewModel library() throws Exception {
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get());
        photos = new SyntheticPhotos(vm.servicesForTests(), tmp.resolve("Family"), 2);
        // Ada: taken in 2016, 2019 (twice) and 2023, as the camera wrote it.
        for (LocalDateTime t : List.of(LocalDateTime.of(2019, 7, 14, 16, 2), LocalDateTime.of(2016, 3, 1, 9, 0),
                LocalDateTime.of(2023, 12, 24, 18, 30), LocalDateTime.of(2019, 7, 2, 11, 0))) {
            adaFaces.add(photos.face(0, t, 0));
        }
        // Ben: no date taken in the photos; their files say August 2021.
        long aug2021 = LocalDateTime.of(2021, 8, 10, 12, 0).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        photos.face(1, null, aug2021);
        photos.face(1, null, aug2021 + 3_600_000);
        for (long f : adaFaces) {
            vm.servicesForTests().people().nameFace(f, "Ada");
        }
        UiTestSupport.runFx(() -> {
            vm.firstRunProperty().set(false); // the folder came from the fixture, not from "Add a folder"
            vm.refreshCounts();
            vm.people().reload();
            vm.showFolder(null);
        });
        UiTestSupport.waitFor(30, "six photos", () -> vm.photos().photos().size() == 6);
        return vm;
    }

    private void look(String name) throws Exception {
        String dir = System.getProperty("kindred.lookAt");
        if (dir == null) {
            return;
        }
        Thread.sleep(800); // thumbnails
        var img = UiTestSupport.onFx(() -> window.stage().getScene().snapshot(null));
        Files.createDirectories(Path.of(dir));
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", Path.of(dir, name + ".png").toFile());
    }

    private Node faceTile(MainWindowViewModel vm, int index) throws Exception {
        return UiTestSupport.onFx(() -> ((MainWindowView) window.stage().getScene().getRoot()).personViewForTests().tileAt(index));
    }

    @Test
    void doubleClickOnAFaceOpensItsPhotoWithTheFaceMarked() throws Exception {
        MainWindowViewModel vm = library();
        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        robot.clickOn("#person-show-faces");
        UiTestSupport.waitFor(30, "Ada's four faces", () -> vm.person().items().size() == 4 && faceTile(vm, 2) != null);
        FaceInfo face = UiTestSupport.onFx(() -> vm.person().items().get(2).face());

        robot.doubleClickOn(faceTile(vm, 2), MouseButton.PRIMARY);

        UiTestSupport.waitFor(10, "the viewer", () -> vm.viewer().openProperty().get());
        assertThat(vm.viewer().photoProperty().get().path()).isEqualTo(face.photoPath());
        UiTestSupport.waitFor(10, "the face marked", () -> vm.viewer().markedProperty().get() == face.id()
                && robot.lookup("#marked-face").tryQueryAs(Rectangle.class).map(UiTestSupport::shown).orElse(false));
        look("face-opened-marked");
    }

    @Test
    void spaceOnAFocusedFaceInReviewOpensItsPhoto() throws Exception {
        MainWindowViewModel vm = library();
        // One of Ada's faces turned back into a suggestion: Review shows it.
        FaceInfo suggested = vm.servicesForTests().queries().facesById(List.of(adaFaces.get(1))).get(0);
        vm.servicesForTests().people().reject(suggested.id(), "Ada");
        long other = vm.servicesForTests().queries().faces(new FaceQuery(null, null, null)).stream()
                .filter(f -> f.person() == null).findFirst().orElseThrow().id();
        UiTestSupport.runFx(() -> vm.show(Page.REVIEW));
        UiTestSupport.waitFor(30, "the Review page", () -> vm.pageProperty().get() == Page.REVIEW);
        UiTestSupport.runFx(() -> vm.openFaces(List.of(vm.servicesForTests().queries().facesById(List.of(other)).get(0)), 0));
        UiTestSupport.waitFor(10, "the viewer", () -> vm.viewer().openProperty().get());
        UiTestSupport.waitFor(10, "the face marked", () -> vm.viewer().markedProperty().get() == other);
        robot.type(KeyCode.ESCAPE);
        UiTestSupport.waitFor(10, "the viewer closed", () -> !vm.viewer().openProperty().get());

        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        robot.clickOn("#person-show-faces");
        UiTestSupport.waitFor(30, "Ada's faces", () -> vm.person().items().size() == 3 && faceTile(vm, 0) != null);
        robot.clickOn(faceTile(vm, 1));
        FaceInfo focused = UiTestSupport.onFx(() -> vm.person().items().get(vm.person().focusProperty().get()).face());
        robot.type(KeyCode.SPACE);

        UiTestSupport.waitFor(10, "the viewer", () -> vm.viewer().openProperty().get());
        UiTestSupport.waitFor(10, "the focused face marked", () -> vm.viewer().markedProperty().get() == focused.id());
        assertThat(vm.person().selected()).as("Space decides nothing").containsExactly(focused.id());
        assertThat(vm.servicesForTests().queries().facesById(List.of(focused.id())).get(0).person()).isEqualTo("Ada");
    }

    @Test
    void aPersonPageOnTheirPhotosSaysOnTheFacesSwitchHowManySuggestionsWait() throws Exception {
        MainWindowViewModel vm = library();
        long fresh = photos.face(0); // a new photo of Ada, not named: her suggestion once grouped
        vm.servicesForTests().people().clusterNewFaces();
        UiTestSupport.waitFor(30, "Ada's suggestion", () -> vm.servicesForTests().people().suggestions("Ada").stream()
                .anyMatch(s -> s.face().id() == fresh));
        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        robot.clickOn("#person-show-photos");
        UiTestSupport.waitFor(30, "the switch to say so", () -> "Faces (1 to review)".equals(UiTestSupport.onFx(() ->
                robot.lookup("#person-show-faces").queryAs(javafx.scene.control.ToggleButton.class).getText())));
        assertThat(vm.person().photos().shownProperty().get()).as("the page still shows the photos").isTrue();
        look("person-photos-suggestion-waiting");

        robot.clickOn("#person-show-faces");
        UiTestSupport.waitFor(30, "the suggestion first among the faces", () -> faceTile(vm, 0) != null
                && faceTile(vm, 0).getStyleClass().contains("suggestion"));
        assertThat(vm.person().items().get(0).id()).isEqualTo(fresh);
    }

    @Test
    void aMessageShownOverAPersonPageLeavesItsSwitchAndButtonsUncoveredAndClickable() throws Exception {
        MainWindowViewModel vm = library();
        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        robot.clickOn("#person-show-photos");
        UiTestSupport.runFx(() -> vm.notificationProperty().set("Named 4 faces \"Ada\""));
        UiTestSupport.waitFor(10, "the message", () -> robot.lookup(".notification-bar").match(UiTestSupport::shown)
                .tryQuery().map(n -> n.localToScreen(n.getBoundsInLocal()).getHeight() > 20).orElse(false));
        Thread.sleep(500); // the banner's slide-in
        javafx.geometry.Bounds banner = UiTestSupport.onFx(() -> {
            Node n = robot.lookup(".notification-bar").match(UiTestSupport::shown).query();
            return n.localToScreen(n.getBoundsInLocal());
        });
        for (String id : List.of("#person-show-photos", "#person-show-faces", "#person-export", "#person-export-photos")) {
            javafx.geometry.Bounds b = UiTestSupport.onFx(() -> {
                Node n = robot.lookup(id).query();
                return n.localToScreen(n.getBoundsInLocal());
            });
            assertThat(b.intersects(banner)).as(id + " uncovered by the message").isFalse();
        }
        look("message-over-person-page");

        robot.clickOn("#person-show-faces");
        UiTestSupport.waitFor(10, "the faces", () -> !vm.person().photos().shownProperty().get() && faceTile(vm, 0) != null);
    }

    @Test
    void aPersonPageShowsTheirPhotosNewestFirstByMonthWithTheirYears() throws Exception {
        MainWindowViewModel vm = library();
        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        robot.clickOn("#person-show-photos");
        UiTestSupport.waitFor(30, "Ada's four photos", () -> vm.person().photos().photos().size() == 4);

        List<String> titles = vm.person().photos().sectionsProperty().get().stream().map(GridSection::title).toList();
        assertThat(titles).containsExactly("December 2023", "July 2019", "March 2016");
        assertThat(vm.person().photos().photos().get(0).takenAt()).startsWith("2023-12-24");
        assertThat(vm.person().photos().summaryProperty().get()).isEqualTo("4 photos from 2016 to 2023");
        var years = vm.person().photos().yearsProperty().get();
        assertThat(years.perYear()).hasSize(8); // 2016..2023, the years without a photo included
        assertThat(years.first().takenAt()).startsWith("2016-03-01");
        look("person-photos");

        // Double-click a photo: the viewer opens it with Ada's face marked.
        Node tile = UiTestSupport.onFx(() -> ((MainWindowView) window.stage().getScene().getRoot()).personViewForTests()
                .photosView().grid().photoTileAt(1));
        robot.doubleClickOn(tile, MouseButton.PRIMARY);
        UiTestSupport.waitFor(10, "the viewer", () -> vm.viewer().openProperty().get());
        String path = vm.person().photos().photos().get(1).path();
        long adaInIt = vm.servicesForTests().queries().faces(new FaceQuery(path, null, null)).get(0).id();
        UiTestSupport.waitFor(10, "Ada's face marked", () -> vm.viewer().markedProperty().get() == adaInIt);
    }

    @Test
    void allPhotosAreGroupedByDateTakenElseFileDateAndSayWhich() throws Exception {
        MainWindowViewModel vm = library();
        List<GridSection> sections = vm.photos().sectionsProperty().get();
        assertThat(sections).extracting(GridSection::title)
                .containsExactly("December 2023", "August 2021", "July 2019", "March 2016");
        GridSection august = sections.get(1);
        assertThat(august.note()).isEqualTo("2 photos · all by file date");
        assertThat(august.tooltip()).contains("file's date");
        assertThat(sections.get(0).tooltip()).contains("as the camera wrote it");
        assertThat(sections).extracting(GridSection::major).containsExactly(true, true, true, true);

        UiTestSupport.runFx(() -> {
            vm.inspectorVisibleProperty().set(true);
            ((MainWindowView) window.stage().getScene().getRoot()).selectPhotoForTests(1);
        });
        UiTestSupport.waitFor(10, "the inspector's date", () -> robot.lookup("#inspector-date").tryQueryAs(javafx.scene.control.Label.class)
                .map(l -> l.getText().startsWith("File date 10 August 2021")).orElse(false));
        UiTestSupport.runFx(() -> ((MainWindowView) window.stage().getScene().getRoot()).selectPhotoForTests(0));
        UiTestSupport.waitFor(10, "the inspector's date taken", () -> robot.lookup("#inspector-date")
                .tryQueryAs(javafx.scene.control.Label.class).map(l -> l.getText().equals("Date taken 24 December 2023, 18:30")).orElse(false));
        look("photos-by-date");
    }
}
