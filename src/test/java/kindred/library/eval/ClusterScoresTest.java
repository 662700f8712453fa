package kindred.library.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterScoresTest {

    private static final double EPS = 1e-12;

    @Test
    void perfectClusteringScoresOneEverywhere() {
        ClusterScores s = ClusterScores.of(
                Map.of("a", "X", "b", "X", "c", "Y"),
                Map.of("a", 7, "b", 7, "c", 8));

        assertThat(s.bcubedF()).isEqualTo(1.0);
        assertThat(s.pairwiseF()).isEqualTo(1.0);
        assertThat(s.identities()).isEqualTo(2);
        assertThat(s.clusters()).isEqualTo(2);
    }

    @Test
    void mixedClusteringMatchesHandComputedBcubed() {
        // truth: a b c = X, d e = Y; predicted: {a b} {c d e}
        // precision per item: 1, 1, 1/3, 2/3, 2/3 -> 11/15; recall per item: 2/3, 2/3, 1/3, 1, 1 -> 11/15
        ClusterScores s = ClusterScores.of(
                Map.of("a", "X", "b", "X", "c", "X", "d", "Y", "e", "Y"),
                Map.of("a", 1, "b", 1, "c", 2, "d", 2, "e", 2));

        assertThat(s.bcubedPrecision()).isCloseTo(11.0 / 15, within(EPS));
        assertThat(s.bcubedRecall()).isCloseTo(11.0 / 15, within(EPS));
        assertThat(s.bcubedF()).isCloseTo(11.0 / 15, within(EPS));
    }

    @Test
    void mixedClusteringMatchesHandComputedPairwise() {
        // pairs together: ab, cd, ce, de (4); same identity: ab, ac, bc, de (4); both: ab, de (2)
        ClusterScores s = ClusterScores.of(
                Map.of("a", "X", "b", "X", "c", "X", "d", "Y", "e", "Y"),
                Map.of("a", 1, "b", 1, "c", 2, "d", 2, "e", 2));

        assertThat(s.pairwisePrecision()).isCloseTo(0.5, within(EPS));
        assertThat(s.pairwiseRecall()).isCloseTo(0.5, within(EPS));
        assertThat(s.pairwiseF()).isCloseTo(0.5, within(EPS));
    }

    @Test
    void allSingletonsArePreciseButRecallHalvesForPairsOfTwo() {
        ClusterScores s = ClusterScores.of(
                Map.of(1, "X", 2, "X", 3, "Y", 4, "Y"),
                Map.of(1, 1, 2, 2, 3, 3, 4, 4));

        assertThat(s.bcubedPrecision()).isEqualTo(1.0);
        assertThat(s.bcubedRecall()).isCloseTo(0.5, within(EPS));
        assertThat(s.bcubedF()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(s.pairwisePrecision()).as("no pair claimed, no false claim").isEqualTo(1.0);
        assertThat(s.pairwiseRecall()).isEqualTo(0.0);
    }

    @Test
    void oneBigClusterHasFullRecallAndLowPrecision() {
        // X X Y all together: precision 2/3, 2/3, 1/3 -> 5/9; pairs together 3, same 1
        ClusterScores s = ClusterScores.of(
                Map.of(1, "X", 2, "X", 3, "Y"),
                Map.of(1, 0, 2, 0, 3, 0));

        assertThat(s.bcubedPrecision()).isCloseTo(5.0 / 9, within(EPS));
        assertThat(s.bcubedRecall()).isEqualTo(1.0);
        assertThat(s.pairwisePrecision()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(s.pairwiseRecall()).isEqualTo(1.0);
    }

    @Test
    void predictionMissingAnItemIsRejected() {
        assertThatThrownBy(() -> ClusterScores.of(Map.of(1, "X", 2, "X"), Map.of(1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
