package kindred.library.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kindred.clustering.PersonMatcher;

/**
 * Verification accuracy by group ({@code eval verify --groups}): the scored pairs split into the pairs whose two
 * images are in one group, the pairs whose images are in two different groups ({@link #CROSS_GROUP}), and the pairs
 * with an image the groups file does not list ({@link #UNLABELLED}, counted apart), each scored at one threshold (the
 * product's suggestion threshold). Pure; thread-safe.
 *
 * @param threshold  the score at or above which a pair is taken for the same person
 * @param groups     one row per group of the groups file, alphabetically, also when it has no pair
 * @param crossGroup the pairs across groups
 * @param unlabelled the pairs with at least one image not in the groups file
 */
public record GroupedVerification(double threshold, List<GroupRates> groups, GroupRates crossGroup, GroupRates unlabelled) {

    /** Name of the set of pairs whose images are in two different groups. */
    public static final String CROSS_GROUP = "cross_group";

    /** Name of the set of pairs with an image the groups file does not list. */
    public static final String UNLABELLED = "unlabelled";

    /**
     * Different-person pairs needed for a TAR at FAR 0.1 % to let at least one of them through (count): with fewer,
     * ⌊0.001 · n⌋ = 0 and the figure is the TAR at FAR &lt; 1/n.
     */
    public static final int MIN_IMPOSTORS_FOR_FAR = (int) Math.round(1 / VerificationEvaluator.FAR);

    /**
     * Scored at the product's suggestion threshold ({@link PersonMatcher#SUGGEST_SCORE}): a pair's cosine is the score a
     * face would get against a person with one confirmed face, the other image.
     */
    public static GroupedVerification atSuggestionThreshold(List<PairScore> pairs, ImageGroups labels) {
        return of(pairs, labels, PersonMatcher.SUGGEST_SCORE);
    }

    /** Splits the pairs by the groups of their images and scores each set at {@code threshold}. */
    public static GroupedVerification of(List<PairScore> pairs, ImageGroups labels, double threshold) {
        Map<String, List<PairScore>> byGroup = new LinkedHashMap<>();
        for (String g : labels.groups()) {
            byGroup.put(g, new ArrayList<>());
        }
        List<PairScore> cross = new ArrayList<>();
        List<PairScore> unknown = new ArrayList<>();
        for (PairScore p : pairs) {
            String g1 = labels.groupOf(p.image1());
            String g2 = labels.groupOf(p.image2());
            if (g1 == null || g2 == null) {
                unknown.add(p);
            } else if (g1.equals(g2)) {
                byGroup.get(g1).add(p);
            } else {
                cross.add(p);
            }
        }
        List<GroupRates> rows = new ArrayList<>();
        byGroup.forEach((g, list) -> rows.add(rates(g, list, threshold)));
        return new GroupedVerification(threshold, List.copyOf(rows), rates(CROSS_GROUP, cross, threshold),
                rates(UNLABELLED, unknown, threshold));
    }

    /** The rates of one set of pairs at {@code threshold}. */
    public static GroupRates rates(String name, List<PairScore> pairs, double threshold) {
        int same = 0;
        int different = 0;
        int right = 0;
        int falseMatches = 0;
        int falseNonMatches = 0;
        double[] sim = new double[pairs.size()];
        boolean[] isSame = new boolean[pairs.size()];
        for (int i = 0; i < sim.length; i++) {
            PairScore p = pairs.get(i);
            boolean accepted = p.judged() && p.score() >= threshold;
            sim[i] = p.judged() ? p.score() : -1;
            isSame[i] = p.same();
            if (p.same()) {
                same++;
                if (!accepted) {
                    falseNonMatches++;
                }
            } else {
                different++;
                if (accepted) {
                    falseMatches++;
                }
            }
            if (p.judged() && accepted == p.same()) {
                right++;
            }
        }
        int n = pairs.size();
        Double tar = same == 0 || different == 0 ? null : VerificationEvaluator.tarAtFar(sim, isSame, VerificationEvaluator.FAR);
        Double far = different == 0 ? null : Math.max(VerificationEvaluator.FAR, 1.0 / different);
        return new GroupRates(name, n, same, different, ratio(right, n), falseMatches, ratio(falseMatches, different),
                falseNonMatches, ratio(falseNonMatches, same), tar, far);
    }

    private static Double ratio(int count, int of) {
        return of == 0 ? null : (double) count / of;
    }
}
