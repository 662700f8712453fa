package kindred.clustering.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import kindred.clustering.ClusterSettings;
import kindred.clustering.FaceClusterIndex;
import kindred.clustering.FaceVector;
import kindred.clustering.SearchVariants;
import kindred.clustering.SyntheticFaces;
import kindred.clustering.devset.LfwEmbeddings;

/**
 * Benchmark (not a test): clusters a large synthetic library and adds batches of new faces incrementally.
 *
 * <p>Faces are drawn around real LFW embeddings when {@code /tmp/kindred-lfw-embeddings.bin} exists (each
 * synthetic person is a real face plus noise, each of their faces that plus more noise), otherwise around
 * {@link SyntheticFaces} people. The library: 40 people with ~2,500 faces (family), 2,000 with ~50 (friends), the rest
 * strangers seen once or twice.
 *
 * <pre>
 * mvn -q -o test-compile
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.clustering.bench.ClusteringBenchmark [faces] [batches] [product|graph|hnswlib]
 * java -cp … kindred.clustering.bench.ClusteringBenchmark recall 20000 graph hnswlib   # neighbour search only
 * </pre>
 */
public final class ClusteringBenchmark {

    private static final int DIMS = 192;

    /** Heap in use, sampled from the start (see HeapSampler). */
    private static final kindred.bench.HeapSampler HEAP = kindred.bench.HeapSampler.start();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("recall")) {
            // neighbour search only: build time and recall@16 against brute force, on the same synthetic faces
            int n = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
            SplittableRandom random = new SplittableRandom(2024);
            Library lib = new Library(random, bases(random), n);
            float[][] v = lib.faces(n).stream().map(FaceVector::unitVector).toArray(float[][]::new);
            for (int i = 2; i < args.length; i++) {
                SearchVariants.recall(args[i], v, 16, 0.25, 1000);
            }
            return;
        }
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String search = args.length > 2 ? args[2] : "product";
        int batchSize = 1000;
        SplittableRandom random = new SplittableRandom(2024);
        float[][] bases = bases(random);
        Library lib = new Library(random, bases, total);

        List<FaceVector> initial = lib.faces(total);
        System.out.printf(Locale.ROOT, "library: %,d faces, %,d people (%s centres)%n", initial.size(), lib.people(),
                bases == null ? "random" : "LFW");
        FaceClusterIndex index = search.equals("product") ? new FaceClusterIndex(ClusterSettings.DEFAULT)
                : SearchVariants.index(ClusterSettings.DEFAULT, search, DIMS);
        AtomicLong keys = new AtomicLong();
        double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long c0 = SearchVariants.cpuNanos();
        long t0 = System.nanoTime();
        index.add(initial, keys::incrementAndGet);
        double full = (System.nanoTime() - t0) / 1e9;
        double fullCpu = (SearchVariants.cpuNanos() - c0) / 1e9;
        double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "full clustering: %.1f s (%.1f s CPU), %,d clusters; load average %.1f → %.1f%n",
                full, fullCpu, index.clusters().size(), load0, load1);
        initial = null;

        double[] times = new double[batches];
        for (int b = 0; b < batches; b++) {
            List<FaceVector> batch = lib.faces(batchSize);
            long c = SearchVariants.cpuNanos();
            long t = System.nanoTime();
            index.add(batch, keys::incrementAndGet);
            times[b] = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "incremental add of %d faces #%d: %.2f s (%.2f s CPU), load average %.1f%n",
                    batchSize, b + 1, times[b], (SearchVariants.cpuNanos() - c) / 1e9,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        Arrays.sort(times);
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT,
                "RESULT faces=%d search=%s full_s=%.1f full_cpu_s=%.1f incremental_1000_median_s=%.2f peak_heap_mb=%d peak_live_heap_mb=%d retained_heap_mb=%d max_heap_mb=%d load_avg=%.1f%n",
                index.size(), search, full, fullCpu, times[times.length / 2], HEAP.peakUsedMb(), HEAP.peakLiveMb(), retained >> 20,
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** Real embeddings to draw people around, or null. */
    private static float[][] bases(SplittableRandom random) throws Exception {
        Path cache = LfwEmbeddings.CACHE;
        if (!Files.exists(cache)) {
            return null;
        }
        List<LfwEmbeddings.Face> faces = LfwEmbeddings.read(cache);
        float[][] out = new float[faces.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = faces.get(i).vector();
        }
        return out;
    }

    /** A library that keeps producing faces of its people (and new strangers). */
    private static final class Library {
        private final SplittableRandom random;
        private final float[][] bases;
        private final List<float[]> centres = new ArrayList<>();
        private final double[] cumulative;
        private final SyntheticFaces synthetic = new SyntheticFaces(7);
        private long nextId;

        Library(SplittableRandom random, float[][] bases, int total) {
            this.random = random;
            this.bases = bases;
            int family = 40;
            int friends = 2000;
            double[] weight = new double[family + friends];
            for (int p = 0; p < weight.length; p++) {
                centres.add(centre());
                weight[p] = p < family ? 0.33 * total / family : 0.33 * total / friends;
            }
            cumulative = new double[weight.length];
            double s = 0;
            for (int p = 0; p < weight.length; p++) {
                s += weight[p];
                cumulative[p] = s;
            }
        }

        int people() {
            return centres.size();
        }

        /** n faces: two thirds of known people, one third new strangers (each seen once or twice). */
        List<FaceVector> faces(int n) {
            List<FaceVector> out = new ArrayList<>(n);
            while (out.size() < n) {
                if (random.nextDouble() < 0.66) {
                    double u = random.nextDouble() * cumulative[cumulative.length - 1];
                    int p = Arrays.binarySearch(cumulative, u);
                    p = p < 0 ? -p - 1 : p;
                    out.add(next(centres.get(Math.min(p, centres.size() - 1))));
                } else {
                    float[] c = centre();
                    centres.add(c);
                    out.add(next(c));
                    if (random.nextDouble() < 0.3 && out.size() < n) {
                        out.add(next(c));
                    }
                }
            }
            return out;
        }

        private FaceVector next(float[] centre) {
            long id = nextId++;
            return new FaceVector(id, id, noisy(centre, 0.55 + random.nextDouble() * 0.35));
        }

        private float[] centre() {
            if (bases != null) {
                return noisy(bases[random.nextInt(bases.length)], 0.6);
            }
            return synthetic.person();
        }

        private float[] noisy(float[] c, double level) {
            float[] v = new float[DIMS];
            double sigma = level / Math.sqrt(DIMS);
            double n = 0;
            for (int i = 0; i < DIMS; i++) {
                v[i] = (float) (c[i] + random.nextGaussian() * sigma);
                n += v[i] * v[i];
            }
            float inv = (float) (1 / Math.sqrt(n));
            for (int i = 0; i < DIMS; i++) {
                v[i] *= inv;
            }
            return v;
        }
    }
}
