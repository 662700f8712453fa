package kindred.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import kindred.ui.LibraryViewModelTest;
import kindred.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** The dark theme is remembered: a window opened again on the library starts dark. No window needed. */
class SettingsThemeViewModelTest extends LibraryViewModelTest {

    @Test
    void theDarkThemeChosenIsTheThemeOfTheNextStart() {
        assertThat(vm.settings().darkProperty().get()).as("light by default").isFalse();

        vm.settings().darkProperty().set(true);

        SettingsViewModel nextStart = new SettingsViewModel(services, new CurrentThreadTaskExecutor());
        assertThat(nextStart.darkProperty().get()).isTrue();
    }

    @Test
    void goingBackToLightIsRememberedToo() {
        vm.settings().darkProperty().set(true);
        vm.settings().darkProperty().set(false);

        assertThat(new SettingsViewModel(services, new CurrentThreadTaskExecutor()).darkProperty().get()).isFalse();
    }
}
