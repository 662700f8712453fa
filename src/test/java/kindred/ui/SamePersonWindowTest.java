package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import kindred.application.Kindred;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Naming with a name someone has already asks first, in the real window: on an Unnamed card and in "Someone else…",
 * "Same person as Jenny, 3 faces?" shows both (crops and counts); the faces join Jenny only on yes, and No keeps two
 * people, the new one under a name of their own.
 */
@Tag("ui")
@Tag("slow")
class SamePersonWindowTest extends WindowTest {

    private MainWindowViewModel open() throws Exception {
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get() && !vm.firstRunProperty().get());
        return vm;
    }

    private List<Node> shown(String query) {
        return List.copyOf(robot.lookup(query).match(UiTestSupport::shown).queryAll());
    }

    private Node first(String query) {
        return shown(query).stream().min(Comparator.<Node>comparingDouble(n -> n.localToScreen(n.getBoundsInLocal()).getMinY())
                .thenComparingDouble(n -> n.localToScreen(n.getBoundsInLocal()).getMinX())).orElseThrow();
    }

    private boolean questionShown() {
        return robot.lookup("#same-person-question").tryQuery().map(n -> n.getScene().getWindow().isShowing()).orElse(false);
    }

    private DialogPane question() {
        return robot.lookup("#same-person-question").queryAs(DialogPane.class);
    }

    private Button button(String text) {
        return robot.lookup("#same-person-question .button").match(n -> text.equals(((Button) n).getText())).queryAs(Button.class);
    }

    /** Unnamed page: "Jenny" typed on the one unnamed card's name field, Enter; waits for the question. */
    private MainWindowViewModel nameTheCardJenny() throws Exception {
        MainWindowViewModel vm = open();
        robot.clickOn("#nav-unnamed");
        UiTestSupport.waitFor(30, "the unnamed group", () -> shown(".person-card .add-name").size() == 1);
        robot.clickOn(first(".person-card .add-name"));
        robot.write("Jenny");
        robot.type(KeyCode.ENTER);
        UiTestSupport.waitFor(10, "the same-person question", this::questionShown);
        return vm;
    }

    @Test
    void namingACardJennyAsksWithBothCropsAndCounts() throws Exception {
        NamingLibraries.groups(tmp, new int[] {3, 4}, "Jenny");
        MainWindowViewModel vm = nameTheCardJenny();
        DialogPane q = question();
        assertThat(q.getHeaderText()).isEqualTo("Same person as Jenny, 3 faces?");
        List<String> labels = robot.from(q).lookup(".label").queryAll().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertThat(labels).contains("These 4 faces", "Jenny · 3 faces");
        UiTestSupport.waitFor(10, "both crops", () -> robot.from(q).lookup(".image-view").queryAll().stream()
                .filter(n -> ((ImageView) n).getImage() != null).count() == 2);
        assertThat(robot.from(q).lookup("#different-name").queryAs(TextField.class).getText()).isEqualTo("Jenny (2)");
        assertThat(NamingLibraries.names(vm.servicesForTests())).as("nothing named before the answer").containsExactly("Jenny");
        robot.clickOn(button("Cancel"));
    }

    @Test
    void noKeepsTwoPeopleTheNewOneUnderANameOfTheirOwn() throws Exception {
        List<List<Long>> groups = NamingLibraries.groups(tmp, new int[] {3, 4}, "Jenny");
        MainWindowViewModel vm = nameTheCardJenny();
        Kindred services = vm.servicesForTests();

        robot.clickOn(button("Different person"));
        UiTestSupport.waitFor(30, "two people", () -> NamingLibraries.names(services).size() == 2);
        assertThat(NamingLibraries.names(services)).containsExactly("Jenny", "Jenny (2)");
        assertThat(NamingLibraries.facesOf(services, "Jenny")).isEqualTo(groups.get(0).stream().sorted().toList());
        assertThat(NamingLibraries.facesOf(services, "Jenny (2)")).isEqualTo(groups.get(1).stream().sorted().toList());
        UiTestSupport.waitFor(10, "the message", () -> vm.notificationProperty().get() != null
                && vm.notificationProperty().get().contains("a different person from \"Jenny\""));
    }

    @Test
    void yesAddsTheFacesToJenny() throws Exception {
        List<List<Long>> groups = NamingLibraries.groups(tmp, new int[] {3, 4}, "Jenny");
        MainWindowViewModel vm = nameTheCardJenny();
        Kindred services = vm.servicesForTests();

        robot.clickOn(button("Same person"));
        UiTestSupport.waitFor(30, "Jenny's 7 faces", () -> NamingLibraries.facesOf(services, "Jenny").size() == 7);
        assertThat(NamingLibraries.names(services)).containsExactly("Jenny");
    }

    @Test
    void someoneElseWithATakenNameAsksAndNoWithANameTypedKeepsTwoPeople() throws Exception {
        List<List<Long>> groups = NamingLibraries.groups(tmp, new int[] {3, 4}, "Jenny", "Ann");
        MainWindowViewModel vm = open();
        Kindred services = vm.servicesForTests();
        UiTestSupport.runFx(() -> vm.openPerson("Ann"));
        // A person page opens on their photos: the Faces switch shows the face crops.
        UiTestSupport.waitFor(30, "Ann's page", () -> !shown("#person-show-faces").isEmpty());
        robot.clickOn("#person-show-faces");
        UiTestSupport.waitFor(30, "Ann's faces", () -> shown(".face-tile").size() == 4);
        robot.clickOn(first(".face-tile"));
        long face = vm.person().selected().iterator().next();
        TextField someoneElse = robot.lookup(".text-field").match(UiTestSupport::shown)
                .match(n -> "Someone else… (type a name)".equals(((TextField) n).getPromptText())).queryAs(TextField.class);
        robot.clickOn(someoneElse).write("Jenny");
        robot.type(KeyCode.ENTER);
        UiTestSupport.waitFor(10, "the same-person question", this::questionShown);
        assertThat(question().getHeaderText()).isEqualTo("Same person as Jenny, 3 faces?");

        TextField other = robot.lookup("#different-name").queryAs(TextField.class);
        robot.doubleClickOn(other);
        UiTestSupport.runFx(other::clear);
        robot.write("Jenny Smith").type(KeyCode.ENTER);
        UiTestSupport.waitFor(30, "Jenny Smith", () -> NamingLibraries.names(services).contains("Jenny Smith"));
        assertThat(NamingLibraries.names(services)).containsExactly("Ann", "Jenny", "Jenny Smith");
        assertThat(NamingLibraries.facesOf(services, "Jenny Smith")).containsExactly(face);
        assertThat(NamingLibraries.facesOf(services, "Jenny")).isEqualTo(groups.get(0).stream().sorted().toList());
    }
}
