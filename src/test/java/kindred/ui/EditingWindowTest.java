package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.PeopleService.PersonSummary;
import kindred.model.Source;
import kindred.model.State;
import kindred.ui.common.PhotoItem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fixing mistakes in the real window, with the mouse and keys: merge two people from a card's menu (asked once),
 * undo it with Ctrl+Z; in the photo viewer, draw a box around a face and name it, then remove a face that is not
 * one (asked once) and bring it back with Ctrl+Z.
 */
@Tag("ui")
@Tag("slow")
class EditingWindowTest extends WindowTest {

    private boolean exists(String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    private Button dialogButton(String text) {
        return robot.lookup(".dialog-pane .button").match(n -> text.equals(((Button) n).getText())).queryAs(Button.class);
    }

    @Test
    void mergeFromTheMenuDrawAFaceRemoveAFaceAndUndo() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        Kindred services = vm.servicesForTests();

        List<FaceInfo> named = nameAdaAndAdaLovelace(services);
        FaceInfo first = named.get(0);
        FaceInfo second = named.get(1);

        // People → right-click "Ada Lovelace" → Merge into… → Ada → asked once → merged.
        robot.clickOn("#nav-people");
        UiTestSupport.waitFor(30, "two person cards", () -> vm.people().people().size() == 2
                && robot.lookup(".person-card").match(UiTestSupport::shown).queryAll().size() == 2);
        Node lovelace = robot.lookup(".person-card").match(UiTestSupport::shown).match(n -> robot.from(n).lookup(".name").queryAll().stream()
                .anyMatch(l -> ((javafx.scene.control.Label) l).getText().equals("Ada Lovelace"))).query();
        robot.rightClickOn(lovelace);
        robot.clickOn("Merge into…");
        UiTestSupport.waitFor(10, "the person picker", () -> exists(".dialog-pane .combo-box"));
        ComboBox<?> picker = robot.lookup(".dialog-pane .combo-box").queryAs(ComboBox.class);
        assertThat(picker.getValue()).isEqualTo("Ada");
        robot.clickOn(dialogButton("OK"));
        UiTestSupport.waitFor(10, "the merge question", () -> exists(".dialog-pane .button")
                && robot.lookup(".dialog-pane .button").queryAll().stream().anyMatch(b -> "Merge".equals(((Button) b).getText())));
        robot.clickOn(dialogButton("Merge"));
        UiTestSupport.waitFor(30, "one person left", () -> services.people().people(true).size() == 1
                && vm.people().people().size() == 1);
        assertThat(services.people().facesOf("Ada")).hasSize(2);

        // Ctrl+Z: both people are back, each with their face.
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        UiTestSupport.waitFor(30, "the merge to be undone", () -> services.people().people(true).size() == 2
                && vm.people().people().size() == 2);
        assertThat(services.people().people(true)).extracting(PersonSummary::name).containsExactlyInAnyOrder("Ada", "Ada Lovelace");
        assertThat(services.people().facesOf("Ada Lovelace")).extracting(FaceInfo::id).containsExactly(second.id());

        // The viewer: open a photo, press D, drag a box over an empty corner, name it.
        robot.clickOn("#nav-all");
        UiTestSupport.waitFor(30, "photo tiles", () -> exists(".photo-tile"));
        robot.doubleClickOn(robot.lookup(".photo-tile").match(UiTestSupport::shown).nth(0).queryAs(Node.class));
        UiTestSupport.waitFor(30, "the viewer", () -> vm.viewer().openProperty().get()
                && robot.lookup(".viewer .image-view").queryAll().stream().anyMatch(n -> ((ImageView) n).getImage() != null));
        PhotoItem shown = vm.viewer().photoProperty().get();
        int before = services.queries().faces(new FaceQuery(shown.path(), null, null)).size();
        ImageView image = robot.lookup(".viewer .image-view").match(n -> ((ImageView) n).getImage() != null).queryAs(ImageView.class);
        robot.clickOn("#add-face");
        UiTestSupport.waitFor(10, "drawing mode", () -> vm.viewer().drawingProperty().get());
        Bounds b = image.localToScreen(image.getBoundsInLocal());
        Point2D from = new Point2D(b.getMinX() + b.getWidth() * 0.04, b.getMinY() + b.getHeight() * 0.05);
        Point2D to = new Point2D(b.getMinX() + b.getWidth() * 0.16, b.getMinY() + b.getHeight() * 0.22);
        robot.moveTo(from).press(MouseButton.PRIMARY).moveTo(from.midpoint(to)).moveTo(to).release(MouseButton.PRIMARY);
        UiTestSupport.waitFor(10, "the name field", () -> exists("#new-face-name"));
        TextField name = robot.lookup("#new-face-name").queryAs(TextField.class);
        robot.clickOn(name).write("Zoe").type(KeyCode.ENTER);
        UiTestSupport.waitFor(60, "the drawn face", () -> services.queries().faces(new FaceQuery(shown.path(), null, null)).stream()
                .anyMatch(f -> "Zoe".equals(f.person())));
        FaceInfo zoe = services.queries().faces(new FaceQuery(shown.path(), "Zoe", null)).get(0);
        assertThat(zoe.state()).isEqualTo(State.CONFIRMED);
        assertThat(zoe.box().x()).isLessThan(zoe.box().w() * 2);
        assertThat(services.queries().faces(new FaceQuery(shown.path(), null, null))).hasSize(before + 1);
        UiTestSupport.waitFor(30, "Zoe's box on the photo", () -> vm.viewer().faces().stream().anyMatch(f -> "Zoe".equals(f.person())));

        // Click Zoe's box → Not a face → asked once → gone; Ctrl+Z brings it back.
        Node zoeBox = robot.lookup(".face-label").match(n -> ((javafx.scene.control.Label) n).getText().equals("Zoe")).query();
        robot.clickOn(zoeBox);
        UiTestSupport.waitFor(10, "the face's actions", () -> exists("#remove-face"));
        robot.clickOn("#remove-face");
        UiTestSupport.waitFor(10, "the remove question", () -> robot.lookup(".dialog-pane .button").queryAll().stream()
                .anyMatch(n -> "Remove".equals(((Button) n).getText())));
        robot.clickOn(dialogButton("Remove"));
        UiTestSupport.waitFor(30, "the face to go", () -> services.queries().faces(new FaceQuery(shown.path(), null, null)).size() == before);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        UiTestSupport.waitFor(30, "the face to come back", () -> services.queries().faces(new FaceQuery(shown.path(), "Zoe", null)).stream()
                .anyMatch(f -> f.id() == zoe.id() && f.source() == Source.MANUAL));
    }
}
