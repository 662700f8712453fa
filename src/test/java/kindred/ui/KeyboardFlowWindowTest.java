package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.model.State;
import kindred.ui.people.PersonView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The keyboard flow in the real window cannot misfire: Ctrl+I opens Info and never ignores a face; a decision key with
 * nothing chosen chooses the first tile and says so; naming cards one after another with Enter names each the name
 * typed for it; Enter keeps what was typed when a completion shows ("Jen" stays "Jen" beside "Jenny"), and in Search
 * adds the typed person; after Ctrl+Z the keys go to the page's tiles.
 */
@Tag("ui")
@Tag("slow")
class KeyboardFlowWindowTest extends WindowTest {

    private MainWindowViewModel open() throws Exception {
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get() && !vm.firstRunProperty().get());
        return vm;
    }

    private List<Node> shown(String query) {
        return List.copyOf(robot.lookup(query).match(UiTestSupport::shown).queryAll());
    }

    /** The node of {@code query} on screen nearest the top left (the first card or tile). */
    private Node first(String query) {
        return shown(query).stream().min(Comparator.<Node>comparingDouble(n -> screen(n).getMinY()).thenComparingDouble(n -> screen(n).getMinX()))
                .orElseThrow();
    }

    private static Bounds screen(Node n) {
        return n.localToScreen(n.getBoundsInLocal());
    }

    /** The completion the popup's list has selected (null when none, or no popup). */
    private String completionPicked() {
        return robot.lookup(".auto-complete-popup").match(n -> n.getScene() != null && n.getScene().getWindow().isShowing())
                .tryQuery().flatMap(p -> robot.from(p).lookup(".list-view").tryQuery())
                .map(l -> ((javafx.scene.control.ListView<?>) l).getSelectionModel().getSelectedItem())
                .map(Object::toString).orElse(null);
    }

    private boolean completionShown() {
        return robot.lookup(".auto-complete-popup").match(n -> n.getScene() != null && n.getScene().getWindow().isShowing())
                .tryQuery().isPresent();
    }

    private PersonView personView() {
        return robot.lookup((Node n) -> n instanceof PersonView).queryAs(PersonView.class);
    }

    @Test
    void ctrlIOpensInfoAndDoesNotIgnoreTheSelectedFace() throws Exception {
        NamingLibraries.groups(tmp, new int[] {3}, "Ann");
        MainWindowViewModel vm = open();
        Kindred services = vm.servicesForTests();
        UiTestSupport.runFx(() -> vm.openPerson("Ann"));
        // A person page opens on their photos: the Faces switch shows the face crops.
        UiTestSupport.waitFor(30, "Ann's page", () -> !shown("#person-show-faces").isEmpty());
        robot.clickOn("#person-show-faces");
        UiTestSupport.waitFor(30, "Ann's faces", () -> vm.person().items().size() == 3 && shown(".face-tile").size() == 3);
        robot.clickOn(first(".face-tile"));
        assertThat(vm.person().selected()).hasSize(1);
        assertThat(vm.inspectorVisibleProperty().get()).isFalse();

        robot.press(KeyCode.CONTROL).type(KeyCode.I).release(KeyCode.CONTROL);
        UiTestSupport.waitFor(10, "the inspector", () -> vm.inspectorVisibleProperty().get());
        robot.sleep(300); // a wrongly made decision would have run by now
        assertThat(NamingLibraries.facesOf(services, "Ann")).hasSize(3);
        assertThat(NamingLibraries.faces(services)).noneMatch(f -> f.state() == State.IGNORED);
    }

    @Test
    void yWithNothingSelectedSelectsTheFirstTileAndSaysSoThenYConfirmsIt() throws Exception {
        List<Long> fresh = NamingLibraries.annWithSuggestions(tmp, 3);
        MainWindowViewModel vm = open();
        Kindred services = vm.servicesForTests();
        robot.clickOn("#nav-review");
        UiTestSupport.waitFor(30, "three suggestions", () -> vm.person().items().size() == 3 && shown(".face-tile").size() == 3);
        UiTestSupport.waitFor(10, "the tiles to have the keys", () -> robot.lookup(".face-grid").query().isFocused());
        assertThat(vm.person().selected()).isEmpty();

        robot.type(KeyCode.Y);
        UiTestSupport.waitFor(10, "the first tile to be selected", () -> vm.person().selected().size() == 1);
        long firstId = vm.person().items().get(0).id();
        assertThat(vm.person().selected()).containsExactly(firstId);
        assertThat(vm.notificationProperty().get()).contains("the first face is selected now").contains("Press Y again");
        robot.sleep(300);
        assertThat(services.queries().facesById(fresh)).as("nothing confirmed by a Y on nothing")
                .allMatch(f -> f.state() == State.UNCONFIRMED);

        robot.type(KeyCode.Y);
        UiTestSupport.waitFor(30, "the first suggestion confirmed", () -> services.queries().facesById(List.of(firstId)).get(0).state()
                == State.CONFIRMED);
        assertThat(services.queries().facesById(fresh)).filteredOn(f -> f.state() == State.CONFIRMED).extracting(FaceInfo::id)
                .containsExactly(firstId);
    }

    @Test
    void namingTwoCardsInARowWithEnterNamesTheRightTwo() throws Exception {
        List<List<Long>> groups = NamingLibraries.groups(tmp, new int[] {5, 4, 3});
        MainWindowViewModel vm = open();
        Kindred services = vm.servicesForTests();
        robot.clickOn("#nav-unnamed");
        UiTestSupport.waitFor(30, "three unnamed groups", () -> vm.people().clusters().size() == 3 && shown(".person-card .add-name").size() == 3);

        robot.clickOn(first(".person-card .add-name"));
        UiTestSupport.waitFor(10, "the first card's name field", () -> shown(".person-card .text-field").stream().anyMatch(Node::isFocused));
        robot.write("Ann").type(KeyCode.ENTER);
        robot.write("Bob").type(KeyCode.ENTER);

        UiTestSupport.waitFor(30, "Ann and Bob", () -> NamingLibraries.names(services).equals(List.of("Ann", "Bob")));
        assertThat(NamingLibraries.facesOf(services, "Ann")).isEqualTo(groups.get(0).stream().sorted().toList());
        assertThat(NamingLibraries.facesOf(services, "Bob")).isEqualTo(groups.get(1).stream().sorted().toList());
        UiTestSupport.waitFor(30, "one group left", () -> vm.people().clusters().size() == 1);
        assertThat(services.queries().facesById(groups.get(2))).allMatch(f -> f.person() == null);
        // And the keys went on to the one card left: its name field has them.
        UiTestSupport.waitFor(10, "the last card's field focused", () -> shown(".person-card .text-field").stream().anyMatch(Node::isFocused));
    }

    @Test
    void enterKeepsWhatWasTypedWhenACompletionIsShown() throws Exception {
        List<List<Long>> groups = NamingLibraries.groups(tmp, new int[] {3, 3}, "Jenny");
        MainWindowViewModel vm = open();
        Kindred services = vm.servicesForTests();
        robot.clickOn("#nav-unnamed");
        UiTestSupport.waitFor(30, "the unnamed group", () -> shown(".person-card .add-name").size() == 1);
        robot.clickOn(first(".person-card .add-name"));
        robot.write("Jen");
        UiTestSupport.waitFor(10, "the completion \"Jenny\"", this::completionShown);

        robot.type(KeyCode.ENTER);
        UiTestSupport.waitFor(30, "Jen to exist", () -> NamingLibraries.names(services).contains("Jen"));
        assertThat(NamingLibraries.names(services)).containsExactly("Jen", "Jenny");
        assertThat(NamingLibraries.facesOf(services, "Jen")).isEqualTo(groups.get(1).stream().sorted().toList());
        assertThat(NamingLibraries.facesOf(services, "Jenny")).isEqualTo(groups.get(0).stream().sorted().toList());
    }

    @Test
    void aCompletionPickedWithTheArrowsIsTakenByEnter() throws Exception {
        List<List<Long>> groups = NamingLibraries.groups(tmp, new int[] {3}, "Ann");
        MainWindowViewModel vm = open();
        robot.clickOn("#nav-search");
        UiTestSupport.waitFor(10, "the person field focused", () -> robot.lookup(".text-field")
                .match(n -> "Add a person…".equals(((TextField) n).getPromptText())).query().isFocused());
        robot.write("an");
        UiTestSupport.waitFor(10, "the completion \"Ann\"", this::completionShown);
        // As a person does: Down until Ann is visibly picked (a Down typed while the list is still being filled can find
        // no list yet; with one completion, another Down keeps Ann), then Enter.
        for (int tries = 0; tries < 3 && !"Ann".equals(completionPicked()); tries++) {
            robot.type(KeyCode.DOWN);
            long until = System.currentTimeMillis() + 3_000;
            while (!"Ann".equals(completionPicked()) && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
        }
        assertThat(completionPicked()).as("Ann picked in the completion list with Down (completions shown: %s)",
                robot.lookup(".auto-complete-popup").queryAll().size()).isEqualTo("Ann");
        robot.type(KeyCode.ENTER);
        try {
            UiTestSupport.waitFor(10, "Ann's chip", () -> vm.search().chosen().equals(List.of("Ann")));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; chosen " + UiTestSupport.onFx(() -> vm.search().chosen()) + ", completion shown "
                    + completionShown() + ", picked " + completionPicked(), e);
        }
        UiTestSupport.waitFor(30, "Ann's photos", () -> vm.search().results().size() == groups.get(0).size());
    }

    @Test
    void enterInSearchAddsTheTypedPersonAsAChip() throws Exception {
        NamingLibraries.groups(tmp, new int[] {3}, "Ann");
        MainWindowViewModel vm = open();
        robot.clickOn("#nav-search");
        UiTestSupport.waitFor(10, "the person field focused", () -> robot.lookup(".text-field")
                .match(n -> "Add a person…".equals(((TextField) n).getPromptText())).query().isFocused());
        robot.write("Ann");
        UiTestSupport.waitFor(10, "the completion \"Ann\"", this::completionShown);

        robot.type(KeyCode.ENTER);
        UiTestSupport.waitFor(10, "Ann's chip", () -> vm.search().chosen().equals(List.of("Ann"))
                && shown(".chip").stream().anyMatch(c -> ((Button) c).getText().startsWith("Ann")));
        assertThat(robot.lookup(".text-field").match(n -> "Add a person…".equals(((TextField) n).getPromptText()))
                .queryAs(TextField.class).getText()).isEmpty();
    }

    @Test
    void afterCtrlZTheKeysGoToThePagesTiles() throws Exception {
        List<Long> fresh = NamingLibraries.annWithSuggestions(tmp, 2);
        MainWindowViewModel vm = open();
        Kindred services = vm.servicesForTests();
        robot.clickOn("#nav-review");
        UiTestSupport.waitFor(30, "two suggestions", () -> shown(".face-tile").size() == 2);
        robot.clickOn(first(".face-tile")).type(KeyCode.Y);
        UiTestSupport.waitFor(30, "one suggestion left", () -> vm.person().items().size() == 1);
        // The keys elsewhere: on the sidebar's Review entry.
        UiTestSupport.runFx(() -> robot.lookup("#nav-review").query().requestFocus());
        UiTestSupport.waitFor(10, "the sidebar focused", () -> robot.lookup("#nav-review").query().isFocused());

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        UiTestSupport.waitFor(30, "the confirmation undone", () -> services.queries().facesById(fresh).stream()
                .allMatch(f -> f.state() == State.UNCONFIRMED) && vm.person().items().size() == 2);
        UiTestSupport.waitFor(10, "the tiles to have the keys", () -> robot.lookup(".face-grid").query().isFocused());
        assertThat(personView().isVisible()).isTrue();
    }
}
