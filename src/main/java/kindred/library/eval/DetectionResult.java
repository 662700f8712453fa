package kindred.library.eval;

import java.util.List;

/**
 * What {@code kindred eval detect} reports.
 *
 * @param images               photos evaluated
 * @param faces                counted faces (≥ 32 px tall, not invalid)
 * @param recall               matched counted faces / counted faces, at {@code threshold}
 * @param precision            true detections / (true + false detections), at {@code threshold}
 * @param falsePositivesPerImage false detections / photos, at {@code threshold}
 * @param threshold            the detector score the figures are for (the product's operating threshold)
 * @param sweep                the same figures at other thresholds (empty unless asked for)
 */
public record DetectionResult(int images, long faces, double recall, double precision, double falsePositivesPerImage,
                              double threshold, List<Point> sweep) {

    /** Recall, precision and false positives per photo at one score threshold. */
    public record Point(double threshold, double recall, double precision, double falsePositivesPerImage) {
    }
}
