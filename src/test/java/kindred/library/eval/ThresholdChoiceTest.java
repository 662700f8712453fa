package kindred.library.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ThresholdChoiceTest {

    /** {@code photos} photos; photo i has false detections scoring {@code scores[i % scores.length]}. */
    private static double[][] photos(int photos, double[]... scores) {
        double[][] out = new double[photos][];
        for (int i = 0; i < photos; i++) {
            out[i] = scores[i % scores.length];
        }
        return out;
    }

    private static double[] faces(int n, double score) {
        double[] f = new double[n];
        Arrays.fill(f, score);
        return f;
    }

    @Test
    void withoutFalseDetectionsTheLowestThresholdIsChosen() {
        ThresholdChoice c = ThresholdChoice.choose(photos(50, new double[0]), faces(10, 0.9), 0.3, 0.10);
        assertThat(c.threshold()).isEqualTo(0.30);
        assertThat(c.recall()).isEqualTo(1.0);
        assertThat(c.falsePerPhoto()).isZero();
    }

    @Test
    void theThresholdRisesAboveTheFalseDetectionsThatBreakTheBudget() {
        // Every photo has one false detection at 0.55: 1 per photo up to 0.55, none above.
        ThresholdChoice c = ThresholdChoice.choose(photos(100, new double[] {0.55}), new double[] {0.5, 0.7, 0.9}, 0.3, 0.10);
        assertThat(c.threshold()).as("just above them, rounded up to 0.001").isEqualTo(0.551);
        assertThat(c.recall()).isEqualTo(2.0 / 3);
        assertThat(c.falsePerPhotoQ95()).isZero();
    }

    @Test
    void clusteredFalseDetectionsNeedAHigherThresholdThanSpreadOnesOfTheSameMean() {
        // 208 photos, 16 false detections at 0.6 either way (0.077 per photo): one on each of 16 photos, or eight on each
        // of 2. The mean is within a budget of 0.12 both times; the 95th percentile over resamplings only when spread.
        double[][] spread = new double[208][];
        double[][] clustered = new double[208][];
        for (int i = 0; i < 208; i++) {
            spread[i] = i % 13 == 0 ? new double[] {0.6} : new double[0];
            clustered[i] = i < 2 ? new double[] {0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6} : new double[0];
        }
        double[] faces = faces(10, 0.9);
        ThresholdChoice s = ThresholdChoice.choose(spread, faces, 0.5, 0.12);
        assertThat(s.threshold()).as("spread: the 0.6 ones are allowed").isEqualTo(0.50);
        assertThat(s.falsePerPhoto()).isEqualTo(16 / 208.0);
        ThresholdChoice c = ThresholdChoice.choose(clustered, faces, 0.5, 0.12);
        assertThat(c.threshold()).as("clustered: above them").isEqualTo(0.601);
        assertThat(c.falsePerPhoto()).isZero();
    }

    @Test
    void theSamePhotosAlwaysGiveTheSameChoice() {
        double[][] p = photos(150, new double[] {0.62, 0.7}, new double[0], new double[] {0.8}, new double[0], new double[0]);
        ThresholdChoice first = ThresholdChoice.choose(p, faces(5, 0.9), 0.3, 0.10);
        assertThat(first.threshold()).as("above the 0.8 ones, which are 0.2 per photo").isEqualTo(0.801);
        assertThat(ThresholdChoice.choose(p, faces(5, 0.9), 0.3, 0.10)).isEqualTo(first);
    }

    @Test
    void whenEveryFalseDetectionMustGoTheThresholdIsAboveTheHighest() {
        ThresholdChoice c = ThresholdChoice.choose(photos(20, new double[] {0.9985}), faces(3, 0.95), 0.3, 0.10);
        assertThat(c.threshold()).isEqualTo(0.999);
        assertThat(c.recall()).isZero();
    }
}
