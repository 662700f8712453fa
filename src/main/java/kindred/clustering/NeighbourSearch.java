package kindred.clustering;

/**
 * Nearest neighbours by cosine among the faces of a {@link FaceClusterIndex}, addressed by the index's
 * internal face number. Not thread-safe for writes; searches may run in parallel once adding is done.
 */
interface NeighbourSearch {

    /** Adds face {@code idx} (numbers are dense and increasing). */
    void add(int idx, float[] unitVector);

    /** Adds faces {@code from..to-1}, possibly in parallel. */
    default void addRange(int from, int to, float[][] vectors) {
        for (int i = from; i < to; i++) {
            add(i, vectors[i]);
        }
    }

    /**
     * Adds faces {@code from..to-1} as {@link #addRange} does and returns what inserting them found: for each, the
     * candidates for its nearest faces among those already in the search (face numbers and cosines, best first,
     * itself excluded); null when adding finds none (a brute-force search), and callers then {@link #search}.
     */
    default Candidates addRangeWithCandidates(int from, int to, float[][] vectors) {
        addRange(from, to, vectors);
        return null;
    }

    /** Per added face (index 0 = face {@code from}): candidate face numbers and their cosines, best first. */
    record Candidates(int from, int[][] ids, float[][] cosines) {
    }

    /**
     * Finds up to {@code k} nearest faces of {@code query} with cosine ≥ {@code minCosine}, best first,
     * excluding {@code self} (−1 for none).
     *
     * @return how many were written to {@code outIdx}/{@code outCos}
     */
    int search(float[] query, int self, int k, double minCosine, int[] outIdx, float[] outCos);

    /**
     * Offers face {@code id} at cosine {@code c} to a best-first list of at most {@code k} faces holding
     * {@code found}; ties keep the earlier offer first. Returns how many the list holds now.
     */
    static int offer(int id, float c, int[] outIdx, float[] outCos, int found, int k) {
        if (found == k && c <= outCos[k - 1]) {
            return found;
        }
        int pos = found < k ? found++ : k - 1;
        while (pos > 0 && outCos[pos - 1] < c) {
            outCos[pos] = outCos[pos - 1];
            outIdx[pos] = outIdx[pos - 1];
            pos--;
        }
        outCos[pos] = c;
        outIdx[pos] = id;
        return found;
    }

    /** Cosine of two unit vectors. */
    static float dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = a.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
