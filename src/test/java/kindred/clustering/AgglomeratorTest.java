package kindred.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The agglomerator keeps one heap entry per cluster (its best partner) instead of a queue of every candidate;
 * it must merge exactly the pairs, in exactly the order, that the queue of every candidate
 * ({@link ReferenceAgglomerator}) merged.
 */
class AgglomeratorTest {

    private static final int K = 16;
    private static final double MIN_COSINE = 0.25;

    /** Faces of synthetic people (1 to 120 faces each, many seen once); some photos hold two faces of one person. */
    private static final class Library implements Agglomerator.Faces {
        final float[][] vectors;
        final int[] photo;
        final int[] person;
        final int[][] neighbours;

        Library(long seed, int people) {
            SyntheticFaces gen = new SyntheticFaces(seed);
            SplittableRandom random = new SplittableRandom(seed);
            List<float[]> vs = new ArrayList<>();
            List<Integer> ps = new ArrayList<>();
            for (int p = 0; p < people; p++) {
                float[] centre = gen.person();
                int n = random.nextInt(4) == 0 ? 1 + random.nextInt(120) : 1 + random.nextInt(3);
                for (int f = 0; f < n; f++) {
                    vs.add(gen.face(centre));
                    ps.add(p);
                }
            }
            int n = vs.size();
            vectors = vs.toArray(new float[0][]);
            person = ps.stream().mapToInt(Integer::intValue).toArray();
            photo = new int[n];
            for (int i = 0; i < n; i++) {
                // one face in ten shares the photo of the face before it (of the same person): a conflict
                photo[i] = i > 0 && person[i - 1] == person[i] && random.nextInt(10) == 0 ? photo[i - 1] : i;
            }
            neighbours = new int[n][];
            ExactSearch search = new ExactSearch();
            search.addRange(0, n, vectors);
            int[] idx = new int[K];
            float[] cos = new float[K];
            for (int i = 0; i < n; i++) {
                int found = search.search(vectors[i], i, K, MIN_COSINE, idx, cos);
                neighbours[i] = java.util.Arrays.copyOf(idx, found);
            }
        }

        @Override
        public float[] vector(int face) {
            return vectors[face];
        }

        @Override
        public void forEachConflict(int face, IntConsumer sink) {
            for (int d = -1; d <= 1; d += 2) {
                int other = face + d;
                if (other >= 0 && other < photo.length && photo[other] == photo[face]) {
                    sink.accept(other);
                }
            }
        }
    }

    /** Adds the nodes and edges to either implementation; the first {@code fixedPeople} people are fixed clusters. */
    private interface Nodes {
        int addNode(IntList members, float[] sum, boolean fixed);

        void addFaceEdge(int a, int b);
    }

    private static void build(Library lib, int fixedPeople, Nodes nodes) {
        int n = lib.vectors.length;
        int i = 0;
        while (i < n) {
            if (lib.person[i] < fixedPeople) {
                IntList m = new IntList(4);
                float[] sum = new float[SyntheticFaces.DIMS];
                int p = lib.person[i];
                for (; i < n && lib.person[i] == p; i++) {
                    if (lib.photo[i] == i) { // a fixed cluster never holds two faces of one photo
                        m.add(i);
                        for (int d = 0; d < sum.length; d++) {
                            sum[d] += lib.vectors[i][d];
                        }
                    } else {
                        nodes.addNode(IntList.of(i), lib.vectors[i], false);
                    }
                }
                nodes.addNode(m, sum, true);
            } else {
                nodes.addNode(IntList.of(i), lib.vectors[i], false);
                i++;
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b : lib.neighbours[a]) {
                nodes.addFaceEdge(a, b);
            }
        }
    }

    private static List<String> mergesOfReference(Library lib, int fixedPeople) {
        ReferenceAgglomerator agg = new ReferenceAgglomerator(ClusterSettings.DEFAULT, lib, SyntheticFaces.DIMS,
                lib.vectors.length, lib.vectors.length);
        List<String> log = new ArrayList<>();
        agg.listener = (a, b, link) -> log.add(describe(a, b, link));
        build(lib, fixedPeople, new Nodes() {
            public int addNode(IntList members, float[] sum, boolean fixed) {
                return agg.addNode(members, sum, fixed);
            }

            public void addFaceEdge(int a, int b) {
                agg.addFaceEdge(a, b);
            }
        });
        agg.run();
        return log;
    }

    private static List<String> mergesOfAgglomerator(Library lib, int fixedPeople) {
        Agglomerator agg = new Agglomerator(ClusterSettings.DEFAULT, lib, SyntheticFaces.DIMS,
                lib.vectors.length, lib.vectors.length);
        List<String> log = new ArrayList<>();
        agg.listener = (a, b, link) -> log.add(describe(a, b, link));
        build(lib, fixedPeople, new Nodes() {
            public int addNode(IntList members, float[] sum, boolean fixed) {
                return agg.addNode(members, sum, fixed);
            }

            public void addFaceEdge(int a, int b) {
                agg.addFaceEdge(a, b);
            }
        });
        agg.run();
        return log;
    }

    /** A merge: the first face and size of each side, and the linkage to the last bit. */
    private static String describe(IntList a, IntList b, double link) {
        return a.get(0) + "/" + a.size() + " + " + b.get(0) + "/" + b.size() + " @ " + Double.doubleToLongBits(link);
    }

    @Test
    void fullClusteringMergesTheSamePairsInTheSameOrderAsAQueueOfEveryCandidate() {
        Library lib = new Library(7, 250);
        List<String> expected = mergesOfReference(lib, 0);

        assertThat(expected).hasSizeGreaterThan(lib.vectors.length / 2);
        assertThat(mergesOfAgglomerator(lib, 0)).containsExactlyElementsOf(expected);
    }

    @Test
    void incrementalRunWithFixedClustersMergesTheSamePairsInTheSameOrderAsAQueueOfEveryCandidate() {
        Library lib = new Library(11, 250);
        List<String> expected = mergesOfReference(lib, 120);

        assertThat(expected).isNotEmpty();
        assertThat(mergesOfAgglomerator(lib, 120)).containsExactlyElementsOf(expected);
    }

    @Test
    void facesOfOnePhotoAreNeverMerged() {
        Library lib = new Library(13, 150);
        Agglomerator agg = new Agglomerator(ClusterSettings.DEFAULT, lib, SyntheticFaces.DIMS,
                lib.vectors.length, lib.vectors.length);
        build(lib, 0, new Nodes() {
            public int addNode(IntList members, float[] sum, boolean fixed) {
                return agg.addNode(members, sum, fixed);
            }

            public void addFaceEdge(int a, int b) {
                agg.addFaceEdge(a, b);
            }
        });
        agg.run();

        int sharedPhotos = 0;
        for (int i = 1; i < lib.vectors.length; i++) {
            if (lib.photo[i] == lib.photo[i - 1]) {
                sharedPhotos++;
                assertThat(agg.nodeOfFace(i)).isNotEqualTo(agg.nodeOfFace(i - 1));
            }
        }
        assertThat(sharedPhotos).isPositive();
    }
}
