package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An Unnamed-page card shows an "Add a name" button until someone names the group: the name field (a text field's
 * skin, its context menu, the completion) is made only then. The keyboard reaches it as it reached the field: Tab
 * from the page's option focuses the button, typing or Enter opens the field. Real window, the demo photos.
 */
@Tag("ui")
@Tag("slow")
class UnnamedCardsWindowTest extends WindowTest {

    /** Opens the Unnamed page with the small groups shown (the demo photos have one pair) and the option focused. */
    private MainWindowViewModel unnamedPage() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        robot.clickOn("#nav-unnamed");
        robot.clickOn("#show-small-groups");
        UiTestSupport.waitFor(30, "an unnamed group", () -> addName().isPresent());
        return vm;
    }

    private java.util.Optional<Button> addName() {
        return robot.lookup(".person-card .add-name").match(UiTestSupport::shown).tryQueryAs(Button.class);
    }

    private java.util.Optional<TextField> nameField() {
        return robot.lookup(".person-card .text-field").match(UiTestSupport::shown).tryQueryAs(TextField.class);
    }

    @Test
    void tabToTheCardAndTypeNamesTheGroup() throws Exception {
        MainWindowViewModel vm = unnamedPage();
        assertThat(nameField()).as("no name field before someone names the group").isEmpty();

        robot.type(KeyCode.TAB);
        UiTestSupport.waitFor(10, "Tab to reach the card", () -> addName().map(Node::isFocused).orElse(false));
        robot.write("Ada");
        UiTestSupport.waitFor(10, "the name field with what was typed", () -> nameField().map(f -> f.getText().equals("Ada")
                && f.isFocused()).orElse(false));
        robot.type(KeyCode.ENTER);
        UiTestSupport.waitFor(30, "Ada to exist", () -> vm.people().names().contains("Ada"));
        assertThat(vm.servicesForTests().people().people(true)).extracting(p -> p.name()).containsExactly("Ada");
    }

    @Test
    void enterOnTheFocusedButtonOpensAnEmptyFocusedField() throws Exception {
        unnamedPage();
        UiTestSupport.runFx(() -> addName().orElseThrow().requestFocus());

        robot.type(KeyCode.ENTER);
        UiTestSupport.waitFor(10, "the name field", () -> nameField().map(Node::isFocused).orElse(false));
        assertThat(nameField().orElseThrow().getText()).isEmpty();
        assertThat(addName()).as("the button gives its place to the field").isEmpty();
    }
}
