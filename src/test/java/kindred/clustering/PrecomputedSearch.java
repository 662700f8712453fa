package kindred.clustering;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * For evaluation sweeps: exact neighbours computed once for a fixed set of vectors, served to any index that
 * holds (a subset of) them, so that a sweep over settings does not redo the O(n²) search each time.
 */
final class PrecomputedSearch implements NeighbourSearch {

    private final Map<float[], Integer> setIndex;
    private final int[][] neighbours;
    private final float[][] cosines;
    private final Map<Integer, Integer> numberOfSetIndex = new java.util.HashMap<>();

    private PrecomputedSearch(Map<float[], Integer> setIndex, int[][] neighbours, float[][] cosines) {
        this.setIndex = setIndex;
        this.neighbours = neighbours;
        this.cosines = cosines;
    }

    /** Top-{@code k} exact neighbours (cosine ≥ min) of every vector among all the others. */
    static java.util.function.Supplier<NeighbourSearch> of(float[][] vectors, int k, double min) {
        int n = vectors.length;
        int[][] nb = new int[n][];
        float[][] cos = new float[n][];
        ExactSearch all = new ExactSearch();
        for (int i = 0; i < n; i++) {
            all.add(i, vectors[i]);
        }
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            int[] idx = new int[k];
            float[] c = new float[k];
            int f = all.search(vectors[i], i, k, min, idx, c);
            nb[i] = java.util.Arrays.copyOf(idx, f);
            cos[i] = java.util.Arrays.copyOf(c, f);
        });
        Map<float[], Integer> setIndex = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            setIndex.put(vectors[i], i);
        }
        return () -> new PrecomputedSearch(setIndex, nb, cos);
    }

    @Override
    public void add(int idx, float[] unitVector) {
        Integer s = setIndex.get(unitVector);
        if (s == null) {
            throw new IllegalArgumentException("vector not in the precomputed set");
        }
        numberOfSetIndex.put(s, idx);
    }

    @Override
    public int search(float[] query, int self, int k, double minCosine, int[] outIdx, float[] outCos) {
        int s = setIndex.get(query);
        int found = 0;
        for (int t = 0; t < neighbours[s].length && found < k; t++) {
            Integer number = numberOfSetIndex.get(neighbours[s][t]);
            if (number == null || number == self || cosines[s][t] < minCosine) {
                continue;
            }
            outIdx[found] = number;
            outCos[found] = cosines[s][t];
            found++;
        }
        return found;
    }
}
