package kindred.people;

/**
 * How similar a face must be to a named person to be suggested, and what a similarity means in words a
 * person understands. Cosines are between flip-averaged MobileFaceNet embeddings (192 floats); a candidate's
 * similarity to a person is the mean of its 3 best cosines to the person's confirmed faces.
 *
 * <p>Measured with {@code kindred.people.calibration.MeasureCalibration} on LFW pairsDevTrain (1,100 same and
 * 1,100 different pairs; see docs/decisions/0004-suggestions.md).
 */
public final class SuggestionCalibration {

    private SuggestionCalibration() {
    }

    /** Cosine at or above which a face is suggested for a person. */
    public static final double SUGGEST_MIN_COSINE = 0.45;

    /** Faces whose cosine to a person's mean face is below this are not compared face by face (speed only). */
    public static final double CENTROID_PREFILTER_COSINE = 0.25;

    /** Cosine → fraction of different-person LFW pairs at or above it (false-match rate), measured. */
    static final double[][] FALSE_MATCH_RATE = {
        {0.20, 0.10}, {0.25, 0.05}, {0.30, 0.02}, {0.35, 0.01}, {0.40, 0.005}, {0.45, 0.002}, {0.50, 0.001},
        {0.55, 0.0005}, {0.60, 0.0002}, {0.70, 0.0001},
    };

    /**
     * Confidence 0..1 that a face with this similarity is the person: one minus the false-match rate
     * of a stranger at that similarity, interpolated in the measured table.
     */
    public static double confidence(double cosine) {
        return 1 - falseMatchRate(cosine);
    }

    /** The measured chance that a different person reaches this cosine. */
    public static double falseMatchRate(double cosine) {
        double[][] t = FALSE_MATCH_RATE;
        if (cosine <= t[0][0]) {
            return Math.min(1, t[0][1] * (1 + (t[0][0] - cosine) * 10));
        }
        for (int i = 1; i < t.length; i++) {
            if (cosine <= t[i][0]) {
                double f = (cosine - t[i - 1][0]) / (t[i][0] - t[i - 1][0]);
                return t[i - 1][1] + f * (t[i][1] - t[i - 1][1]);
            }
        }
        return t[t.length - 1][1];
    }
}
