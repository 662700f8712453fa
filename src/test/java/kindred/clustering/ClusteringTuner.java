package kindred.clustering;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import kindred.library.eval.ClusterScores;
import kindred.clustering.devset.LfwEmbeddings;

/**
 * Tool (not a test): sweeps the clustering thresholds on the cached LFW embeddings, chooses them on one half
 * of the people and reports how they transfer to the other half, for both the frequent-people set
 * ({@code cluster-identities.txt}) and the library with strangers ({@code library-identities.txt}).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.clustering.ClusteringTuner [lfw-dev dir] [pair large decay]
 * </pre>
 */
public final class ClusteringTuner {

    record Sample(String name, List<FaceVector> faces, Map<Long, Object> truth, Supplier<NeighbourSearch> search) {
    }

    public static void main(String[] args) throws Exception {
        Path lfw = Path.of(args.length > 0 ? args[0] : "../shared/eval/lfw-dev");
        List<LfwEmbeddings.Face> all = LfwEmbeddings.read(LfwEmbeddings.CACHE);
        Set<String> frequent = new TreeSet<>(lines(lfw.resolve("cluster-identities.txt")));
        Set<String> library = new TreeSet<>(lines(lfw.resolve("library-identities.txt")));
        // halves of the people: alternate in sorted order, separately for frequent and rare people
        Map<String, Integer> half = new HashMap<>();
        int a = 0;
        int b = 0;
        for (String p : library) {
            half.put(p, frequent.contains(p) ? (a++ % 2) : (b++ % 2));
        }
        float[][] vectors = new float[all.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = all.get(i).vector();
        }
        long t0 = System.nanoTime();
        Supplier<NeighbourSearch> search = PrecomputedSearch.of(vectors, 64, 0.2);
        System.out.printf(Locale.ROOT, "%d faces embedded; neighbours in %.1f s%n", all.size(), (System.nanoTime() - t0) / 1e9);

        List<Sample> samples = new ArrayList<>();
        for (int h = 0; h < 2; h++) {
            samples.add(sample("cluster-" + "AB".charAt(h), all, frequent::contains, search, half, h, frequent, true));
            samples.add(sample("library-" + "AB".charAt(h), all, p -> library.contains(p), search, half, h, frequent, false));
        }
        samples.add(sample("cluster", all, frequent::contains, search, half, -1, frequent, true));
        samples.add(sample("library", all, library::contains, search, half, -1, frequent, false));
        for (Sample s : samples) {
            System.out.printf(Locale.ROOT, "%s: %d faces, %d people%n", s.name(), s.faces().size(),
                    new java.util.HashSet<>(s.truth().values()).size());
        }

        if (args.length >= 4) {
            ClusterSettings cs = ClusterSettings.DEFAULT.withThresholds(Double.parseDouble(args[1]),
                    Double.parseDouble(args[2]), Double.parseDouble(args[3]));
            if (args.length >= 6) {
                cs = cs.withCohesion(Integer.parseInt(args[4]), Double.parseDouble(args[5]));
            }
            for (Sample s : samples) {
                print(s.name(), cs, score(cs, s));
                print(s.name() + " exact", cs, ClusterScores.of(s.truth(), FaceClusterIndex.clusterAll(cs, s.faces(), List.of())));
                // incremental: every second face first, then the rest in batches of 100
                FaceClusterIndex index = new FaceClusterIndex(cs);
                long[] keys = {1};
                List<FaceVector> first = new ArrayList<>();
                List<FaceVector> rest = new ArrayList<>();
                for (int i = 0; i < s.faces().size(); i++) {
                    (i % 2 == 0 ? first : rest).add(s.faces().get(i));
                }
                index.add(first, () -> keys[0]++);
                for (int i = 0; i < rest.size(); i += 100) {
                    index.add(rest.subList(i, Math.min(rest.size(), i + 100)), () -> keys[0]++);
                }
                Map<Long, Object> predicted = new HashMap<>();
                for (FaceVector f : s.faces()) {
                    predicted.put(f.faceId(), index.clusterOf(f.faceId()).orElseThrow());
                }
                print(s.name() + " incremental", cs, ClusterScores.of(s.truth(), predicted));
                index.reclusterAll(Map.of(), () -> keys[0]++);
                predicted.clear();
                for (FaceVector f : s.faces()) {
                    predicted.put(f.faceId(), index.clusterOf(f.faceId()).orElseThrow());
                }
                print(s.name() + " recluster", cs, ClusterScores.of(s.truth(), predicted));
            }
            return;
        }

        List<ClusterSettings> grid = new ArrayList<>();
        if (args.length == 2 && args[1].equals("cohesion")) {
            for (double decay : new double[] {0.5, 1.0}) {
                for (double pair : new double[] {0.55, 0.575, 0.60, 0.625}) {
                    for (double large : new double[] {0.42, 0.44, 0.46, 0.48, 0.50}) {
                        ClusterSettings base = ClusterSettings.DEFAULT.withThresholds(pair, large, decay);
                        grid.add(base.withCohesion(2, 0));
                        for (int n : new int[] {2, 3, 5}) {
                            for (double r : new double[] {0.65, 0.70, 0.75, 0.80}) {
                                grid.add(base.withCohesion(n, r));
                            }
                        }
                    }
                }
            }
        }
        if (args.length == 2 && args[1].equals("fine")) {
            for (double decay : new double[] {0.5, 0.75, 1.0, 1.5}) {
                for (double pair : new double[] {0.55, 0.575, 0.60, 0.625, 0.65}) {
                    for (double large : new double[] {0.44, 0.46, 0.48, 0.50, 0.52}) {
                        grid.add(ClusterSettings.DEFAULT.withThresholds(pair, large, decay));
                    }
                }
            }
        }
        for (double decay : grid.isEmpty() ? new double[] {0, 0.5, 1.0} : new double[0]) {
            for (int pi = 0; pi <= 8; pi++) {
                double pair = 0.40 + 0.05 * pi;
                for (int li = 0; li <= 8; li++) {
                    double large = 0.25 + 0.05 * li;
                    if (large > pair + 1e-9 || (decay == 0 && li > 0)) {
                        continue;
                    }
                    grid.add(ClusterSettings.DEFAULT.withThresholds(pair, decay == 0 ? pair : large, decay));
                }
            }
        }
        System.out.println("settings,sample,precision,recall,f");
        Map<ClusterSettings, Map<String, ClusterScores>> results = new HashMap<>();
        for (ClusterSettings cs : grid) {
            Map<String, ClusterScores> r = new HashMap<>();
            for (Sample s : samples) {
                ClusterScores sc = score(cs, s);
                r.put(s.name(), sc);
                System.out.printf(Locale.ROOT, "%s,%s,%.4f,%.4f,%.4f%n", label(cs), s.name(), sc.bcubedPrecision(),
                        sc.bcubedRecall(), sc.bcubedF());
            }
            results.put(cs, r);
        }
        for (int dev = 0; dev < 2; dev++) {
            String d = "AB".substring(dev, dev + 1);
            String t = "AB".substring(1 - dev, 2 - dev);
            ClusterSettings best = null;
            double bestObj = -1;
            for (ClusterSettings cs : grid) {
                // prefer splitting: precision at least 0.99 on both kinds of library, then the worse F
                double obj = objective(results.get(cs), d);
                if (obj > bestObj) {
                    bestObj = obj;
                    best = cs;
                }
            }
            System.out.printf(Locale.ROOT, "chosen on %s: %s%n", d, label(best));
            // the runners-up, to see how flat the optimum is
            final String dd = d;
            grid.stream().sorted(java.util.Comparator.comparingDouble((ClusterSettings cs) -> -objective(results.get(cs), dd)))
                    .limit(8).forEach(cs -> System.out.printf(Locale.ROOT, "  near: %s obj %.4f  test worst F %.4f minP %.4f%n",
                            label(cs), objective(results.get(cs), dd), Math.min(results.get(cs).get("cluster-" + t).bcubedF(),
                                    results.get(cs).get("library-" + t).bcubedF()),
                            Math.min(results.get(cs).get("cluster-" + t).bcubedPrecision(),
                                    results.get(cs).get("library-" + t).bcubedPrecision())));
            for (String kind : new String[] {"cluster-", "library-"}) {
                print("  dev  " + kind + d, best, results.get(best).get(kind + d));
                print("  test " + kind + t, best, results.get(best).get(kind + t));
                ClusterSettings oracle = null;
                for (ClusterSettings cs : grid) {
                    if (oracle == null || results.get(cs).get(kind + t).bcubedF() > results.get(oracle).get(kind + t).bcubedF()) {
                        oracle = cs;
                    }
                }
                print("  oracle " + kind + t, oracle, results.get(oracle).get(kind + t));
            }
            print("  all-people cluster", best, results.get(best).get("cluster"));
            print("  all-people library", best, results.get(best).get("library"));
        }
    }

