package kindred.library.eval;

/**
 * Verification accuracy of one set of pairs (a group, the pairs across groups, or the pairs with an unlabelled image)
 * at one threshold. A rate whose denominator is 0 is null: not measured, never 0 and never NaN.
 *
 * @param group              the group's name ("woman"), or {@code cross_group} / {@code unlabelled}
 * @param pairs              pairs in the set
 * @param samePairs          pairs of the same person (genuine pairs)
 * @param differentPairs     pairs of two different people (impostor pairs)
 * @param accuracy           share of pairs judged right at the threshold; a pair with an image where no face was found
 *                           counts as judged wrong, as in the overall accuracy
 * @param falseMatches       different-person pairs scored at or above the threshold
 * @param falseMatchRate     falseMatches / differentPairs
 * @param falseNonMatches    same-person pairs scored below the threshold (or with an image where no face was found)
 * @param falseNonMatchRate  falseNonMatches / samePairs
 * @param tarAtFar0001       share of same-person pairs accepted at the strictest threshold that lets at most
 *                           ⌊0.001 · differentPairs⌋ different-person pairs through (see {@link #tarFarAchievable})
 * @param tarFarAchievable   the false accept rate {@code tarAtFar0001} really stands for: 0.001 with 1,000 or more
 *                           different-person pairs; with fewer, no different pair is let through and the finest rate
 *                           those pairs can show is 1 / differentPairs (null when there is none)
 */
public record GroupRates(String group, int pairs, int samePairs, int differentPairs, Double accuracy,
                         int falseMatches, Double falseMatchRate, int falseNonMatches, Double falseNonMatchRate,
                         Double tarAtFar0001, Double tarFarAchievable) {

    /** Whether the TAR figure rests on too few different-person pairs to mean FAR 0.1 %. */
    public boolean tooFewImpostorsForFar() {
        return differentPairs < GroupedVerification.MIN_IMPOSTORS_FOR_FAR;
    }
}
