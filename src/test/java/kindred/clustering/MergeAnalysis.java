package kindred.clustering;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import kindred.clustering.devset.LfwEmbeddings;

/**
 * Tool (not a test): logs every merge of two clusters of at least 2 faces on the LFW sets, with the sizes, the
 * average linkage, the threshold and whether the two sides' majority persons agree.
 *
 * <pre>
 * java -cp $CP kindred.clustering.MergeAnalysis [lfw-dev dir] [pair large decay]
 * </pre>
 */
public final class MergeAnalysis {

    public static void main(String[] args) throws Exception {
        Path lfw = Path.of(args.length > 0 ? args[0] : "../shared/eval/lfw-dev");
        ClusterSettings cs0 = args.length >= 4 ? ClusterSettings.DEFAULT.withThresholds(Double.parseDouble(args[1]),
                Double.parseDouble(args[2]), Double.parseDouble(args[3])) : ClusterSettings.DEFAULT;
        ClusterSettings cs = args.length >= 6
                ? cs0.withCohesion(Integer.parseInt(args[4]), Double.parseDouble(args[5])) : cs0;
        List<LfwEmbeddings.Face> all = LfwEmbeddings.read(LfwEmbeddings.CACHE);
        Set<String> frequent = new TreeSet<>(ClusteringTuner.lines(lfw.resolve("cluster-identities.txt")));
        Set<String> library = new TreeSet<>(ClusteringTuner.lines(lfw.resolve("library-identities.txt")));
        Map<String, Integer> half = new HashMap<>();
        for (String p : library) {
            half.put(p, 0);
        }
        float[][] vectors = new float[all.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = all.get(i).vector();
        }
        Supplier<NeighbourSearch> search = PrecomputedSearch.of(vectors, 64, 0.2);
        for (boolean onlyFrequent : new boolean[] {true, false}) {
            ClusteringTuner.Sample s = ClusteringTuner.sample(onlyFrequent ? "cluster" : "library", all,
                    onlyFrequent ? frequent::contains : library::contains, search, half, -1, frequent, onlyFrequent);
            FaceClusterIndex index = new FaceClusterIndex(cs, s.search());
            List<String> lines = new ArrayList<>();
            // internal face numbers follow the faces' ids (all added in one call)
            long[] ids = s.faces().stream().mapToLong(FaceVector::faceId).sorted().toArray();
            List<LfwEmbeddings.Face> byNumber = new ArrayList<>();
            for (long id : ids) {
                byNumber.add(all.get((int) id));
            }
            index.mergeListener = (a, b, link) -> {
                String pa = majority(a, byNumber);
                String pb = majority(b, byNumber);
                if (false && (a.size() < 2 || b.size() < 2) && pa.equals(pb)) {
                    return;
                }
                double ca = cohesion(a, s.faces(), ids);
                double cb = cohesion(b, s.faces(), ids);
                lines.add(String.format(Locale.ROOT, "%s %5d %5d link %.4f thr %.4f coh %.3f %.3f rel %.3f  %s | %s",
                        pa.equals(pb) ? "ok   " : "WRONG", Math.max(a.size(), b.size()), Math.min(a.size(), b.size()), link,
                        cs.mergeThreshold(a.size(), b.size()), a.size() >= b.size() ? ca : cb, a.size() >= b.size() ? cb : ca,
                        link / Math.sqrt(Math.max(ca, 1e-3) * Math.max(cb, 1e-3)), pa, pb));
            };
            FaceClusterIndex.clusterAll(index, s.faces(), List.of());
            System.out.println("== " + s.name() + ": merges of two clusters of >= 2 faces");
            lines.forEach(System.out::println);
        }
    }

    /** Mean cosine between the distinct faces of a group (1 for a single face). */
    static double cohesion(IntList members, List<FaceVector> faces, long[] ids) {
        int n = members.size();
        if (n < 2) {
            return 1;
        }
        Map<Long, float[]> byId = new HashMap<>();
        for (FaceVector f : faces) {
            byId.put(f.faceId(), f.unitVector());
        }
        float[] sum = new float[byId.values().iterator().next().length];
        for (int i = 0; i < n; i++) {
            float[] v = byId.get(ids[members.get(i)]);
            for (int d = 0; d < sum.length; d++) {
                sum[d] += v[d];
            }
        }
        double sq = NeighbourSearch.dot(sum, sum);
        return (sq - n) / ((double) n * (n - 1));
    }

    private static String majority(IntList members, List<LfwEmbeddings.Face> all) {
        Map<String, Integer> n = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            n.merge(all.get(members.get(i)).person(), 1, Integer::sum);
        }
        return n.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }
}
