package kindred.clustering;

import java.util.Collection;

/**
 * How much a face looks like a named person, and how sure that is, in words a person understands.
 *
 * <p>The score of a candidate face against a person's confirmed faces is the mean of its
 * {@link #TOP_MATCHES} highest cosines to them (all of them when the person has fewer): robust to one
 * odd confirmed face, yet it does not need the candidate to look like every photo of a person who aged.
 * {@link #falseMatchRate} turns a score into the share of <em>other people's</em> faces that score at
 * least as high against a person, measured on LFW (see {@link #CALIBRATION}); the UI shows it as
 * "1 in N chance that this is someone else" with {@link #oneIn}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PersonMatcher {

    /** How many of the best cosines to confirmed faces are averaged into the score (count). */
    public static final int TOP_MATCHES = 3;

    /**
     * Score at or above which a face is suggested for a person (mean of the top cosines). Measured on LFW
     * (MatcherCalibration): at 0.50 at most 1.7 in 1,000 faces of other people reach it (worst half, worst
     * gallery size) while 98–99.6 % of the person's own faces do.
     */
    public static final double SUGGEST_SCORE = 0.50;

    /**
     * Measured false-match rate: {score, share of other people's faces scoring at least that against a
     * person}. From LFW development people (library-identities.txt, 5,757 faces embedded, MobileFaceNet
     * flip-averaged): each of the 111 people with ≥ 10 photos got galleries of their first 1, 3 and 5 faces;
     * every face of every other person (≈ 320,000 per half) was scored against them; each row is the worst
     * (highest) rate over gallery sizes and the two halves of the people (MatcherCalibration). Rows above
     * 0.60 rest on a handful of impostor faces. Linear interpolation between rows; below the first row the rate is the
     * first row's, above the last it is at most the last. See docs/decisions/0003-clustering.md.
     */
    public static final double[][] CALIBRATION = {
            {0.20, 1.5e-1},
            {0.30, 3.6e-2},
            {0.40, 6.0e-3},
            {0.45, 2.9e-3},
            {0.50, 1.7e-3},
            {0.55, 7.9e-4},
            {0.60, 1.9e-4},
            {0.65, 1.0e-5},
            {0.70, 5.0e-6},
    };

    private PersonMatcher() {
    }

    /**
     * The score of {@code candidate} for a person with the given confirmed faces (unit vectors).
     *
     * @return mean of the best {@link #TOP_MATCHES} cosines, or −1 when the person has no confirmed face
     */
    public static double score(Collection<float[]> confirmed, float[] candidate) {
        if (confirmed.isEmpty()) {
            return -1;
        }
        // The best TOP_MATCHES cosines, best first, kept by insertion: a person has thousands of confirmed faces,
        // and sorting all their cosines for every candidate took a sixth of a suggestion refresh (profiled).
        double[] best = new double[TOP_MATCHES];
        int kept = 0;
        for (float[] c : confirmed) {
            double cos = NeighbourSearch.dot(c, candidate);
            if (kept < best.length) {
                kept++;
            } else if (cos <= best[best.length - 1]) {
                continue;
            }
            int k = kept - 1;
            while (k > 0 && best[k - 1] < cos) {
                best[k] = best[k - 1];
                k--;
            }
            best[k] = cos;
        }
        double sum = 0;
        for (int k = 0; k < kept; k++) {
            sum += best[k];
        }
        return sum / kept;
    }

    /** Whether a score is high enough to suggest the face for the person. */
    public static boolean suggest(double score) {
        return score >= SUGGEST_SCORE;
    }

    /** Share of other people's faces that score at least {@code score} against a person (0..1). */
    public static double falseMatchRate(double score) {
        double[][] t = CALIBRATION;
        if (score <= t[0][0]) {
            return t[0][1];
        }
        for (int i = 1; i < t.length; i++) {
            if (score <= t[i][0]) {
                double f = (score - t[i - 1][0]) / (t[i][0] - t[i - 1][0]);
                // interpolate the logarithm: rates fall roughly exponentially with the score
                return Math.exp(Math.log(t[i - 1][1]) + f * (Math.log(t[i][1]) - Math.log(t[i - 1][1])));
            }
        }
        return t[t.length - 1][1];
    }

    /** "1 in N chance that this is someone else": N, rounded to a number people read easily. */
    public static long oneIn(double score) {
        double n = 1 / falseMatchRate(score);
        double magnitude = Math.pow(10, Math.floor(Math.log10(n)));
        return Math.max(1, Math.round(Math.floor(n / magnitude) * magnitude));
    }
}
