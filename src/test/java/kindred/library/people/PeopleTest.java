package kindred.library.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.IndexJob;
import kindred.library.LibraryException;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PeopleStore;
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
 * The people rules on a real temporary SQLite library. Faces carry synthetic embeddings: unit vectors
 * scattered around one random direction per person (same-person cosine ≈ 0.8, different ≈ 0).
 */
class PeopleTest {

    static final String EMBEDDER = "mobilefacenet-v1";
    static final int DIMS = 192;

    @TempDir
    Path dir;

    SqliteLibraryStore store;
    People people;
    final Random random = new Random(7);
    final List<float[]> identities = new ArrayList<>();
    int photoCounter;

    @BeforeEach
    void open() {
        store = new SqliteLibraryStore(Database.open(dir));
        people = new People(new SqlitePeopleStore(store.database()));
        for (int i = 0; i < 6; i++) {
            identities.add(randomUnit());
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private float[] randomUnit() {
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Embedding.normalized(v);
    }

    /** A face of identity {@code who}: its direction plus noise, cosine ≈ 0.8 to the identity. */
    private float[] faceOf(int who) {
        float[] n = randomUnit();
        float[] id = identities.get(who);
        float[] v = new float[DIMS];
        for (int i = 0; i < DIMS; i++) {
            v[i] = 0.9f * id[i] + 0.45f * n[i];
        }
        return Embedding.normalized(v);
    }

    /** Stores one indexed photo with one face per identity given; returns the face ids in that order. */
    private List<Long> photo(int... who) {
        long folder = store.addFolder(dir.toString());
        String path = dir.resolve("p" + (photoCounter++) + ".jpg").toString();
        store.addPhoto(folder, path, 1, 1, "h" + photoCounter, 1);
        return index(path, who);
    }

    /** Indexes the photo at {@code path} (queued) with one face per identity given; returns its face ids. */
    private List<Long> index(String path, int... who) {
        IndexJob job = store.claimIndexJobs(1).get(0);
        List<DetectedFace> faces = new ArrayList<>();
        for (int i = 0; i < who.length; i++) {
            faces.add(new DetectedFace(new FaceBox(10 + 200 * i, 10, 120, 120), new Landmarks(LandmarkScheme.YUNET_5, new float[10]),
                    0.9, 0.9, new Embedding(EMBEDDER, faceOf(who[i]))));
        }
        store.saveIndexed(job, new PhotoMetadata("jpeg", 1000, 800, 1, null), new PhotoAnalysis(1000, 800, "det", EMBEDDER, faces));
        List<Long> ids = new ArrayList<>();
        for (FaceInfo f : store.faces(new FaceQuery(path, null, null))) {
            ids.add(f.id());
        }
        return ids;
    }

    private long clusterOf(long faceId) {
        return store.faces(FaceQuery.all()).stream().filter(f -> f.id() == faceId).findFirst().orElseThrow().clusterId();
    }

    private FaceInfo face(long faceId) {
        return store.faces(FaceQuery.all()).stream().filter(f -> f.id() == faceId).findFirst().orElseThrow();
    }

    @Test
    void facesOfOnePersonFormOneClusterAndStrangersStayApart() {
        List<Long> a = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(photo(0).get(0));
        }
        long stranger = photo(1).get(0);
        people.clusterNewFaces();
        assertThat(a.stream().map(this::clusterOf).distinct()).hasSize(1);
        assertThat(clusterOf(stranger)).isNotEqualTo(clusterOf(a.get(0)));
    }

    @Test
    void namingAClusterConfirmsAllItsFaces() {
        for (int i = 0; i < 4; i++) {
            photo(0);
        }
        people.clusterNewFaces();
        long cluster = people.clusters(1).get(0).id();
        var r = people.nameCluster(cluster, "Grandma").result();
        assertThat(r.facesNamed()).isEqualTo(4);
        assertThat(people.facesOf("grandma")).hasSize(4).allMatch(f -> f.state() == State.CONFIRMED);
    }

    @Test
    void aNewFaceOfANamedPersonBecomesASuggestion() {
        long first = photo(0).get(0);
        photo(0);
        people.clusterNewFaces();
        people.nameFace(first, "Ann");
        long fresh = photo(0).get(0);
        people.clusterNewFaces();
        assertThat(people.suggestions("Ann")).extracting(s -> s.face().id()).contains(fresh);
        assertThat(people.suggestions("Ann")).allSatisfy(s -> assertThat(s.confidence()).isBetween(0.0, 1.0));
    }

    @Test
    void aRejectedFaceIsNeverSuggestedForThatPersonAgain() {
        long named = photo(0).get(0);
        long other = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(named, "Ann");
        assertThat(face(other).person()).isEqualTo("Ann");
        people.reject(other, "Ann");
        people.clusterNewFaces();
        people.reclusterAll();
        people.nameFace(photo(0).get(0), "Ann");
        assertThat(face(other).person()).isNull();
        assertThat(face(other).state()).isEqualTo(State.REJECTED);
        assertThat(people.suggestions("Ann")).noneMatch(s -> s.face().id() == other);
    }

    @Test
    void twoFacesOfOnePhotoAreNeverTheSamePerson() {
        List<Long> twins = photo(0, 0);
        people.clusterNewFaces();
        assertThat(clusterOf(twins.get(0))).isNotEqualTo(clusterOf(twins.get(1)));
        people.nameFace(twins.get(0), "Ann");
        assertThatThrownBy(() -> people.nameFace(twins.get(1), "Ann")).isInstanceOf(LibraryException.class)
                .hasMessageContaining("at most once per photo");
        assertThat(face(twins.get(1)).person()).isNull();
    }

    @Test
    void reclusteringKeepsEveryManualDecision() {
        long a = photo(0).get(0);
        long b = photo(1).get(0);
        long c = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        people.nameFace(b, "Bob");
        people.confirm(List.of(c));
        people.reclusterAll();
        people.reclusterAll();
        assertThat(face(a).person()).isEqualTo("Ann");
        assertThat(face(b).person()).isEqualTo("Bob");
        assertThat(face(c).state()).isEqualTo(State.CONFIRMED);
        assertThat(clusterOf(a)).isEqualTo(clusterOf(c));
    }

    @Test
    void reindexingAPhotoKeepsItsConfirmedName() {
        long a = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        FaceInfo f = face(a);
        store.requestIndex(f.photoId());
        IndexJob job = store.claimIndexJobs(1).get(0);
        store.saveIndexed(job, new PhotoMetadata("jpeg", 1000, 800, 1, null), new PhotoAnalysis(1000, 800, "other-detector", EMBEDDER,
                List.of(new DetectedFace(new FaceBox(12, 11, 118, 121), new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.8, 0.9,
                        new Embedding(EMBEDDER, faceOf(0))))));
        people.clusterNewFaces();
        assertThat(store.faces(new FaceQuery(f.photoPath(), null, null))).singleElement()
                .satisfies(g -> {
                    assertThat(g.id()).isEqualTo(a);
                    assertThat(g.person()).isEqualTo("Ann");
                    assertThat(g.state()).isEqualTo(State.CONFIRMED);
                });
    }

    @Test
    void mergingMovesEveryFaceAndRemovesThePerson() {
        long a = photo(0).get(0);
        long b = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        people.reject(b, "Ann");
        people.nameFace(b, "Annie");
        var r = people.merge("Annie", "Ann").result();
        assertThat(r.facesNamed()).isEqualTo(2);
        assertThat(people.people(true)).extracting(PersonSummary::name).containsExactly("Ann");
    }

    @Test
    void mergingTwoPeopleSeenInOnePhotoIsRefused() {
        List<Long> both = photo(0, 1);
        people.clusterNewFaces();
        people.nameFace(both.get(0), "Ann");
        people.nameFace(both.get(1), "Bob");
        assertThatThrownBy(() -> people.merge("Ann", "Bob")).isInstanceOf(LibraryException.class).hasMessageContaining("nothing was merged");
        assertThat(face(both.get(0)).person()).isEqualTo("Ann");
    }

    @Test
    void searchFindsPhotosWithAllOrAnyOfThePeople() {
        List<Long> together = photo(0, 1);
        long annAlone = photo(0).get(0);
        photo(2);
        people.clusterNewFaces();
        people.nameFace(together.get(0), "Ann");
        people.nameFace(together.get(1), "Bob");
        people.nameFace(annAlone, "Ann");
        assertThat(people.search(List.of("Ann", "Bob"), false)).hasSize(1)
                .first().satisfies(h -> assertThat(h.people()).containsExactly("Ann", "Bob"));
        assertThat(people.search(List.of("Ann", "Bob"), true)).hasSize(2);
    }

    @Test
    void forgetLeavesNoEmbeddingOfThePersonInTheLibraryFiles() throws Exception {
        long a = photo(0).get(0);
        photo(1);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        byte[] blob = embeddingBytes(a);
        int erased = people.forget("Ann");
        assertThat(erased).isEqualTo(1);
        assertThat(people.people(true)).isEmpty();
        for (String name : List.of(Database.FILE_NAME, Database.FILE_NAME + "-wal")) {
            Path f = dir.resolve(name);
            if (Files.exists(f)) {
                assertThat(indexOf(Files.readAllBytes(f), blob)).as(name).isEqualTo(-1);
            }
        }
    }

    @Test
    void forgetDeletesTheSavedNeighbourGraphThatLinkedThePersonsFaces() throws Exception {
        long a = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        Path graph = dir.resolve(SqlitePeopleStore.NEIGHBOUR_GRAPH_FILE);
        Files.write(graph, new byte[] {1, 2, 3});

        people.forget("Ann");

        assertThat(graph).doesNotExist();
    }

    @Test
    void aForgottenFaceIsNotCreatedAgainByTheNextScan() {
        long a = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        FaceInfo f = face(a);
        people.forget("Ann");
        store.requestIndex(f.photoId());
        store.saveIndexed(store.claimIndexJobs(1).get(0), new PhotoMetadata("jpeg", 1000, 800, 1, null),
                new PhotoAnalysis(1000, 800, "det", EMBEDDER, List.of(new DetectedFace(f.box(),
                        new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9, 0.9, new Embedding(EMBEDDER, faceOf(0))))));
        assertThat(store.faces(new FaceQuery(f.photoPath(), null, null))).isEmpty();
    }

    @Test
    void ignoredFacesAreNeitherClusteredNorSuggested() {
        long a = photo(0).get(0);
        long b = photo(0).get(0);
        people.clusterNewFaces();
        people.ignore(List.of(b));
        people.nameFace(a, "Ann");
        people.reclusterAll();
        assertThat(face(b).state()).isEqualTo(State.IGNORED);
        assertThat(face(b).clusterId()).isNull();
        assertThat(people.suggestions("Ann")).isEmpty();
    }

    @Test
    void clustersOfNamedPeopleAreNotListedAsUnnamed() {
        long a = photo(0).get(0);
        photo(0);
        photo(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        assertThat(people.clusters(1)).isEmpty();
    }

    private byte[] embeddingBytes(long faceId) {
        return store.database().read(c -> {
            try (var ps = c.prepareStatement("SELECT embedding FROM faces WHERE id = ?")) {
                ps.setLong(1, faceId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            }
        });
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        // The first 64 bytes of the vector are specific enough.
        byte[] n = java.util.Arrays.copyOf(needle, 64);
        outer:
        for (int i = 0; i + n.length <= hay.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void undoingAMergeBringsThePersonBackWithTheirFaces() {
        long a = photo(0).get(0);
        long b = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        people.nameFace(b, "Annie");
        people.setHidden("Annie", true);
        var merged = people.merge("Annie", "Ann");
        people.undo(merged.undo());
        assertThat(people.people(true)).extracting(PersonSummary::name).containsExactlyInAnyOrder("Ann", "Annie");
        assertThat(face(b).person()).isEqualTo("Annie");
        assertThat(face(a).person()).isEqualTo("Ann");
        assertThat(people.people(true)).filteredOn(p -> p.name().equals("Annie")).allMatch(PersonSummary::hidden);
    }

    @Test
    void undoingANameGivenToAClusterRemovesTheNewPerson() {
        List<Long> faces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            faces.add(photo(0).get(0));
        }
        people.clusterNewFaces();
        long cluster = people.clusters(1).get(0).id();
        var named = people.nameCluster(cluster, "Grandma");
        people.undo(named.undo());
        assertThat(people.people(true)).isEmpty();
        assertThat(faces).allSatisfy(f -> {
            assertThat(face(f).person()).isNull();
            assertThat(clusterOf(f)).isEqualTo(cluster);
        });
    }

    @Test
    void undoingARejectionForgetsIt() {
        long named = photo(0).get(0);
        long other = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(named, "Ann");
        assertThat(face(other).person()).isEqualTo("Ann");
        var rejected = people.reject(other, "Ann");
        assertThat(face(other).state()).isEqualTo(State.REJECTED);
        people.undo(rejected.undo());
        assertThat(face(other).person()).isEqualTo("Ann");
        assertThat(people.suggestions("Ann")).extracting(s -> s.face().id()).contains(other);
    }

    @Test
    void aRemovedFaceStaysGoneAfterARescanAndComesBackOnUndo() {
        long a = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        FaceInfo f = face(a);
        var removed = people.removeFace(a);
        assertThat(store.faces(new FaceQuery(f.photoPath(), null, null))).isEmpty();
        store.requestIndex(f.photoId());
        store.saveIndexed(store.claimIndexJobs(1).get(0), new PhotoMetadata("jpeg", 1000, 800, 1, null),
                new PhotoAnalysis(1000, 800, "det", EMBEDDER, List.of(new DetectedFace(f.box(),
                        new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9, 0.9, new Embedding(EMBEDDER, faceOf(0))))));
        assertThat(store.faces(new FaceQuery(f.photoPath(), null, null))).isEmpty();
        people.undo(removed.undo());
        assertThat(face(a).person()).isEqualTo("Ann");
        assertThat(face(a).state()).isEqualTo(State.CONFIRMED);
    }

    @Test
    void aDrawnFaceIsNamedKeptByRescansAndMatchedLikeADetectedOne() {
        long a = photo(0).get(0);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        long photoId = face(a).photoId();
        String path = face(a).photoPath();
        var added = people.addManualFace(photoId, new FaceBox(600, 300, 100, 100), new Embedding(EMBEDDER, faceOf(1)), 0.9, "Bob").result();
        FaceInfo drawn = face(added.faceId());
        assertThat(drawn.person()).isEqualTo("Bob");
        assertThat(drawn.state()).isEqualTo(State.CONFIRMED);
        store.requestIndex(photoId);
        store.saveIndexed(store.claimIndexJobs(1).get(0), new PhotoMetadata("jpeg", 1000, 800, 1, null),
                new PhotoAnalysis(1000, 800, "det", EMBEDDER, List.of(new DetectedFace(new FaceBox(605, 300, 100, 100),
                        new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9, 0.9, new Embedding(EMBEDDER, faceOf(1))))));
        assertThat(store.faces(new FaceQuery(path, null, null))).extracting(FaceInfo::person).containsExactlyInAnyOrder("Ann", "Bob");
        long bobAgain = photo(1).get(0);
        people.clusterNewFaces();
        assertThat(people.suggestions("Bob")).extracting(s -> s.face().id()).contains(bobAgain);
    }

    @Test
    void aBoxTheUserDrewIsEmbeddedThroughThePortNamedAndUndoneWithItsNewPerson() throws Exception {
        long a = photo(0).get(0);
        FaceInfo f = face(a);
        Files.write(Path.of(f.photoPath()), new byte[] {1, 2, 3});
        float[] bob = faceOf(1);
        List<FaceBox> asked = new ArrayList<>();
        kindred.library.RegionEmbedder fake = new kindred.library.RegionEmbedder() {
            @Override
            public java.util.Optional<RegionFace> embed(byte[] encoded, int orientation, FaceBox box) {
                asked.add(box);
                return java.util.Optional.of(new RegionFace(new Embedding(EMBEDDER, bob), 0.8));
            }

            @Override
            public void close() {
            }
        };
        ManualFaces manual = new ManualFaces(store, (bytes, name) -> null, () -> fake, people);
        assertThatThrownBy(() -> manual.add(f.photoPath(), new FaceBox(1, 1, 5, 5), "Bob")).isInstanceOf(LibraryException.class)
                .hasMessageContaining("too small");
        ManualFaces.Added added = manual.add(f.photoPath(), new FaceBox(500, 300, 90, 100), "Bob");
        assertThat(asked).containsExactly(new FaceBox(500, 300, 90, 100));
        assertThat(added.embedded()).isTrue();
        FaceInfo drawn = face(added.faceId());
        assertThat(drawn.person()).isEqualTo("Bob");
        assertThat(drawn.source()).isEqualTo(kindred.model.Source.MANUAL);
        assertThat(store.faces(new FaceQuery(f.photoPath(), null, null))).hasSize(2);

        people.undo(added.undo());
        assertThat(store.faces(new FaceQuery(f.photoPath(), null, null))).extracting(FaceInfo::id).containsExactly(a);
        assertThat(people.people(true)).extracting(PersonSummary::name).doesNotContain("Bob");
    }

    /** Five clustered faces of identity 0 (returned) and one of identity 1. */
    private List<Long> fiveKnownFacesClustered() {
        List<Long> known = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            known.add(photo(0).get(0));
        }
        photo(1);
        people.clusterNewFaces();
        return known;
    }

    @Test
    void aNewProcessClustersANewFaceIntoTheClusterItsPersonAlreadyHas() {
        List<Long> known = fiveKnownFacesClustered();
        long cluster = clusterOf(known.get(0));
        long newFace = photo(0).get(0);

        People next = new People(peopleStore()); // reads every face, with its cluster, and builds its index
        next.clusterNewFaces();

        assertThat(clusterOf(newFace)).isEqualTo(cluster);
        assertThat(known).allSatisfy(f -> assertThat(clusterOf(f)).isEqualTo(cluster));
    }

    @Test
    void clusteringPreparedBeforeTheNewFacesArrivePlacesThemAsANewProcessWould() {
        List<Long> known = fiveKnownFacesClustered();
        long cluster = clusterOf(known.get(0));
        long firstNew = photo(0).get(0); // found before the scan's preparation started

        People next = new People(peopleStore());
        next.prepareClustering();
        long laterNew = photo(0).get(0); // indexed while it ran
        int placed = next.clusterNewFaces();

        assertThat(placed).isEqualTo(2);
        assertThat(clusterOf(firstNew)).isEqualTo(cluster);
        assertThat(clusterOf(laterNew)).isEqualTo(cluster);
        assertThat(known).allSatisfy(f -> assertThat(clusterOf(f)).isEqualTo(cluster));
    }

    @Test
    void preparingTheClusteringPlacesNoFace() {
        photo(0);
        people.clusterNewFaces();
        long unplaced = photo(0).get(0);

        new People(peopleStore()).prepareClustering();

        assertThat(face(unplaced).clusterId()).isNull();
    }

    @Test
    void queriesAnswerWhileAUseCaseHoldsTheLock() throws Exception {
        long a = photo(0).get(0);
        photo(0, 1);
        people.clusterNewFaces();
        people.nameFace(a, "Ann");
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            synchronized (people) { // as a clustering, or a scan's preparation of it, holds it for seconds at 300,000 faces
                java.util.concurrent.Future<Integer> answers = other.submit(() -> people.people(true).size()
                        + people.clusters(1).size() + people.clusters(1, 0, 10).items().size()
                        + people.facesOf("Ann").size() + people.suggestions("Ann").size()
                        + people.search(List.of("Ann"), false).size());
                assertThat(answers.get(30, java.util.concurrent.TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void aNewFaceGivenADeletedFacesIdIsClusteredThoughTheIndexWasLoaded() {
        for (int i = 0; i < 3; i++) {
            photo(0);
        }
        long last = photo(1).get(0);
        people.clusterNewFaces(); // the index now holds the last face
        peopleStore().deleteFace(last);

        long reused = photo(2).get(0); // SQLite gives the deleted last row's id to the next row
        int placed = people.clusterNewFaces();

        assertThat(reused).isEqualTo(last);
        assertThat(placed).isEqualTo(1);
        assertThat(face(reused).clusterId()).isNotNull();
    }

    // ------------------------------------------------------------------ the resident face space

    private SqlitePeopleStore peopleStore() {
        return new SqlitePeopleStore(store.database());
    }

    /** The kept face space after a change holds exactly what a fresh read of the library holds. */
    private void assertMatchesAFreshRead(FaceSpace kept) {
        FaceSpace fresh = FaceSpace.current(peopleStore(), EMBEDDER, null);
        assertThat(kept.faceIds).containsExactly(fresh.faceIds);
        assertThat(kept.photoIds).containsExactly(fresh.photoIds);
        for (int i = 0; i < fresh.size(); i++) {
            assertThat(kept.vectors[i]).containsExactly(fresh.vectors[i]);
            assertThat(kept.facesOf(kept.photoIds[i])).containsExactly(fresh.facesOf(fresh.photoIds[i]));
        }
        assertThat(kept.photoCount()).isEqualTo(fresh.photoCount());
    }

    private List<PeopleStore.FaceKey> addedSince(String fingerprint) {
        PeopleStore ps = peopleStore();
        return ps.clusterableFacesAdded(fingerprint, ps.clusterableFingerprint(), EMBEDDER,
                kindred.clustering.PeopleThresholds.MIN_CLUSTER_FACE_PX, kindred.clustering.PeopleThresholds.MIN_CLUSTER_QUALITY)
                .orElse(null); // null: not only additions
    }

    @Test
    void aWholeReadOfTheFacesLeavesOutMissingPhotosIgnoredAndSmallFacesAsTheJoinedQueryDoes() {
        List<Long> kept = photo(0, 1);
        List<Long> gone = photo(2);
        List<Long> ignored = photo(3, 4);
        people.clusterNewFaces();
        people.nameFace(kept.get(0), "Ann");
        people.ignore(List.of(ignored.get(0)));
        store.database().write(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("UPDATE photos SET missing = 1 WHERE id = (SELECT photo_id FROM faces WHERE id = " + gone.get(0) + ")");
                s.executeUpdate("UPDATE faces SET w = 20, h = 20 WHERE id = " + ignored.get(1)); // too small to cluster
            }
            return null;
        });
        double minPx = kindred.clustering.PeopleThresholds.MIN_CLUSTER_FACE_PX;
        double minQuality = kindred.clustering.PeopleThresholds.MIN_CLUSTER_QUALITY;

        List<PeopleStore.FaceKey> keys = peopleStore().clusterableFaceKeys(EMBEDDER, minPx, minQuality, true);
        List<PeopleStore.FaceVectorRow> joined = peopleStore().clusterableFaces(EMBEDDER, minPx, minQuality);

        assertThat(keys).extracting(PeopleStore.FaceKey::faceId).containsExactlyElementsOf(kept);
        assertThat(keys).extracting(PeopleStore.FaceKey::faceId)
                .containsExactlyElementsOf(joined.stream().map(PeopleStore.FaceVectorRow::faceId).toList());
        for (int i = 0; i < keys.size(); i++) {
            assertThat(keys.get(i).photoId()).isEqualTo(joined.get(i).photoId());
            assertThat(keys.get(i).clusterId()).isEqualTo(joined.get(i).clusterId());
            assertThat(keys.get(i).vector()).containsExactly(joined.get(i).vector());
            assertThat(keys.get(i).indexedAt()).isPositive();
        }
    }

    @Test
    void theAssignmentsOfTheFacesInMemoryAreTheStoresDecidedFaces() {
        List<Long> first = photo(0, 1, 2);
        List<Long> gone = photo(0, 3);
        photo(1, 3);
        people.clusterNewFaces();
        people.nameFace(first.get(0), "Ann"); // confirmed, and suggested for Ann's other faces
        people.nameFace(first.get(1), "Bob");
        people.ignore(List.of(first.get(2)));
        store.database().write(c -> {
            try (var s = c.createStatement()) { // a named face's photo goes missing
                s.executeUpdate("UPDATE photos SET missing = 1 WHERE id = (SELECT photo_id FROM faces WHERE id = " + gone.get(0) + ")");
            }
            return null;
        });

        List<PeopleStore.FaceVectorRow> derived = FaceGrouping.assignedIn(FaceSpace.current(peopleStore(), EMBEDDER, null),
                peopleStore().assignmentRows());

        assertThat(derived).extracting(PeopleStore.FaceVectorRow::state).contains(State.CONFIRMED, State.UNCONFIRMED);
        assertThat(derived).containsExactlyElementsOf(peopleStore().decidedFaces(EMBEDDER,
                        kindred.clustering.PeopleThresholds.MIN_CLUSTER_FACE_PX, kindred.clustering.PeopleThresholds.MIN_CLUSTER_QUALITY)
                .stream().map(r -> new PeopleStore.FaceVectorRow(r.faceId(), r.photoId(), null, null, r.personId(), r.state(), r.source()))
                .toList());
    }

    @Test
    void facesAddedSinceTheLastReadAreReadAloneAndOthersKeepTheirVectors() {
        photo(0, 1);
        photo(2);
        FaceSpace before = FaceSpace.current(peopleStore(), EMBEDDER, null);
        assertThat(before.photoCount()).isEqualTo(2); // its photos' faces are then carried over, not made anew
        String fingerprint = peopleStore().clusterableFingerprint();

        List<Long> added = photo(3, 4);

        assertThat(addedSince(fingerprint)).extracting(PeopleStore.FaceKey::faceId).containsExactlyElementsOf(added);
        FaceSpace after = FaceSpace.current(peopleStore(), EMBEDDER, before);
        assertThat(after.vectors[0]).isSameAs(before.vectors[0]);
        assertMatchesAFreshRead(after);
    }

    @Test
    void aDeletedFaceIsNotTakenForAnAddition() {
        List<Long> first = photo(0, 1);
        photo(2);
        FaceSpace before = FaceSpace.current(peopleStore(), EMBEDDER, null);
        String fingerprint = peopleStore().clusterableFingerprint();

        peopleStore().deleteFace(first.get(0));
        photo(3);

        assertThat(addedSince(fingerprint)).isNull();
        assertMatchesAFreshRead(FaceSpace.current(peopleStore(), EMBEDDER, before));
    }

    @Test
    void aPhotoIndexedAgainIsNotTakenForAnAddition() throws Exception {
        List<Long> first = photo(0, 1);
        photo(2);
        FaceSpace before = FaceSpace.current(peopleStore(), EMBEDDER, null);
        String fingerprint = peopleStore().clusterableFingerprint();
        FaceInfo f = face(first.get(0));

        Thread.sleep(5); // a later indexing time
        store.photoChanged(f.photoId(), 2, 2, "changed", 2);
        index(f.photoPath(), 4, 5);

        assertThat(addedSince(fingerprint)).isNull();
        assertMatchesAFreshRead(FaceSpace.current(peopleStore(), EMBEDDER, before));
    }
}
