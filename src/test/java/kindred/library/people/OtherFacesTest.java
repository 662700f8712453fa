package kindred.library.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.IndexJob;
import kindred.library.PeopleService.Page;
import kindred.library.PhotoMetadata;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;
import kindred.model.State;
import kindred.store.Database;
import kindred.store.SqliteLibraryStore;
import kindred.store.SqlitePeopleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Other faces" ({@link People#otherFaces}) on a real temporary SQLite library: the unnamed faces that no unnamed
 * group of the size asked for holds, best first, with their suggestion. Synthetic embeddings as in {@link PeopleTest}
 * (same person cosine ≈ 0.8, different ≈ 0).
 */
class OtherFacesTest {

    static final String EMBEDDER = "mobilefacenet-v1";
    /** The smallest group the Unnamed page lists (with "Show small groups"): pairs. */
    static final int PAIRS = 2;

    @TempDir
    Path dir;

    SqliteLibraryStore store;
    People people;
    final Random random = new Random(11);
    final List<float[]> identities = new ArrayList<>();
    int photoCounter;

    @BeforeEach
    void open() {
        store = new SqliteLibraryStore(Database.open(dir));
        people = new People(new SqlitePeopleStore(store.database()));
        for (int i = 0; i < 8; i++) {
            identities.add(randomUnit());
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private float[] randomUnit() {
        float[] v = new float[192];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Embedding.normalized(v);
    }

    private float[] faceOf(int who) {
        float[] n = randomUnit();
        float[] v = new float[192];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.9f * identities.get(who)[i] + 0.45f * n[i];
        }
        return Embedding.normalized(v);
    }

    /** One indexed photo with one face of identity {@code who}, {@code size} pixels square, of {@code quality}; its id. */
    private long face(int who, double size, double quality) {
        long folder = store.addFolder(dir.toString());
        String path = dir.resolve("p" + (photoCounter++) + ".jpg").toString();
        store.addPhoto(folder, path, 1, 1, "h" + photoCounter, 1);
        IndexJob job = store.claimIndexJobs(1).get(0);
        store.saveIndexed(job, new PhotoMetadata("jpeg", 1000, 800, 1, null), new PhotoAnalysis(1000, 800, "det", EMBEDDER,
                List.of(new DetectedFace(new FaceBox(10, 10, size, size), new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9,
                        quality, new Embedding(EMBEDDER, faceOf(who))))));
        return store.faces(new FaceQuery(path, null, null)).get(0).id();
    }

    private long face(int who) {
        return face(who, 120, 0.9);
    }

    private List<Long> others() {
        return people.otherFaces(PAIRS, 0, 100).items().stream().map(FaceInfo::id).toList();
    }

    @Test
    void aFaceSeenOnceIsAnOtherFaceAndFacesOfAGroupOrAPairAreNot() {
        List<Long> group = List.of(face(0), face(0), face(0));
        List<Long> pair = List.of(face(1), face(1));
        long once = face(2);
        people.clusterNewFaces();

        assertThat(others()).containsExactly(once);
        assertThat(people.otherFaces(PAIRS, 0, 100).total()).isEqualTo(1);
        assertThat(people.otherFaces(3, 0, 100).items()).as("without pairs listed, a pair's faces are other faces")
                .extracting(FaceInfo::id).containsExactlyInAnyOrder(pair.get(0), pair.get(1), once);
        assertThat(others()).doesNotContainAnyElementsOf(group);
    }

    @Test
    void aFaceTooSmallToGroupIsAnOtherFace() {
        long small = face(0, 30, 0.2); // below the 48 px clustering cut: never clustered
        face(1);
        face(1);
        people.clusterNewFaces();
        assertThat(others()).containsExactly(small);
    }

    @Test
    void theBestComeFirstQualityThenSize() {
        long blurred = face(0, 200, 0.3);
        long sharp = face(1, 120, 0.9);
        long middling = face(2, 120, 0.6);
        long sharpAndLarge = face(3, 260, 0.9);
        people.clusterNewFaces();
        assertThat(others()).containsExactly(sharpAndLarge, sharp, middling, blurred);
    }

    @Test
    void aFaceLeftOfANamedPersonsClusterIsAnOtherFaceWithItsSuggestion() {
        long first = face(0);
        face(0);
        face(0);
        people.clusterNewFaces();
        people.nameCluster(people.clusters(1).get(0).id(), "Ann");
        long fresh = face(0);
        people.clusterNewFaces();

        List<FaceInfo> list = people.otherFaces(PAIRS, 0, 100).items();
        assertThat(list).extracting(FaceInfo::id).containsExactly(fresh);
        assertThat(list.get(0).person()).isEqualTo("Ann");
        assertThat(list.get(0).state()).isEqualTo(State.UNCONFIRMED);
        assertThat(first).isNotEqualTo(fresh);

        people.confirm(List.of(fresh));
        assertThat(others()).as("a confirmed face is named: no longer an other face").isEmpty();
    }

    @Test
    void anIgnoredFaceIsNotListedAndAFaceSaidNotToBeSomeoneIs() {
        long ignored = face(0);
        long bob = face(1);
        long notBob = face(1);
        people.clusterNewFaces();
        people.nameFace(bob, "Bob");
        assertThat(people.suggestions("Bob")).extracting(s -> s.face().id()).containsExactly(notBob);
        people.reject(notBob, "Bob");
        people.ignore(List.of(ignored));

        List<FaceInfo> list = people.otherFaces(PAIRS, 0, 100).items();
        assertThat(list).extracting(FaceInfo::id).containsExactly(notBob);
        assertThat(list.get(0).person()).isNull();
        assertThat(list.get(0).state()).isEqualTo(State.REJECTED);
    }

    @Test
    void aPageHoldsTheAskedFacesAndTheTotalCountsThemAll() {
        List<Long> faces = new ArrayList<>();
        for (int who = 0; who < 5; who++) {
            faces.add(face(who, 120, 0.9 - who * 0.1));
        }
        people.clusterNewFaces();
        Page<FaceInfo> page = people.otherFaces(PAIRS, 1, 2);
        assertThat(page.items()).extracting(FaceInfo::id).containsExactly(faces.get(1), faces.get(2));
        assertThat(page.total()).isEqualTo(5);
    }
}
