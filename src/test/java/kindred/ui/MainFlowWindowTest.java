package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import kindred.library.FaceInfo;
import kindred.model.State;
import kindred.ui.people.FaceItem;
import kindred.ui.people.PersonView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The main flow in the real window, with the real services on a temporary library and the demo photos:
 * add a folder → faces appear → name a group → the person page shows the faces → a new photo of them becomes a
 * suggestion → confirm it with Y → search finds the photo. Mouse and keyboard as a person would use them,
 * except the folder chooser (a native dialog), whose result is handed to the view model.
 */
@Tag("ui")
@Tag("slow")
class MainFlowWindowTest extends WindowTest {

    private Node lookup(String query) {
        return robot.lookup(query).query();
    }

    /** Whether a node matching {@code query} is on screen (tiles out of view stay in the scene, hidden). */
    private boolean exists(String query) {
        return robot.lookup(query).match(UiTestSupport::shown).tryQuery().isPresent();
    }

    @Test
    void addFolderNameAGroupConfirmASuggestionAndSearch() throws Exception {
        Path photos = UiTestSupport.copyPhotos(tmp.resolve("Family"));
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the welcome page", () -> exists("#add-folder") && lookup("#add-folder").isVisible());
        assertThat(window.stage().getTitle()).isEqualTo("Kindred");

        // Add a folder: photos and then faces appear while the window stays usable.
        UiTestSupport.runFx(() -> vm.addFolders(List.of(photos)));
        UiTestSupport.waitFor(300, "indexing to finish", () -> !vm.indexing().busyProperty().get()
                && vm.photos().photos().size() == 6);
        UiTestSupport.waitFor(30, "face counts on the tiles", () -> robot.lookup(".tile-badge-text").queryAll().stream()
                .anyMatch(n -> n.getParent().isVisible() && ((javafx.scene.text.Text) n).getText().endsWith("faces")));

        // Unnamed: show the small groups (the demo photos have one pair), click "Add a name" on the card: the name
        // field opens there, focused; type a name.
        robot.clickOn("#nav-unnamed");
        robot.clickOn("#show-small-groups");
        UiTestSupport.waitFor(30, "an unnamed group", () -> exists(".person-card .add-name"));
        long groupFaces = vm.people().clusters().get(0).summary().faces();
        robot.clickOn(robot.lookup(".person-card .add-name").match(UiTestSupport::shown).queryAs(Node.class));
        UiTestSupport.waitFor(10, "the name field", () -> exists(".person-card .text-field"));
        TextField name = robot.lookup(".person-card .text-field").match(UiTestSupport::shown).queryAs(TextField.class);
        assertThat(name.isFocused()).as("the field opened by the click has the focus").isTrue();
        robot.write("Ada").type(KeyCode.ENTER);
        UiTestSupport.waitFor(30, "Ada to exist", () -> vm.people().names().contains("Ada"));

        // People → Ada's page shows her photos; Faces shows her faces.
        robot.clickOn("#nav-people");
        UiTestSupport.waitFor(30, "Ada's card", () -> robot.lookup(".person-card").match(UiTestSupport::shown).tryQuery().isPresent());
        robot.doubleClickOn(robot.lookup(".person-card").match(UiTestSupport::shown).queryAs(javafx.scene.Node.class));
        UiTestSupport.waitFor(30, "Ada's photos", () -> vm.person().photos().photos().size() == groupFaces
                && robot.lookup("#person-photos-grid").match(UiTestSupport::shown).tryQuery().isPresent());
        robot.clickOn("#person-show-faces");
        UiTestSupport.waitFor(30, "Ada's faces", () -> vm.person().items().size() == groupFaces
                && robot.lookup(".face-tile").match(UiTestSupport::shown).queryAll().size() >= groupFaces);
        assertThat(vm.person().titleProperty().get()).isEqualTo("Ada");
        assertThat(vm.person().items()).allSatisfy(i -> assertThat(i.face().state()).isEqualTo(State.CONFIRMED));

        // A new photo of Ada (a copy as a distinct file, in another folder: a byte-identical file there would be an identical
        // copy of the same photo, issue 18) becomes a suggestion.
        FaceInfo adaFace = vm.person().items().get(0).face();
        Path more = Files.createDirectories(tmp.resolve("More"));
        Path copy = more.resolve("ada-again.jpg");
        kindred.library.DistinctJpegs.copy(Path.of(adaFace.photoPath()), copy);
        UiTestSupport.runFx(() -> vm.addFolders(List.of(more)));
        UiTestSupport.waitFor(300, "the new photo to be indexed", () -> !vm.indexing().busyProperty().get()
                && vm.folders().size() == 2);

        // Review: the suggestion is there with a confidence; Y confirms it.
        robot.clickOn("#nav-review");
        UiTestSupport.waitFor(30, "a suggestion for Ada", () -> vm.person().items().stream()
                .anyMatch(i -> i.suggestion() && i.face().photoPath().equals(copy.toString()) && "Ada".equals(i.person())));
        FaceItem suggestion = vm.person().items().stream().filter(i -> i.face().photoPath().equals(copy.toString())).findFirst().orElseThrow();
        assertThat(suggestion.confidence()).isBetween(0.0, 1.0);
        UiTestSupport.waitFor(30, "the suggestion tile", () -> exists(".face-tile.suggestion"));
        int index = vm.person().items().indexOf(suggestion);
        Node tile = UiTestSupport.onFx(() -> robot.lookup((Node n) -> n instanceof PersonView).queryAs(PersonView.class).tileAt(index));
        assertThat(tile.getStyleClass()).contains("suggestion");
        robot.clickOn(tile);
        robot.type(KeyCode.Y);
        UiTestSupport.waitFor(30, "the suggestion to be confirmed", () -> vm.person().items().stream()
                .noneMatch(i -> i.id() == suggestion.id()));
        assertThat(window.viewModel().servicesForTests().people().facesOf("Ada"))
                .anySatisfy(f -> {
                    assertThat(f.id()).isEqualTo(suggestion.id());
                    assertThat(f.state()).isEqualTo(State.CONFIRMED);
                });

        // Search: type Ada; the new photo is among her photos.
        robot.clickOn("#nav-search");
        TextField who = robot.lookup(".text-field").match(n -> "Add a person…".equals(((TextField) n).getPromptText()))
                .queryAs(TextField.class);
        robot.clickOn(who).write("Ada").type(KeyCode.ESCAPE).type(KeyCode.ENTER);
        UiTestSupport.waitFor(30, "search results", () -> vm.search().results().stream()
                .anyMatch(p -> p.path().equals(copy.toString())));
        assertThat(vm.search().summaryProperty().get()).contains("with Ada");
    }
}
