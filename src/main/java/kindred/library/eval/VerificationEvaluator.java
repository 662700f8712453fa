package kindred.library.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.PhotoAnalysis;
import kindred.model.PhotoReadException;

/**
 * Scores face verification on the LFW protocol. In each photo the face nearest the centre is embedded (the
 * larger one on a tie); two faces are the same person when their cosine similarity is at least the threshold.
 * With folds, the threshold is chosen on nine folds and tested on the tenth, ten times; without, the product's
 * own {@link #SAME_PERSON_COSINE} is used. A photo in which no face is found cannot be judged: its pairs count
 * as wrong in the accuracy and as rejected (similarity −1) in the TAR.
 */
public final class VerificationEvaluator {

    /**
     * Cosine similarity at or above which two mobilefacenet-v1 faces are the same person: the most accurate
     * threshold on LFW pairsDevTrain (docs/decisions/0002-vision-pipeline.md).
     */
    public static final double SAME_PERSON_COSINE = 0.38;

    /** The false accept rate for {@code tar_at_far_0_001}. */
    public static final double FAR = 0.001;

    private static final double NO_FACE = -1;

    private final FaceAnalyzer analyzer;
    private final double fixedThreshold;

    public VerificationEvaluator(FaceAnalyzer analyzer) {
        this(analyzer, SAME_PERSON_COSINE);
    }

    public VerificationEvaluator(FaceAnalyzer analyzer, double fixedThreshold) {
        this.analyzer = analyzer;
        this.fixedThreshold = fixedThreshold;
    }

    public VerificationResult evaluate(Path imagesDir, Path pairsFile) throws IOException {
        return evaluate(scorePairs(imagesDir, pairsFile));
    }

    /**
     * The pairs of an LFW pairs file and what they scored with this evaluator's analyzer.
     *
     * @param pairs          in the file's order
     * @param folds          1 when the file has no folds
     * @param facesNotFound  photos in which no face was found
     */
    public record ScoredPairs(List<PairScore> pairs, int folds, int facesNotFound) {
    }

    /** Embeds the central face of every image of the pairs file (each image once) and scores each pair. */
    public ScoredPairs scorePairs(Path imagesDir, Path pairsFile) throws IOException {
        LfwPairs pairs;
        try (var r = Files.newBufferedReader(pairsFile, StandardCharsets.UTF_8)) {
            pairs = LfwPairs.parse(r);
        }
        Map<String, Embedding> cache = new HashMap<>();
        int[] missing = {0};
        List<PairScore> out = new ArrayList<>();
        for (LfwPairs.Pair p : pairs.pairs()) {
            Embedding a = cache.computeIfAbsent(p.image1(), k -> embed(imagesDir.resolve(k), missing));
            Embedding b = cache.computeIfAbsent(p.image2(), k -> embed(imagesDir.resolve(k), missing));
            boolean judged = a != null && b != null;
            out.add(new PairScore(p.image1(), p.image2(), p.same(), judged, judged ? a.cosine(b) : NO_FACE));
        }
        return new ScoredPairs(List.copyOf(out), pairs.folds(), missing[0]);
    }

    /** Scores pairs already scored by {@link #scorePairs}: 10-fold with folds, else at this evaluator's threshold. */
    public VerificationResult evaluate(ScoredPairs scored) {
        int n = scored.pairs().size();
        double[] sim = new double[n];
        boolean[] same = new boolean[n];
        boolean[] judged = new boolean[n];
        for (int i = 0; i < n; i++) {
            PairScore p = scored.pairs().get(i);
            sim[i] = p.score();
            same[i] = p.same();
            judged[i] = p.judged();
        }
        return score(sim, same, judged, scored.folds(), fixedThreshold, scored.facesNotFound());
    }

    private Embedding embed(Path file, int[] missing) {
        try {
            PhotoAnalysis a = analyzer.analyze(Files.readAllBytes(file), 1, true);
            DetectedFace f = central(a);
            if (f == null || f.embedding() == null) {
                missing[0]++;
                return null;
            }
            return f.embedding();
        } catch (IOException | PhotoReadException e) {
            missing[0]++;
            return null;
        }
    }

