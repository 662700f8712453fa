package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kindred.app.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The people page's model on a real, empty library: what its totals mean before and after they are loaded. */
class PeopleViewModelTest {

    @TempDir
    Path tmp;

    @Test
    void theTotalsAreUnknownUntilTheFirstLoadAnswers() {
        PeopleViewModel vm = new PeopleViewModel(new Services(tmp), new CurrentThreadTaskExecutor());
        assertThat(vm.loadedProperty().get()).as("a total of 0 before the load is not an answer").isFalse();

        vm.reload();

        assertThat(vm.loadedProperty().get()).isTrue();
        assertThat(vm.clustersTotalProperty().get()).isZero();
    }
}
