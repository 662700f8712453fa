package kindred.library.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An operating threshold chosen on a development half (issue 20): the lowest score at which the {@link #QUANTILE} quantile of the false detections per photo, over {@link #RESAMPLES} resamplings of the
 * half's photos (with replacement, the bootstrap), is within the budget. False detections come in clusters (a poster
 * of faces, a shelf of DVD covers, a crowd of faces too small to be counted), so the number seen on some two hundred
 * photos says little about the next two hundred: a flat margin (the budget less 10 %) chose 0.69 for YuNet on the
 * choose half, where the held-out half then made 0.185 false faces per photo against 0.083.
 * The thresholds tried are the detector's floor and, for each false detection, the score just above it (a threshold
 * between two false detections' scores changes nothing but the faces found, so the lowest one is taken); the choice is
 * then rounded up to {@link #STEP}. The resampling is seeded: the same photos always give the same choice
 * (docs/decisions/0012-detection.md).
 *
 * @param threshold        the chosen threshold (above every false detection at worst)
 * @param recall           recall on the half at it
 * @param falsePerPhoto    false detections per photo on the half at it
 * @param falsePerPhotoQ95 the {@link #QUANTILE} quantile of false detections per photo over the resamplings at it
 * @param budget           false detections per photo allowed
 */
public record ThresholdChoice(double threshold, double recall, double falsePerPhoto, double falsePerPhotoQ95, double budget) {

    /** The chosen threshold is rounded up to a multiple of this, so that it can be written down as a constant. */
    public static final double STEP = 0.001;

    /** The quantile of the resampled false detections per photo that must be within the budget: 95 %, one-sided. */
    public static final double QUANTILE = 0.95;

    /** Resamplings of the photos: 2,000 gave the same choice for five seeds on both packs. */
    public static final int RESAMPLES = 2_000;

    /** The seed of the resampling, fixed so that a choice can be repeated. */
    static final long SEED = 20;

    /**
     * @param falseScores for each photo, the scores of its false detections
     * @param foundAt     for each counted face, the score of the detection that found it (NaN if none)
     * @param floor       the lowest score the detector was run at (the lowest threshold tried)
     */
    static ThresholdChoice choose(double[][] falseScores, double[] foundAt, double floor, double budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("a budget of false detections cannot be negative: " + budget);
        }
        int photos = falseScores.length;
        SplittableRandom random = new SplittableRandom(SEED);
        int[][] samples = new int[RESAMPLES][photos];
        for (int[] s : samples) {
            for (int i = 0; i < photos; i++) {
                s[i] = random.nextInt(photos);
            }
        }
        double[] candidates = java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(floor),
                Arrays.stream(falseScores).flatMapToDouble(Arrays::stream).filter(f -> f >= floor).map(Math::nextUp))
                .sorted().distinct().toArray();
        int[] counts = new int[photos];
        double[] rates = new double[RESAMPLES];
        for (double candidate : candidates) {
            // Rounded up to the step and written as the product would (0.6608 → 0.661): what is counted is what it keeps.
            double t = Math.round(Math.ceil(candidate / STEP) * STEP * 1000) / 1000.0;
            long total = 0;
            for (int i = 0; i < photos; i++) {
                int c = 0;
                for (double f : falseScores[i]) {
                    c += f >= t ? 1 : 0;
                }
                counts[i] = c;
                total += c;
            }
            for (int b = 0; b < RESAMPLES; b++) {
                long sum = 0;
                for (int i : samples[b]) {
                    sum += counts[i];
                }
                rates[b] = (double) sum / photos;
            }
            Arrays.sort(rates);
            double q = rates[(int) Math.ceil(QUANTILE * RESAMPLES) - 1];
            if (q <= budget) {
                long found = Arrays.stream(foundAt).filter(f -> f >= t).count();
                return new ThresholdChoice(t, foundAt.length == 0 ? 0 : (double) found / foundAt.length,
                        photos == 0 ? 0 : (double) total / photos, q, budget);
            }
        }
        throw new AssertionError("above every false detection none is left, and 0 is within any budget");
    }
}
