package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import kindred.app.Services;
import kindred.application.Kindred;
import kindred.model.State;
import kindred.ui.people.FaceItem;
import kindred.ui.people.PersonView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "Other faces" in the real window: the faces no group holds are reachable from the sidebar, best first (quality, then
 * size), a suggested one labelled "Ann?" that Y confirms; one without a suggestion says so on Y, and is named by typing.
 */
@Tag("ui")
@Tag("slow")
class OtherFacesWindowTest extends WindowTest {

    private List<Node> shown(String query) {
        return List.copyOf(robot.lookup(query).match(UiTestSupport::shown).queryAll());
    }

    @Test
    void otherFacesListsFacesSeenOnceBestFirstWithTheirSuggestionAndYConfirmsIt() throws Exception {
        long fresh;
        long sharpStranger;
        long blurredStranger;
        try (Services earlier = new Services(tmp.resolve("library"))) {
            SyntheticPhotos photos = new SyntheticPhotos(earlier, tmp.resolve("Family"), 4);
            long first = photos.face(0);
            photos.face(0);
            photos.face(0);
            photos.face(3);
            photos.face(3); // a pair: on Unnamed with "Show small groups" (on below), not here
            earlier.people().clusterNewFaces();
            earlier.people().nameCluster(NamingLibraries.clusterOf(earlier, first), "Ann");
            fresh = photos.face(0, 300, 0.8);
            sharpStranger = photos.face(1, 300, 0.95);
            blurredStranger = photos.face(2, 300, 0.4);
            earlier.people().clusterNewFaces();
        }
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        Kindred services = vm.servicesForTests();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get() && !vm.firstRunProperty().get());

        // With "Show small groups" on, the pair is a group on Unnamed, not here.
        UiTestSupport.runFx(() -> vm.people().showSmallGroupsProperty().set(true));
        robot.clickOn("#nav-other");
        UiTestSupport.waitFor(30, "three other faces", () -> vm.person().items().size() == 3 && shown(".face-tile").size() == 3);
        assertThat(vm.person().items()).extracting(FaceItem::id).containsExactly(sharpStranger, fresh, blurredStranger);
        assertThat(robot.lookup(".page-title").queryAs(Label.class).getText()).isEqualTo("Other faces");
        assertThat(robot.lookup("#nav-other").query().getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("selected"));
        PersonView page = robot.lookup((Node n) -> n instanceof PersonView).queryAs(PersonView.class);
        Node annTile = UiTestSupport.onFx(() -> page.tileAt(1));
        List<String> under = shown(".face-grid .label").stream().map(n -> ((Label) n).getText()).filter(t -> !t.isEmpty()).toList();
        assertThat(under).containsExactly("Ann?");

        robot.clickOn(annTile).type(KeyCode.Y);
        UiTestSupport.waitFor(30, "the suggestion confirmed", () -> services.queries().facesById(List.of(fresh)).get(0).state()
                == State.CONFIRMED && vm.person().items().size() == 2);

        // A face without a suggestion: Y says so and changes nothing; typing a name names it.
        robot.clickOn(UiTestSupport.onFx(() -> page.tileAt(0)));
        robot.type(KeyCode.Y);
        UiTestSupport.waitFor(10, "the answer", () -> String.valueOf(vm.notificationProperty().get()).startsWith("No suggestion to confirm"));
        TextField who = robot.lookup(".text-field").match(UiTestSupport::shown)
                .match(n -> "Who is this? (type a name)".equals(((TextField) n).getPromptText())).queryAs(TextField.class);
        robot.clickOn(who).write("Zoe").type(KeyCode.ENTER);
        UiTestSupport.waitFor(30, "Zoe", () -> NamingLibraries.facesOf(services, "Zoe").equals(List.of(sharpStranger))
                && vm.person().items().size() == 1);
        assertThat(vm.person().items()).extracting(FaceItem::id).containsExactly(blurredStranger);
    }

    @Test
    void theViewerAsksAboutASuggestedFaceAndYesConfirmsIt() throws Exception {
        List<Long> fresh = NamingLibraries.annWithSuggestions(tmp, 1);
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        Kindred services = vm.servicesForTests();
        UiTestSupport.waitFor(30, "the photos", () -> vm.loadedProperty().get() && vm.photos().photos().size() == 4);
        String path = services.queries().facesById(fresh).get(0).photoPath();
        int at = UiTestSupport.onFx(() -> vm.photos().photos().stream().map(p -> p.path()).toList().indexOf(path));
        UiTestSupport.runFx(() -> vm.viewer().open(vm.photos().photos(), at));
        UiTestSupport.waitFor(30, "the face's label", () -> robot.lookup(".viewer .face-label").match(UiTestSupport::shown).tryQuery().isPresent());
        Label label = robot.lookup(".viewer .face-label").match(UiTestSupport::shown).queryAs(Label.class);
        assertThat(label.getText()).isEqualTo("Ann?");

        robot.clickOn(label);
        UiTestSupport.waitFor(10, "the question", () -> robot.lookup("#confirm-suggestion").tryQuery().isPresent());
        assertThat(((javafx.scene.control.Button) robot.lookup("#confirm-suggestion").query()).getText()).isEqualTo("Yes, Ann");
        robot.clickOn("#confirm-suggestion");
        UiTestSupport.waitFor(30, "the face confirmed", () -> services.queries().facesById(fresh).get(0).state() == State.CONFIRMED);
        UiTestSupport.waitFor(10, "the label without its question mark", () -> robot.lookup(".viewer .face-label")
                .match(UiTestSupport::shown).queryAll().stream().anyMatch(n -> ((Label) n).getText().equals("Ann")));
    }

    @Test
    void aPairIsOnOtherFacesWhileUnnamedHidesSmallGroupsAndOnUnnamedWhenItShowsThem() throws Exception {
        try (Services earlier = new Services(tmp.resolve("library"))) {
            SyntheticPhotos photos = new SyntheticPhotos(earlier, tmp.resolve("Family"), 4);
            photos.face(3);
            photos.face(3);
            earlier.people().clusterNewFaces();
        }
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get() && !vm.firstRunProperty().get());
        assertThat(vm.people().showSmallGroupsProperty().get()).as("small groups hidden by default").isFalse();

        robot.clickOn("#nav-other");
        UiTestSupport.waitFor(30, "the pair's two faces on Other faces", () -> vm.person().items().size() == 2);
        UiTestSupport.waitFor(30, "its count", () -> "2".equals(((Label) robot.lookup("#nav-other-count").query()).getText()));

        UiTestSupport.runFx(() -> vm.people().showSmallGroupsProperty().set(true));
        UiTestSupport.waitFor(30, "the pair gone to Unnamed", () -> vm.person().items().isEmpty()
                && "0".equals(((Label) robot.lookup("#nav-other-count").query()).getText()));
    }
}
