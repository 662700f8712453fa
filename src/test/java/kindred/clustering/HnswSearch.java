package kindred.clustering;

import com.github.jelmerk.knn.DistanceFunctions;
import com.github.jelmerk.knn.Item;
import com.github.jelmerk.knn.SearchResult;
import com.github.jelmerk.knn.hnsw.HnswIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Test scope only: the maintained HNSW library {@link GraphSearch} is measured against
 * ({@code ClusteringBenchmark recall}, {@code SearchVariants}; docs/decisions/0003-clustering.md).
 *
 * <p>Approximate nearest neighbours with hnswlib (HNSW graph, inner product on unit vectors). Levels are
 * drawn from a hash of the face number, so adding in one thread, in order, gives the same graph every time;
 * {@link #addRange} with more than one thread is not deterministic, and measured here it was also slower
 * (hnswlib's locks: 41 s instead of 20 s for 20,000 faces on 2 cores), so the index uses one thread.
 */
final class HnswSearch implements NeighbourSearch {

    /** Graph degree (links per node per layer); 16 is hnswlib's usual choice for 100–1000 dims. */
    static final int M = 16;
    /** Candidate list size while building: 40 builds 2× faster than 100 (1,000 vs 2,000 faces/s measured here) with no loss of clustering quality on the synthetic test. */
    static final int EF_CONSTRUCTION = 40;
    /** Candidate list size while searching (must be ≥ k). */
    static final int EF_SEARCH = 64;

    private final HnswIndex<Integer, float[], FaceItem, Float> index;
    private final int threads;

    HnswSearch(int dimensions, int capacity, int threads) {
        this.index = HnswIndex.newBuilder(dimensions, DistanceFunctions.FLOAT_INNER_PRODUCT, Math.max(capacity, 16))
                .withM(M).withEfConstruction(EF_CONSTRUCTION).withEf(EF_SEARCH).build();
        this.threads = threads;
    }

    @Override
    public void add(int idx, float[] unitVector) {
        if (idx >= index.getMaxItemCount()) {
            index.resize(Math.max(idx + 1, index.getMaxItemCount() * 3 / 2));
        }
        index.add(new FaceItem(idx, unitVector));
    }

    @Override
    public void addRange(int from, int to, float[][] vectors) {
        if (to > index.getMaxItemCount()) {
            index.resize(Math.max(to, index.getMaxItemCount() * 3 / 2));
        }
        if (threads <= 1 || to - from < 2000) {
            NeighbourSearch.super.addRange(from, to, vectors);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int start = from + t;
                parts.add(pool.submit(() -> {
                    for (int i = start; i < to; i += threads) {
                        index.add(new FaceItem(i, vectors[i]));
                    }
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing faces", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("indexing faces failed", e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public int search(float[] query, int self, int k, double minCosine, int[] outIdx, float[] outCos) {
        List<SearchResult<FaceItem, Float>> hits = index.findNearest(query, self >= 0 ? k + 1 : k);
        int found = 0;
        for (SearchResult<FaceItem, Float> h : hits) {
            int j = h.item().idx;
            float c = 1f - h.distance();
            if (j == self || c < minCosine || found == k) {
                continue;
            }
            outIdx[found] = j;
            outCos[found] = c;
            found++;
        }
        return found;
    }

    /** The index's item: the face number and its vector (shared, not copied). */
    static final class FaceItem implements Item<Integer, float[]> {
        private static final long serialVersionUID = 1L;
        final int idx;
        private final float[] vector;

        FaceItem(int idx, float[] vector) {
            this.idx = idx;
            this.vector = vector;
        }

        @Override
        public Integer id() {
            return idx;
        }

        @Override
        public float[] vector() {
            return vector;
        }

        @Override
        public int dimensions() {
            return vector.length;
        }
    }
}
