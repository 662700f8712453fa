package kindred.ui.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.IntStream;
import kindred.app.Services;
import kindred.library.FaceInfo;
import kindred.model.FaceBox;
import kindred.model.Source;
import kindred.model.State;
import kindred.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review page's selection, as the keys and clicks drive it: no window, no services called. */
class PersonViewModelSelectionTest {

    @TempDir
    Path tmp;

    private PersonViewModel vm;

    @BeforeEach
    void tiles() {
        vm = new PersonViewModel(new Services(tmp), new CurrentThreadTaskExecutor());
        IntStream.range(0, 10).forEach(i -> vm.items().add(new FaceItem(
                new FaceInfo(100 + i, i, "/p/" + i + ".jpg", new FaceBox(0, 0, 10, 10), 0.9, 0.8, null, "Ada",
                        Source.AUTO, State.UNCONFIRMED), "Ada", 0.9 - i * 0.05)));
    }

    @Test
    void aPlainClickSelectsOneTileAndFocusesIt() {
        vm.click(3, false, false);
        vm.click(5, false, false);
        assertThat(vm.selected()).containsExactly(105L);
        assertThat(vm.focusProperty().get()).isEqualTo(5);
    }

    @Test
    void shiftClickSelectsTheRangeFromTheAnchor() {
        vm.click(2, false, false);
        vm.click(5, true, false);
        assertThat(vm.selected()).containsExactlyInAnyOrder(102L, 103L, 104L, 105L);
    }

    @Test
    void ctrlClickTogglesOneTile() {
        vm.click(1, false, false);
        vm.click(4, false, true);
        vm.click(1, false, true);
        assertThat(vm.selected()).containsExactly(104L);
    }

    @Test
    void arrowsMoveAndShiftArrowsExtendTheSelection() {
        vm.click(0, false, false);
        vm.move(1, false);
        assertThat(vm.selected()).containsExactly(101L);
        vm.move(2, true);
        assertThat(vm.selected()).containsExactlyInAnyOrder(101L, 102L, 103L);
        vm.move(-100, false);
        assertThat(vm.focusProperty().get()).isZero();
    }

    @Test
    void actionsApplyToTheFocusedTileWhenNothingIsSelected() {
        vm.click(6, false, false);
        vm.selected().clear();
        assertThat(vm.targets()).extracting(FaceItem::id).containsExactly(106L);
    }

    @Test
    void selectAllSelectsEveryTile() {
        vm.selectAll();
        assertThat(vm.selected()).hasSize(10);
    }
}
