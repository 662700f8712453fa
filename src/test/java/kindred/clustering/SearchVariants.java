package kindred.clustering;

/** For benchmarks outside this package: indexes with a chosen neighbour search. */
public final class SearchVariants {

    private SearchVariants() {
    }

    /** "graph" (the product's {@link GraphSearch}), "hnswlib" (hnswlib-core, one thread) or "exact". */
    public static FaceClusterIndex index(ClusterSettings settings, String search, int dims) {
        return switch (search) {
            case "graph" -> new FaceClusterIndex(settings, GraphSearch::new);
            case "hnswlib" -> new FaceClusterIndex(settings, () -> new HnswSearch(dims, 1024, 1));
            case "exact" -> new FaceClusterIndex(settings, ExactSearch::new);
            default -> throw new IllegalArgumentException(search);
        };
    }

    /** CPU time of this process (all threads), ns. */
    public static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Share of the exact top-k neighbours (cosine ≥ min) that the search finds, over {@code queries} faces
     * spread over the set.
     */
    public static double recall(String search, float[][] vectors, int k, double min, int queries) {
        NeighbourSearch approx = switch (search.split(":")[0]) {
            case "graph" -> search.contains(":") ? new GraphSearch(Integer.parseInt(search.split(":")[1]),
                    Integer.parseInt(search.split(":")[2])) : new GraphSearch();
            case "hnswlib" -> new HnswSearch(vectors[0].length, vectors.length, 1);
            default -> throw new IllegalArgumentException(search);
        };
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        approx.addRange(0, vectors.length, vectors);
        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        ExactSearch exact = new ExactSearch();
        exact.addRange(0, vectors.length, vectors);
        int hit = 0;
        int total = 0;
        int[] ei = new int[k];
        float[] ec = new float[k];
        int[] ai = new int[k];
        float[] ac = new float[k];
        long searchNs = 0;
        for (int q = 0; q < queries; q++) {
            int i = (int) ((long) q * vectors.length / queries);
            int ne = exact.search(vectors[i], i, k, min, ei, ec);
            long s0 = System.nanoTime();
            int na = approx.search(vectors[i], i, k, min, ai, ac);
            searchNs += System.nanoTime() - s0;
            for (int a = 0; a < ne; a++) {
                for (int b = 0; b < na; b++) {
                    if (ei[a] == ai[b]) {
                        hit++;
                        break;
                    }
                }
            }
            total += ne;
        }
        System.out.printf(java.util.Locale.ROOT, "%s: %d faces built in %.1f s wall, %.1f s CPU (%.0f faces per CPU-s), search %.2f ms/query, recall@%d %.4f%n",
                search, vectors.length, (t1 - t0) / 1e9, (c1 - c0) / 1e9, vectors.length / ((c1 - c0) / 1e9), searchNs / 1e6 / queries, k,
                (double) hit / Math.max(1, total));
        return (double) hit / Math.max(1, total);
    }
}
