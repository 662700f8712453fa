package kindred.library.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BCubed precision and recall by group ({@code eval cluster --groups}): the per-item BCubed scores of the whole
 * clustering (see {@link ClusterScores}) averaged over the faces of each group. A face's cluster and identity are the
 * whole clustering's, so a woman's face put in a cluster of men lowers the women's precision as well as the men's.
 * Faces whose image the groups file does not list are counted apart. Pure; thread-safe.
 *
 * @param groups          one row per group of the groups file, alphabetically
 * @param unlabelledFaces faces whose image is not in the groups file
 */
public record GroupedClusterScores(List<Group> groups, int unlabelledFaces) {

    /**
     * One group.
     *
     * @param faces     faces of the group (count)
     * @param precision mean BCubed precision of its faces, null when it has none
     * @param recall    mean BCubed recall of its faces, null when it has none
     */
    public record Group(String group, int faces, Double precision, Double recall) {
    }

    public static GroupedClusterScores of(ClusterEvaluator.Clustering c, ImageGroups labels) {
        Map<Object, Integer> labelSize = new HashMap<>();
        Map<Object, Integer> clusterSize = new HashMap<>();
        Map<List<Object>, Integer> cellSize = new HashMap<>();
        c.truth().forEach((item, label) -> {
            Object cluster = Objects.requireNonNull(c.predicted().get(item), "item without a cluster");
            labelSize.merge(label, 1, Integer::sum);
            clusterSize.merge(cluster, 1, Integer::sum);
            cellSize.merge(List.of(label, cluster), 1, Integer::sum);
        });
        Map<String, double[]> sums = new HashMap<>(); // group → {faces, precision sum, recall sum}
        int unlabelled = 0;
        for (Map.Entry<Long, String> e : c.truth().entrySet()) {
            String group = labels.groupOf(c.images().get(e.getKey().intValue()));
            if (group == null) {
                unlabelled++;
                continue;
            }
            Object cluster = c.predicted().get(e.getKey());
            double cell = cellSize.get(List.of(e.getValue(), cluster));
            double[] s = sums.computeIfAbsent(group, k -> new double[3]);
            s[0]++;
            s[1] += cell / clusterSize.get(cluster);
            s[2] += cell / labelSize.get(e.getValue());
        }
        List<Group> rows = new ArrayList<>();
        for (String g : labels.groups()) {
            double[] s = sums.get(g);
            rows.add(s == null ? new Group(g, 0, null, null) : new Group(g, (int) s[0], s[1] / s[0], s[2] / s[0]));
        }
        return new GroupedClusterScores(List.copyOf(rows), unlabelled);
    }
}
