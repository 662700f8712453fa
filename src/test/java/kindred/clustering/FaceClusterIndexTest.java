package kindred.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import kindred.library.eval.ClusterScores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FaceClusterIndexTest {

    private final SyntheticFaces gen = new SyntheticFaces(42);
    private final AtomicLong keys = new AtomicLong(1000);

    private static FaceVector face(long id, long photo, float[] v) {
        return new FaceVector(id, photo, v);
    }

    private List<FaceVector> personFaces(float[] centre, long firstId, int n) {
        List<FaceVector> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(face(firstId + i, firstId + i, gen.face(centre)));
        }
        return out;
    }

    @Test
    void facesOfOnePhotoNeverShareACluster() {
        float[] v = gen.face(gen.person());
        Map<Long, Long> c = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT,
                List.of(face(1, 7, v), face(2, 7, v.clone())), List.of());

        assertThat(c.get(1L)).isNotEqualTo(c.get(2L));
    }

    @Test
    void sameFaceInDifferentPhotosIsClusteredTogether() {
        float[] v = gen.face(gen.person());
        Map<Long, Long> c = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT,
                List.of(face(1, 7, v), face(2, 8, v.clone())), List.of());

        assertThat(c.get(1L)).isEqualTo(c.get(2L));
    }

    @Test
    void facesOfOnePhotoStayApartEvenWhenAThirdFaceLinksThem() {
        float[] p = gen.person();
        List<FaceVector> faces = List.of(face(1, 7, gen.face(p)), face(2, 7, gen.face(p)), face(3, 8, gen.face(p)));
        Map<Long, Long> c = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, faces, List.of());

        assertThat(c.get(1L)).isNotEqualTo(c.get(2L));
        assertThat(c.get(3L)).isIn(c.get(1L), c.get(2L));
    }

    @Test
    void cannotLinkedFacesNeverShareACluster() {
        float[] p = gen.person();
        List<FaceVector> faces = personFaces(p, 1, 6);
        Map<Long, Long> c = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, faces, List.of(new CannotLink(1, 2)));

        assertThat(c.get(1L)).isNotEqualTo(c.get(2L));
    }

    @Test
    void cannotLinkAddedToALoadedIndexHoldsForNewFaces() {
        float[] p = gen.person();
        FaceClusterIndex index = new FaceClusterIndex();
        index.load(personFaces(p, 1, 5), Map.of(1L, 10L, 2L, 10L, 3L, 10L, 4L, 10L, 5L, 10L));
        index.addCannotLinks(List.of(new CannotLink(6, 1)));

        ClusterUpdate u = index.add(personFaces(p, 6, 1), keys::incrementAndGet);

        assertThat(u.clusterOfFace().get(6L)).isNotEqualTo(10L);
    }

    @Test
    void newFaceOfAKnownPersonJoinsTheirCluster() {
        float[] p = gen.person();
        float[] q = gen.person();
        FaceClusterIndex index = new FaceClusterIndex();
        index.add(personFaces(p, 1, 8), keys::incrementAndGet);
        index.add(personFaces(q, 20, 8), keys::incrementAndGet);
        long pKey = index.clusterOf(1).orElseThrow();
        assertThat(index.members(pKey)).hasSize(8);

        ClusterUpdate u = index.add(personFaces(p, 100, 1), keys::incrementAndGet);

        assertThat(u.clusterOfFace()).containsEntry(100L, pKey);
        assertThat(u.newClusters()).isEmpty();
        assertThat(index.members(pKey)).hasSize(9);
    }

    @Test
    void newFaceOfAStrangerFormsANewCluster() {
        FaceClusterIndex index = new FaceClusterIndex();
        index.add(personFaces(gen.person(), 1, 8), keys::incrementAndGet);

        ClusterUpdate u = index.add(personFaces(gen.person(), 100, 1), keys::incrementAndGet);

        long key = u.clusterOfFace().get(100L);
        assertThat(u.newClusters()).containsExactly(key);
        assertThat(index.members(key)).containsExactly(100L);
    }

    @Test
    void newFacesOfANewPersonFormOneNewCluster() {
        FaceClusterIndex index = new FaceClusterIndex();
        index.add(personFaces(gen.person(), 1, 8), keys::incrementAndGet);

        ClusterUpdate u = index.add(personFaces(gen.person(), 100, 5), keys::incrementAndGet);

        assertThat(new HashSet<>(u.clusterOfFace().values())).hasSize(1);
        assertThat(u.newClusters()).hasSize(1);
    }

    @Test
    void incrementalAddNeverMergesTwoExistingClusters() {
        float[] p = gen.person();
        FaceClusterIndex index = new FaceClusterIndex();
        Map<Long, Long> split = new HashMap<>();
        for (long id = 1; id <= 6; id++) {
            split.put(id, id <= 3 ? 10L : 20L);
        }
        index.load(personFaces(p, 1, 6), split);

        index.add(personFaces(p, 100, 3), keys::incrementAndGet);

        assertThat(index.members(10)).contains(1L, 2L, 3L).doesNotContain(4L, 5L, 6L);
        assertThat(index.members(20)).contains(4L, 5L, 6L);
    }

    @Test
    void addingAFaceTwiceIsRejected() {
        FaceClusterIndex index = new FaceClusterIndex();
        List<FaceVector> faces = personFaces(gen.person(), 1, 2);
        index.add(faces, keys::incrementAndGet);

        assertThatThrownBy(() -> index.add(faces.subList(0, 1), keys::incrementAndGet))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fullClusteringIsDeterministicWhateverTheInputOrder() {
        List<FaceVector> faces = new ArrayList<>();
        for (SyntheticFaces.Labelled l : gen.library(new int[] {12, 9, 7, 5, 3, 2, 1, 1, 1, 1})) {
            faces.add(l.face());
        }
        Map<Long, Long> first = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, faces, List.of());
        List<FaceVector> shuffled = new ArrayList<>(faces);
        Collections.shuffle(shuffled, new Random(3));

        Map<Long, Long> second = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, shuffled, List.of());

        assertThat(second).isEqualTo(first);
    }

    @Test
    void strangersSeenOnceStaySingletons() {
        List<SyntheticFaces.Labelled> lib = gen.library(new int[] {20, 15, 10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        List<FaceVector> faces = lib.stream().map(SyntheticFaces.Labelled::face).toList();

        Map<Long, Long> c = FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, faces, List.of());

        Map<Long, Integer> sizes = new HashMap<>();
        c.values().forEach(k -> sizes.merge(k, 1, Integer::sum));
        for (SyntheticFaces.Labelled l : lib) {
            if (l.person() >= 3) {
                assertThat(sizes.get(c.get(l.face().faceId()))).as("stranger %d", l.face().faceId()).isEqualTo(1);
            }
        }
    }

    @Test
    void syntheticLibraryIsClusteredNearlyPerfectly() {
        Map<Long, Object> truth = new HashMap<>();
        List<FaceVector> faces = new ArrayList<>();
        int[] sizes = new int[120];
        Random r = new Random(5);
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = i < 40 ? 1 : 2 + r.nextInt(30);
        }
        for (SyntheticFaces.Labelled l : gen.library(sizes)) {
            faces.add(l.face());
            truth.put(l.face().faceId(), l.person());
        }

        ClusterScores s = ClusterScores.of(truth, FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, faces, List.of()));

        assertThat(s.bcubedPrecision()).isGreaterThan(0.99);
        assertThat(s.bcubedF()).isGreaterThan(0.97);
    }

    @Test
    void reclusterKeepsTheKeyOfAClusterThatDidNotChange() {
        float[] p = gen.person();
        FaceClusterIndex index = new FaceClusterIndex();
        index.add(personFaces(p, 1, 6), keys::incrementAndGet);
        long key = index.clusterOf(1).orElseThrow();

        ClusterUpdate u = index.reclusterAll(Map.of(), keys::incrementAndGet);

        assertThat(index.clusterOf(1)).hasValue(key);
        assertThat(u.clusterOfFace()).isEmpty();
        assertThat(u.removedClusters()).isEmpty();
    }

    @Test
    void reclusterMergesClustersThatIncrementalAddKeptApart() {
        float[] p = gen.person();
        FaceClusterIndex index = new FaceClusterIndex();
        Map<Long, Long> split = new HashMap<>();
        for (long id = 1; id <= 6; id++) {
            split.put(id, id <= 3 ? 10L : 20L);
        }
        index.load(personFaces(p, 1, 6), split);

        ClusterUpdate u = index.reclusterAll(Map.of(), keys::incrementAndGet);

        assertThat(index.clusters()).hasSize(1);
        assertThat(u.removedClusters()).hasSize(1);
    }

    @Test
    void reclusterKeepsLockedFacesInTheirCluster() {
        float[] p = gen.person();
        FaceClusterIndex index = new FaceClusterIndex();
        index.add(personFaces(p, 1, 6), keys::incrementAndGet);

        index.reclusterAll(Map.of(1L, 77L, 2L, 77L, 3L, 88L), keys::incrementAndGet);

        assertThat(index.members(77)).contains(1L, 2L);
        assertThat(index.members(88)).contains(3L).doesNotContain(1L, 2L);
    }

    @Test
    void removedFaceLeavesItsClusterAndIsNoNeighbourAgain() {
        float[] p = gen.person();
        FaceClusterIndex index = new FaceClusterIndex();
        index.add(personFaces(p, 1, 1), keys::incrementAndGet);
        long key = index.clusterOf(1).orElseThrow();

        index.remove(1);
        ClusterUpdate u = index.add(personFaces(p, 2, 1), keys::incrementAndGet);

        assertThat(index.clusterOf(1)).isEmpty();
        assertThat(index.members(key)).isEmpty();
        assertThat(u.newClusters()).hasSize(1);
    }

    @Test
    @Tag("slow")
    void approximateSearchClustersAsWellAsExactSearch() {
        Map<Long, Object> truth = new HashMap<>();
        List<FaceVector> faces = library(600, 200, 8, truth);

        ClusterScores exact = ClusterScores.of(truth,
                FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT, faces, List.of()));
        ClusterScores hnsw = ClusterScores.of(truth,
                FaceClusterIndex.clusterAll(ClusterSettings.DEFAULT.withExactSearchLimit(0), faces, List.of()));

        assertThat(hnsw.bcubedF()).isGreaterThan(exact.bcubedF() - 0.005);
        assertThat(hnsw.bcubedPrecision()).isGreaterThan(0.99);
    }

    @Test
    @Tag("slow")
    void facesAddedToTheNeighbourGraphClusterAsWellAsWithExactSearch() {
        Map<Long, Object> truth = new HashMap<>();
        List<FaceVector> faces = new ArrayList<>(library(600, 200, 9, truth));
        Collections.shuffle(faces, new Random(10));
        // Most faces first, then the rest in batches as scans bring them: the graph's insertion candidates and the
        // exact comparison among each batch give the new faces their neighbours (FaceClusterIndex.add).
        int first = faces.size() * 4 / 5;
        ClusterScores exact = ClusterScores.of(truth, addInBatches(ClusterSettings.DEFAULT, faces, first));
        ClusterScores graph = ClusterScores.of(truth, addInBatches(ClusterSettings.DEFAULT.withExactSearchLimit(0), faces, first));

        assertThat(graph.bcubedF()).isGreaterThan(exact.bcubedF() - 0.005);
        assertThat(graph.bcubedPrecision()).isGreaterThan(0.99);
    }

    /**
     * Faces of {@code people} synthetic people: the first {@code seenOnce} with one face, the others with 2–21;
     * {@code truth} gets each face's person.
     */
    private List<FaceVector> library(int people, int seenOnce, long seed, Map<Long, Object> truth) {
        int[] sizes = new int[people];
        Random r = new Random(seed);
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = i < seenOnce ? 1 : 2 + r.nextInt(20);
        }
        List<FaceVector> faces = new ArrayList<>();
        for (SyntheticFaces.Labelled l : gen.library(sizes)) {
            faces.add(l.face());
            truth.put(l.face().faceId(), l.person());
        }
        return faces;
    }

    private Map<Long, Long> addInBatches(ClusterSettings settings, List<FaceVector> faces, int first) {
        FaceClusterIndex index = new FaceClusterIndex(settings);
        index.add(faces.subList(0, first), keys::incrementAndGet);
        for (int from = first; from < faces.size(); from += 300) {
            index.add(faces.subList(from, Math.min(faces.size(), from + 300)), keys::incrementAndGet);
        }
        Map<Long, Long> clusterOf = new HashMap<>();
        for (FaceVector f : faces) {
            clusterOf.put(f.faceId(), index.clusterOf(f.faceId()).orElseThrow());
        }
        return clusterOf;
    }

    @Test
    void everyAddedFaceGetsACluster() {
        List<FaceVector> faces = gen.library(new int[] {5, 4, 1}).stream().map(SyntheticFaces.Labelled::face).toList();
        FaceClusterIndex index = new FaceClusterIndex();

        ClusterUpdate u = index.add(faces, keys::incrementAndGet);

        Set<Long> ids = new HashSet<>();
        faces.forEach(f -> ids.add(f.faceId()));
        assertThat(u.clusterOfFace().keySet()).isEqualTo(ids);
        assertThat(index.clusters().values().stream().mapToInt(m -> m.length).sum()).isEqualTo(faces.size());
    }
}
