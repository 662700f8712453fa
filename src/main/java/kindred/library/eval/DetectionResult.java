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
 * @param breakdowns           the figures at {@code threshold} per event, per face height and per WIDER label
 *                             (occlusion, pose, blur), so that a change shows where it acts
 */
public record DetectionResult(int images, long faces, double recall, double precision, double falsePositivesPerImage,
                              double threshold, List<Point> sweep, List<Breakdown> breakdowns) {

    public DetectionResult {
        sweep = List.copyOf(sweep);
        breakdowns = List.copyOf(breakdowns);
    }

    /** Recall, precision and false positives per photo at one score threshold. */
    public record Point(double threshold, double recall, double precision, double falsePositivesPerImage) {
    }

    /**
     * The figures split one way.
     *
     * @param by     {@code event}, {@code size}, {@code occlusion}, {@code pose} or {@code blur}
     * @param slices one per value, in a fixed order
     */
    public record Breakdown(String by, List<Slice> slices) {

        public Breakdown {
            slices = List.copyOf(slices);
        }
    }

    /**
     * One part of a breakdown.
     *
     * @param name           the value (an event's folder, a height band like {@code 32-64}, a label like {@code heavy})
     * @param images         photos of the event; for the other breakdowns every photo evaluated
     * @param faces          counted faces in this part
     * @param found          of them, found at the threshold
     * @param falsePositives false detections in this part (by photo for events, by the detection's height for
     *                       sizes), or {@code null} where a false detection has no such property (WIDER labels)
     */
    public record Slice(String name, int images, long faces, long found, Long falsePositives) {

        /** found / faces; {@code null} without faces. */
        public Double recall() {
            return faces == 0 ? null : (double) found / faces;
        }

        /** False detections per photo, {@code null} when not defined. */
        public Double falsePositivesPerImage() {
            return falsePositives == null || images == 0 ? null : (double) falsePositives / images;
        }
    }

    /** The breakdown by {@code by}, or {@code null}. */
    public Breakdown breakdown(String by) {
        return breakdowns.stream().filter(b -> b.by().equals(by)).findFirst().orElse(null);
    }
}
