package kindred.library.eval;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How well a clustering agrees with the true identities: BCubed and pairwise precision, recall and F1.
 *
 * <p>BCubed (Bagga &amp; Baldwin 1998, as used by Amigó et al. 2009) averages over items: for item
 * {@code i} with predicted cluster {@code C(i)} and true label {@code L(i)}, precision is
 * {@code |C(i) ∩ L(i)| / |C(i)|} and recall {@code |C(i) ∩ L(i)| / |L(i)|} (each set includes {@code i}).
 * Pairwise scores count unordered pairs of distinct items: precision is the share of pairs put together
 * that are the same identity, recall the share of same-identity pairs put together; a clustering that puts
 * no pair together has pairwise precision 1 by convention (it made no false claim), and a truth with no
 * same-identity pair has pairwise recall 1.
 *
 * <p>Pure value type; computing it is O(items).
 */
public record ClusterScores(
        int items,
        int identities,
        int clusters,
        double bcubedPrecision,
        double bcubedRecall,
        double bcubedF,
        double pairwisePrecision,
        double pairwiseRecall,
        double pairwiseF) {

    /**
     * Scores a predicted clustering against the truth.
     *
     * @param truth     item → true identity label; defines the set of items
     * @param predicted item → predicted cluster; must hold every item of {@code truth} (extra items are an error)
     * @param <I>       item type (e.g. a face id)
     * @throws IllegalArgumentException when the two maps do not cover the same items
     */
    public static <I> ClusterScores of(Map<I, ?> truth, Map<I, ?> predicted) {
        Objects.requireNonNull(truth);
        Objects.requireNonNull(predicted);
        if (truth.size() != predicted.size() || !truth.keySet().equals(predicted.keySet())) {
            throw new IllegalArgumentException("truth and prediction cover different items: "
                    + truth.size() + " vs " + predicted.size());
        }
        Map<Object, Integer> labelSize = new HashMap<>();
        Map<Object, Integer> clusterSize = new HashMap<>();
        Map<Cell, Integer> cellSize = new HashMap<>();
        for (Map.Entry<I, ?> e : truth.entrySet()) {
            Object label = e.getValue();
            Object cluster = predicted.get(e.getKey());
            labelSize.merge(label, 1, Integer::sum);
            clusterSize.merge(cluster, 1, Integer::sum);
            cellSize.merge(new Cell(label, cluster), 1, Integer::sum);
        }
        int n = truth.size();
        if (n == 0) {
            return new ClusterScores(0, 0, 0, 1, 1, 1, 1, 1, 1);
        }
        // BCubed: every item of a cell (label, cluster) of size c has precision c/|cluster| and recall c/|label|,
        // so summing per cell is the same as summing per item.
        double precisionSum = 0;
        double recallSum = 0;
        long togetherAndSame = 0;
        for (Map.Entry<Cell, Integer> e : cellSize.entrySet()) {
            long c = e.getValue();
            precisionSum += (double) c * c / clusterSize.get(e.getKey().cluster());
            recallSum += (double) c * c / labelSize.get(e.getKey().label());
            togetherAndSame += c * (c - 1) / 2;
        }
        double bp = precisionSum / n;
        double br = recallSum / n;
        long together = pairs(clusterSize);
        long same = pairs(labelSize);
        double pp = together == 0 ? 1.0 : (double) togetherAndSame / together;
        double pr = same == 0 ? 1.0 : (double) togetherAndSame / same;
        return new ClusterScores(n, labelSize.size(), clusterSize.size(), bp, br, f1(bp, br), pp, pr, f1(pp, pr));
    }

    private static long pairs(Map<Object, Integer> sizes) {
        long p = 0;
        for (int s : sizes.values()) {
            p += (long) s * (s - 1) / 2;
        }
        return p;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    private record Cell(Object label, Object cluster) {
    }
}
