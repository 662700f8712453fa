package kindred.ui.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kindred.app.Services;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The people page's model on a real library: its totals before and after they load, and each card's cover face. */
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

    @Test
    void eachCardShowsTheCoverFaceItsSummaryNames() {
        Services s = new Services(tmp);
        List<Long> first = photos(s.store(), 0, 3); // one person's three photos
        List<Long> second = photos(s.store(), 1, 3); // another's
        s.people().clusterNewFaces();
        s.people().nameCluster(s.store().faces(new FaceQuery(null, null, null)).stream()
                .filter(f -> f.id() == second.get(1)).findFirst().orElseThrow().clusterId(), "Ada");
        PeopleViewModel vm = new PeopleViewModel(s, new CurrentThreadTaskExecutor());

        vm.reload();

        assertThat(vm.people()).singleElement().satisfies(c -> {
            assertThat(c.label()).isEqualTo("Ada");
            assertThat(c.cover().id()).isEqualTo(c.summary().coverFaceId()).isIn(second);
        });
        assertThat(vm.clusters()).singleElement().satisfies(c -> {
            assertThat(c.isCluster()).isTrue();
            assertThat(c.cover().id()).isEqualTo(c.summary().coverFaceId()).isIn(first);
        });
    }

    /** {@code n} indexed photos with one large face each of identity {@code who}; returns the face ids. */
    private List<Long> photos(LibraryStore store, int who, int n) {
        long folder = store.addFolder(tmp.toString());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String path = tmp.resolve("p" + who + "-" + i + ".jpg").toString();
            store.addPhoto(folder, path, 1, 1, "h" + who + "-" + i, 1);
            IndexJob job = store.claimIndexJobs(1).get(0);
            float[] v = new float[8];
            v[who] = 1;
            v[7] = 0.05f * i; // a little apart, the same person
            DetectedFace face = new DetectedFace(new FaceBox(10, 10, 200, 200), new Landmarks(LandmarkScheme.YUNET_5, new float[10]),
                    0.9, 0.9, new Embedding("test-embedder", Embedding.normalized(v)));
            store.saveIndexed(job, new PhotoMetadata("jpeg", 1000, 800, 1, null),
                    new PhotoAnalysis(1000, 800, "test-detector", "test-embedder", List.of(face)));
            store.faces(new FaceQuery(path, null, null)).stream().map(FaceInfo::id).forEach(ids::add);
        }
        return ids;
    }
}