    /** The face whose centre is nearest the photo's centre; the larger one on a tie. */
    static DetectedFace central(PhotoAnalysis a) {
        DetectedFace best = null;
        double bestD = Double.MAX_VALUE;
        for (DetectedFace f : a.faces()) {
            double d = Math.hypot(f.box().centerX() - a.width() / 2.0, f.box().centerY() - a.height() / 2.0);
            if (d < bestD - 1e-9 || (Math.abs(d - bestD) <= 1e-9 && best != null && f.box().area() > best.box().area())) {
                best = f;
                bestD = d;
            }
        }
        return best;
    }

    static VerificationResult score(double[] sim, boolean[] same, boolean[] judged, int folds, double fixedThreshold,
                                    int facesNotFound) {
        int n = sim.length;
        double accuracy;
        double threshold;
        if (folds > 1) {
            int foldSize = n / folds;
            double accSum = 0;
            double thrSum = 0;
            for (int k = 0; k < folds; k++) {
                int from = k * foldSize;
                int to = k == folds - 1 ? n : from + foldSize;
                boolean[] train = new boolean[n];
                boolean[] test = new boolean[n];
                for (int i = 0; i < n; i++) {
                    (i >= from && i < to ? test : train)[i] = true;
                }
                double t = bestThreshold(sim, same, judged, train);
                thrSum += t;
                accSum += accuracy(sim, same, judged, test, t);
            }
            accuracy = accSum / folds;
            threshold = thrSum / folds;
        } else {
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            threshold = fixedThreshold;
            accuracy = accuracy(sim, same, judged, all, threshold);
        }
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        double oracle = bestThreshold(sim, same, judged, all);
        return new VerificationResult(n, accuracy, threshold, tarAtFar(sim, same, FAR), facesNotFound, oracle,
                accuracy(sim, same, judged, all, oracle));
    }

    /** The threshold that judges the selected pairs best (midpoint between neighbouring similarities). */
    static double bestThreshold(double[] sim, boolean[] same, boolean[] judged, boolean[] selected) {
        double[] candidates = Arrays.stream(sim).sorted().distinct().toArray();
        double best = 0;
        double bestAcc = -1;
        for (int i = 0; i < candidates.length; i++) {
            double t = i == 0 ? candidates[0] - 1e-6 : (candidates[i - 1] + candidates[i]) / 2;
            double acc = accuracy(sim, same, judged, selected, t);
            if (acc > bestAcc) {
                bestAcc = acc;
                best = t;
            }
        }
        return best;
    }

    static double accuracy(double[] sim, boolean[] same, boolean[] judged, boolean[] selected, double t) {
        int right = 0;
        int total = 0;
        for (int i = 0; i < sim.length; i++) {
            if (!selected[i]) {
                continue;
            }
            total++;
            if (judged[i] && (sim[i] >= t) == same[i]) {
                right++;
            }
        }
        return total == 0 ? 0 : (double) right / total;
    }

    /**
     * Share of same pairs with similarity above the {@code far}-quantile of different pairs: at most
     * ⌊far · different⌋ different pairs score strictly above the threshold.
     */
    static double tarAtFar(double[] sim, boolean[] same, double far) {
        double[] diff = java.util.stream.IntStream.range(0, sim.length).filter(i -> !same[i]).mapToDouble(i -> sim[i])
                .sorted().toArray();
        long sameCount = java.util.stream.IntStream.range(0, sim.length).filter(i -> same[i]).count();
        if (diff.length == 0 || sameCount == 0) {
            return 0;
        }
        int allowed = (int) Math.floor(far * diff.length);
        double t = diff[diff.length - 1 - allowed];
        long accepted = java.util.stream.IntStream.range(0, sim.length).filter(i -> same[i] && sim[i] > t).count();
        return (double) accepted / sameCount;
    }
}
