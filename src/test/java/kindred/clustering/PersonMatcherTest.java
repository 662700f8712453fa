package kindred.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PersonMatcherTest {

    private static float[] axis(int i, int dims) {
        float[] v = new float[dims];
        v[i] = 1;
        return v;
    }

    private static float[] mix(double a, double b) {
        // unit vector with cosine a to axis 0 and b to axis 1 (a² + b² ≤ 1), rest on axis 2
        return new float[] {(float) a, (float) b, (float) Math.sqrt(Math.max(0, 1 - a * a - b * b))};
    }

    @Test
    void scoreIsTheMeanOfTheThreeBestCosines() {
        List<float[]> confirmed = List.of(axis(0, 3), axis(1, 3), mix(0.6, 0.0), mix(0.0, 0.0));
        float[] candidate = mix(0.8, 0.5);
        // cosines: 0.8, 0.5, 0.48, sqrt(1-0.89)=0.33 -> best three 0.8, 0.5, 0.48
        double expected = (0.8 + 0.5 + (0.6 * 0.8 + 0.8 * Math.sqrt(0.11))) / 3;
        // mix(0.6, 0) = (0.6, 0, 0.8); candidate third component sqrt(1 - 0.64 - 0.25) = sqrt(0.11)

        assertThat(PersonMatcher.score(confirmed, candidate)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void scoreOfManyFacesInAnyOrderIsTheMeanOfTheThreeBestCosines() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(60);
            java.util.List<float[]> confirmed = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                confirmed.add(randomUnit(rnd));
            }
            float[] candidate = randomUnit(rnd);
            double[] cos = confirmed.stream().mapToDouble(c -> NeighbourSearch.dot(c, candidate)).sorted().toArray();
            int take = Math.min(PersonMatcher.TOP_MATCHES, n);
            double expected = 0;
            for (int k = 0; k < take; k++) {
                expected += cos[n - 1 - k];
            }
            assertThat(PersonMatcher.score(confirmed, candidate)).isEqualTo(expected / take);
        }
    }

    private static float[] randomUnit(java.util.SplittableRandom rnd) {
        float[] v = new float[8];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    @Test
    void personWithOneConfirmedFaceScoresItsCosine() {
        assertThat(PersonMatcher.score(List.of(axis(0, 3)), mix(0.7, 0.1))).isCloseTo(0.7, within(1e-6));
    }

    @Test
    void personWithoutConfirmedFacesMatchesNothing() {
        assertThat(PersonMatcher.score(List.of(), axis(0, 3))).isEqualTo(-1);
        assertThat(PersonMatcher.suggest(-1)).isFalse();
    }

    @Test
    void falseMatchRateFallsAsTheScoreRises() {
        double previous = 1;
        for (double s = 0.0; s <= 1.0; s += 0.05) {
            double r = PersonMatcher.falseMatchRate(s);
            assertThat(r).isLessThanOrEqualTo(previous).isPositive();
            previous = r;
        }
    }

    @Test
    void falseMatchRateMatchesTheCalibrationTableAtItsRows() {
        for (double[] row : PersonMatcher.CALIBRATION) {
            assertThat(PersonMatcher.falseMatchRate(row[0])).isCloseTo(row[1], within(row[1] * 1e-9));
        }
    }

    @Test
    void oneInIsARoundNumber() {
        long n = PersonMatcher.oneIn(PersonMatcher.SUGGEST_SCORE);
        assertThat(String.valueOf(n).replace("0", "")).hasSize(1);
    }
}
