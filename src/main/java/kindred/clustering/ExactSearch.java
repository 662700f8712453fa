package kindred.clustering;

import java.util.Arrays;

/** Brute-force nearest neighbours: exact and deterministic, O(n) per query. For small libraries. */
final class ExactSearch implements NeighbourSearch {

    private float[][] vectors = new float[1024][];
    private int size;

    @Override
    public void add(int idx, float[] unitVector) {
        if (idx != size) {
            throw new IllegalStateException("faces must be added in order");
        }
        if (size == vectors.length) {
            vectors = Arrays.copyOf(vectors, size * 2);
        }
        vectors[size++] = unitVector;
    }

    @Override
    public int search(float[] query, int self, int k, double minCosine, int[] outIdx, float[] outCos) {
        int found = 0;
        for (int j = 0; j < size; j++) {
            if (j == self) {
                continue;
            }
            float c = NeighbourSearch.dot(query, vectors[j]);
            if (c >= minCosine) {
                found = NeighbourSearch.offer(j, c, outIdx, outCos, found, k);
            }
        }
        return found;
    }
}
