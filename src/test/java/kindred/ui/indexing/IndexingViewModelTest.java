package kindred.ui.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import kindred.app.Services;
import kindred.ui.MainWindowViewModel;
import kindred.ui.UiTestSupport;
import kindred.ui.common.CurrentThreadTaskExecutor;
import kindred.ui.photos.PhotoGridViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding folders and indexing, driven through the view models without a window, on real services. */
@Tag("slow")
class IndexingViewModelTest {

    @TempDir
    Path tmp;

    private Services services;
    private MainWindowViewModel vm;

    @BeforeEach
    void open() {
        services = new Services(tmp.resolve("library"));
        vm = new MainWindowViewModel(services, new CurrentThreadTaskExecutor());
        vm.start();
    }

    @AfterEach
    void close() {
        services.close();
    }

    private void awaitIdle() throws InterruptedException {
        vm.indexing().awaitRun();
        long until = System.currentTimeMillis() + 30_000;
        while (vm.indexing().busyProperty().get() && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
    }

    @Test
    void anEmptyLibraryIsAFirstRun() {
        assertThat(vm.firstRunProperty().get()).isTrue();
        assertThat(vm.photos().photos()).isEmpty();
        assertThat(vm.photos().emptyTextProperty().get()).contains("Add a folder");
    }

    @Test
    void addingAFolderIndexesItsPhotosAndShowsThem() throws Exception {
        Path photos = UiTestSupport.copyPhotos(tmp.resolve("photos"));
        vm.addFolders(List.of(photos));
        awaitIdle();

        assertThat(vm.firstRunProperty().get()).isFalse();
        assertThat(vm.indexing().statusProperty().get()).isEqualTo("Up to date");
        assertThat(vm.indexing().detailProperty().get()).contains("6 photos indexed");
        assertThat(vm.folders()).hasSize(1);
        assertThat(vm.photos().photos()).hasSize(6);
        assertThat(vm.photos().photos()).allSatisfy(p -> assertThat(p.faces()).isPositive());
        assertThat(vm.countsProperty().get().faces()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void addingTheSameFolderAgainAddsNothing() throws Exception {
        Path photos = UiTestSupport.copyPhotos(tmp.resolve("photos"));
        vm.addFolders(List.of(photos));
        awaitIdle();
        int faces = vm.countsProperty().get().faces();
        vm.addFolders(List.of(photos));
        awaitIdle();
        assertThat(vm.photos().photos()).hasSize(6);
        assertThat(vm.countsProperty().get().faces()).isEqualTo(faces);
        assertThat(vm.indexing().detailProperty().get()).isEqualTo("No new or changed photos");
    }

    @Test
    void aMissingFolderIsExplainedNotThrown() {
        vm.addFolders(List.of(tmp.resolve("nowhere")));
        assertThat(vm.indexing().busyProperty().get()).isFalse();
        assertThat(vm.indexing().statusProperty().get()).isEqualTo("Could not add the folder");
        assertThat(vm.indexing().detailProperty().get()).contains("does not exist");
    }

    @Test
    void theFilterHidesPhotosWithoutUnnamedFaces() throws Exception {
        Path photos = UiTestSupport.copyPhotos(tmp.resolve("photos"));
        vm.addFolders(List.of(photos));
        awaitIdle();
        vm.photos().filterProperty().set(PhotoGridViewModel.Filter.WITH_FACES);
        assertThat(vm.photos().photos()).hasSize(6);
        vm.photos().showFolder(tmp.resolve("elsewhere").toString());
        assertThat(vm.photos().photos()).isEmpty();
    }
}