    /** Prefer splitting: precision at least 0.99 on both kinds of library, then the worse F. */
    static double objective(Map<String, ClusterScores> r, String half) {
        ClusterScores c = r.get("cluster-" + half);
        ClusterScores l = r.get("library-" + half);
        return Math.min(c.bcubedF(), l.bcubedF()) - (c.bcubedPrecision() < 0.99 || l.bcubedPrecision() < 0.99 ? 1 : 0);
    }

    interface PersonFilter {
        boolean test(String person);
    }

    static Sample sample(String name, List<LfwEmbeddings.Face> all, PersonFilter filter,
                                 Supplier<NeighbourSearch> search, Map<String, Integer> half, int h,
                                 Set<String> frequent, boolean onlyFrequent) {
        List<FaceVector> faces = new ArrayList<>();
        Map<Long, Object> truth = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            LfwEmbeddings.Face f = all.get(i);
            Integer hf = half.get(f.person());
            if (hf == null || !filter.test(f.person()) || (onlyFrequent && !frequent.contains(f.person()))
                    || (h >= 0 && hf != h)) {
                continue;
            }
            faces.add(new FaceVector(i, i, f.vector()));
            truth.put((long) i, f.person());
        }
        return new Sample(name, faces, truth, search);
    }

    static ClusterScores score(ClusterSettings cs, Sample s) {
        FaceClusterIndex index = new FaceClusterIndex(cs, s.search());
        return ClusterScores.of(s.truth(), FaceClusterIndex.clusterAll(index, s.faces(), List.of()));
    }

    private static void print(String what, ClusterSettings cs, ClusterScores s) {
        System.out.printf(Locale.ROOT, "%-22s %s  P %.4f R %.4f F %.4f  (pairwise P %.4f R %.4f F %.4f; %d clusters)%n",
                what, label(cs), s.bcubedPrecision(), s.bcubedRecall(), s.bcubedF(), s.pairwisePrecision(),
                s.pairwiseRecall(), s.pairwiseF(), s.clusters());
    }

    static String label(ClusterSettings cs) {
        return String.format(Locale.ROOT, "pair=%.3f large=%.2f decay=%.2f coh=%d/%.2f", cs.pairThreshold(),
                cs.largeThreshold(), cs.sizeDecay(), cs.cohesionMinSize(), cs.cohesionRatio());
    }

    static List<String> lines(Path p) throws java.io.IOException {
        return Files.readAllLines(p).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
