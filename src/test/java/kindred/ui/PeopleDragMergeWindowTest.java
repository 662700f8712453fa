package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.PeopleService.PersonSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.testfx.robot.Motion;

/**
 * Merging two people by dragging one person card onto another in the real window: asked once, merged in the
 * library, the dragged card gone; Ctrl+Z brings it back.
 *
 * <p>The drag is a real mouse drag by the robot: press on the card, move to the other card in
 * {@link #DRAG_STEPS} small steps {@link #STEP_MILLIS} ms apart, rest, release. JavaFX hands a drag-and-drop
 * gesture to the platform (GTK under Xvfb), which needs to see the pointer move while the button is down and
 * to finish its exchange with the drop target before the release; TestFX's {@code drag().dropTo()} moves and
 * releases at once, which is why it was unreliable. With explicit steps and waits the whole path is the user's:
 * DRAG_DETECTED, the platform's drag session, DRAG_OVER and DRAG_DROPPED on the target card, the confirmation.
 *
 * <p>The confirmation is answered with Enter, which must pick "Merge", its default button (the merge the user asked
 * for by dropping). Not with a click: under Xvfb, once a GTK drag session has run, the robot's (XTest) clicks no longer
 * reach the window while its key presses do. Tried: three clicks on the button's measured centre were lost; asking
 * only after the drag is over (DRAG_DONE, as the window now does) did not change it (2026-12-06). Whether a real X
 * server with a window manager behaves the same is not known; clicking the dialogs is covered by EditingWindowTest.
 */
@Tag("ui")
@Tag("slow")
class PeopleDragMergeWindowTest extends WindowTest {

    /** Pointer moves between the press and the release (the platform's drag session needs several). */
    static final int DRAG_STEPS = 24;
    /** Time between pointer moves, and the rest before the release, in ms. */
    static final int STEP_MILLIS = 40;

    @Test
    void draggingAPersonCardOntoAnotherMergesThemAndCtrlZUndoesIt() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        Kindred services = vm.servicesForTests();

        List<FaceInfo> named = nameAdaAndAdaLovelace(services);
        FaceInfo first = named.get(0);
        FaceInfo second = named.get(1);

        robot.clickOn("#nav-people");
        UiTestSupport.waitFor(30, "two person cards", () -> vm.people().people().size() == 2
                && card("Ada").isPresent() && card("Ada Lovelace").isPresent());

        // Drag "Ada Lovelace" onto "Ada": asked once, then merged.
        dragSlowly(card("Ada Lovelace").orElseThrow(), card("Ada").orElseThrow());
        UiTestSupport.waitFor(20, "the merge question", () -> dialogButton("Merge").isPresent());
        assertThat(dialogButton("Merge").orElseThrow().isDefaultButton()).as("the merge the user asked for is the default").isTrue();
        // Enter answers with the default button: the merge the user asked for (see the class comment for the mouse).
        robot.type(KeyCode.ENTER);
        UiTestSupport.waitFor(30, "one person left in the library", () -> services.people().people(true).size() == 1);
        assertThat(services.people().people(true)).extracting(PersonSummary::name).containsExactly("Ada");
        assertThat(services.people().facesOf("Ada")).extracting(FaceInfo::id).containsExactlyInAnyOrder(first.id(), second.id());
        UiTestSupport.waitFor(30, "the dragged card to disappear", () -> card("Ada Lovelace").isEmpty() && card("Ada").isPresent());

        // Ctrl+Z: both people and both cards are back, each with their own face.
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        UiTestSupport.waitFor(30, "the merge to be undone", () -> services.people().people(true).size() == 2);
        assertThat(services.people().facesOf("Ada Lovelace")).extracting(FaceInfo::id).containsExactly(second.id());
        assertThat(services.people().facesOf("Ada")).extracting(FaceInfo::id).containsExactly(first.id());
        UiTestSupport.waitFor(30, "the card to come back", () -> card("Ada Lovelace").isPresent() && card("Ada").isPresent());
    }

    /** The person card on screen showing exactly this name. */
    private Optional<Node> card(String name) {
        return robot.lookup(".person-card").match(UiTestSupport::shown)
                .match(n -> robot.from(n).lookup(".name").queryAll().stream()
                        .anyMatch(l -> l instanceof Label label && name.equals(label.getText())))
                .tryQuery();
    }

    private Optional<Button> dialogButton(String text) {
        return robot.lookup(".dialog-pane .button").match(n -> n instanceof Button b && text.equals(b.getText()))
                .tryQueryAs(Button.class);
    }

    /** A real mouse drag from the centre of one node to the centre of another, slowly enough for the platform. */
    private void dragSlowly(Node from, Node to) throws Exception {
        Point2D a = centre(from);
        Point2D b = centre(to);
        robot.moveTo(a, Motion.DIRECT);
        Thread.sleep(STEP_MILLIS * 4L);
        robot.press(MouseButton.PRIMARY);
        Thread.sleep(STEP_MILLIS * 4L);
        for (int i = 1; i <= DRAG_STEPS; i++) {
            double t = (double) i / DRAG_STEPS;
            robot.moveTo(new Point2D(a.getX() + (b.getX() - a.getX()) * t, a.getY() + (b.getY() - a.getY()) * t), Motion.DIRECT);
            Thread.sleep(STEP_MILLIS);
        }
        // A last small move over the target, then rest: the drop target has answered the platform before the release.
        robot.moveTo(b.add(2, 2), Motion.DIRECT);
        Thread.sleep(STEP_MILLIS * 8L);
        robot.release(MouseButton.PRIMARY);
    }

    private static Point2D centre(Node n) throws Exception {
        Bounds s = UiTestSupport.onFx(() -> n.localToScreen(n.getBoundsInLocal()));
        return new Point2D(s.getCenterX(), s.getCenterY());
    }
}
