package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kindred.app.Services;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.IndexJob;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PhotoMetadata;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;
import kindred.model.State;
import kindred.ui.common.CurrentThreadTaskExecutor;
import kindred.ui.people.FaceItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl+Z through the view models, without a window: each decision of the review and people pages can be undone,
 * newest first, and forgetting a person clears the history. Real services on a temporary library; faces with
 * synthetic embeddings (one direction per person).
 */
class UndoViewModelTest {

    @TempDir
    Path tmp;

    private Services services;
    private MainWindowViewModel vm;
    private final Random random = new Random(3);
    private final float[][] identities = new float[3][];
    private int photos;

    @BeforeEach
    void open() {
        services = new Services(tmp.resolve("library"));
        vm = new MainWindowViewModel(services, new CurrentThreadTaskExecutor());
        for (int i = 0; i < identities.length; i++) {
            identities[i] = unit();
        }
    }

    @AfterEach
    void close() {
        services.close();
    }

    private float[] unit() {
        float[] v = new float[192];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Embedding.normalized(v);
    }

    private long face(int who) {
        float[] n = unit();
        float[] v = new float[192];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.9f * identities[who][i] + 0.45f * n[i];
        }
        var store = services.store();
        long folder = store.addFolder(tmp.toString());
        String path = tmp.resolve("p" + (photos++) + ".jpg").toString();
        store.addPhoto(folder, path, 1, 1, "h" + photos, 1);
        IndexJob job = store.claimIndexJobs(1).get(0);
        store.saveIndexed(job, new PhotoMetadata("jpeg", 1000, 800, 1, null), new PhotoAnalysis(1000, 800, "det", "mobilefacenet",
                List.of(new DetectedFace(new FaceBox(10, 10, 150, 150), new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9, 0.9,
                        new Embedding("mobilefacenet", Embedding.normalized(v))))));
        return store.faces(new FaceQuery(path, null, null)).get(0).id();
    }

    private FaceInfo info(long id) {
        return services.store().faces(FaceQuery.all()).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
    }

    @Test
    void confirmingASuggestionAndNamingAGroupAreUndoneNewestFirst() {
        List<Long> ann = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ann.add(face(0));
        }
        services.people().clusterNewFaces();
        long cluster = info(ann.get(0)).clusterId();
        vm.openCluster(cluster);
        vm.person().nameCluster("Ann");
        assertThat(services.people().facesOf("Ann")).hasSize(3);

        long fresh = face(0);
        services.people().clusterNewFaces();
        vm.show(MainWindowViewModel.Page.REVIEW);
        assertThat(vm.person().items()).extracting(FaceItem::id).containsExactly(fresh);
        assertThat(vm.person().items().get(0).oneIn()).isPositive();
        assertThat(vm.person().items().get(0).chanceBadge()).startsWith("1 in ").doesNotContain("%");
        vm.person().click(0, false, false);
        vm.person().confirm();
        assertThat(info(fresh).state()).isEqualTo(State.CONFIRMED);
        assertThat(vm.history().nextUndoProperty().get()).isEqualTo("confirming 1 face");

        vm.undo();
        assertThat(info(fresh).state()).isEqualTo(State.UNCONFIRMED);
        assertThat(vm.person().items()).extracting(FaceItem::id).containsExactly(fresh);
        vm.undo();
        assertThat(services.people().people(true)).isEmpty();
        assertThat(ann).allSatisfy(f -> assertThat(info(f).person()).isNull());
        vm.undo();
        assertThat(vm.notificationProperty().get()).isEqualTo("Nothing to undo");
    }

    @Test
    void aMergeOnThePeoplePageIsUndoneAndForgettingClearsTheHistory() {
        long a = face(0);
        long b = face(1);
        services.people().nameFace(a, "Ann");
        services.people().nameFace(b, "Bea");
        vm.people().merge("Bea", "Ann");
        assertThat(services.people().people(true)).extracting(PersonSummary::name).containsExactly("Ann");
        vm.undo();
        assertThat(services.people().people(true)).extracting(PersonSummary::name).containsExactlyInAnyOrder("Ann", "Bea");
        assertThat(info(b).person()).isEqualTo("Bea");

        vm.people().setHidden("Bea", true);
        assertThat(vm.history().canUndoProperty().get()).isTrue();
        vm.people().forget("Bea");
        assertThat(vm.history().canUndoProperty().get()).isFalse();
        assertThat(services.store().faces(FaceQuery.all())).extracting(FaceInfo::id).doesNotContain(b);
    }
}
