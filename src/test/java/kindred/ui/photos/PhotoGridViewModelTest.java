package kindred.ui.photos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import kindred.app.Services;
import kindred.library.IndexJob;
import kindred.library.LibraryStore;
import kindred.library.PhotoMetadata;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;
import kindred.ui.common.CurrentThreadTaskExecutor;
import kindred.ui.common.PhotoItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The photo grid's reloads on a real library: what changes in the list the window draws from. */
class PhotoGridViewModelTest {

    @TempDir
    Path tmp;

    private LibraryStore store;
    private PhotoGridViewModel vm;
    private long folder;
    private final List<String> changes = new ArrayList<>();

    @BeforeEach
    void grid() {
        Services services = new Services(tmp.resolve("library"));
        store = services.store();
        folder = store.addFolder(tmp.toString());
        for (int i = 0; i < 5; i++) {
            store.addPhoto(folder, tmp.resolve("p" + i + ".jpg").toString(), 1, 1, "h" + i, 1);
        }
        vm = new PhotoGridViewModel(services, new CurrentThreadTaskExecutor());
        vm.reload();
        vm.photos().addListener((ListChangeListener<PhotoItem>) c -> {
            while (c.next()) {
                changes.add(c.wasReplaced() ? "replaced " + c.getFrom() + ".." + c.getTo() : c.wasAdded() ? "added" : "other");
            }
        });
    }

    private void indexWithOneFace() {
        IndexJob job = store.claimIndexJobs(1).get(0);
        DetectedFace face = new DetectedFace(new FaceBox(10, 10, 200, 200), new Landmarks(LandmarkScheme.YUNET_5, new float[10]),
                0.9, 0.9, new Embedding("test-embedder", Embedding.normalized(new float[] {1, 0, 0, 0})));
        store.saveIndexed(job, new PhotoMetadata("jpeg", 1000, 800, 1, null),
                new PhotoAnalysis(1000, 800, "test-detector", "test-embedder", List.of(face)));
    }

    @Test
    void aReloadWithNothingChangedLeavesTheListAlone() {
        vm.reload();

        assertThat(changes).isEmpty();
        assertThat(vm.photos()).hasSize(5);
    }

    @Test
    void aPhotoThatGainedAFaceIsReplacedInPlace() {
        indexWithOneFace();

        vm.reload();

        assertThat(changes).hasSize(1).allMatch(c -> c.startsWith("replaced "));
        assertThat(vm.photos()).extracting(PhotoItem::faces).containsExactlyInAnyOrder(1, 0, 0, 0, 0);
    }

    @Test
    void aNewPhotoReplacesTheWholeList() {
        store.addPhoto(folder, tmp.resolve("p9.jpg").toString(), 1, 1, "h9", 1);

        vm.reload();

        assertThat(vm.photos()).hasSize(6);
        assertThat(changes).isNotEmpty();
    }
}
