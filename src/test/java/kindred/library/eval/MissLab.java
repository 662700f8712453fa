package kindred.library.eval;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.vision.VisionLab;

/**
 * Measurement bench (not a test): why each counted face of wider-family-dev is missed at a threshold. Classes:
 * "low score" (a detection with IoU ≥ 0.5 exists below the threshold), "box" (a detection at or above it overlaps by
 * IoU 0.3–0.5: found, but its box disagrees with the annotation), "none" (nothing). Run like VisionLab with
 * {@code -Dt=0.67 -Dhalf=choose kindred.library.eval.MissLab PACK}.
 */
public final class MissLab {

    private MissLab() {
    }

    public static void main(String[] args) throws Exception {
        String pack = args[0];
        Path shared = Path.of(System.getProperty("kindred.shared", "../shared"));
        double t = Double.parseDouble(System.getProperty("t", "0.67"));
        EvalHalf half = EvalHalf.valueOf(System.getProperty("half", "choose").toUpperCase(Locale.ROOT));
        Path dir = shared.resolve("eval/wider-family-dev");
        List<WiderGroundTruth.Image> images;
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("ground-truth.txt"))) {
            images = WiderGroundTruth.parse(r).stream().filter(i -> half.contains(i.fileName())).toList();
        }
        TreeMap<String, Integer> counts = new TreeMap<>();
        boolean list = Boolean.getBoolean("list");
        try (FaceAnalyzer a = VisionLab.analyzer(pack, shared)) {
            for (WiderGroundTruth.Image img : images) {
                List<DetectedFace> dets = new ArrayList<>(a.analyze(Files.readAllBytes(dir.resolve("images").resolve(img.path())), 1, false).faces());
                // Which counted faces does the evaluator's greedy matching find at t?
                List<DetectedFace> above = dets.stream().filter(d -> d.score() >= t).toList();
                boolean[] found = new boolean[img.faces().size()];
                for (DetectedFace d : above.stream().sorted((x, y) -> Double.compare(y.score(), x.score())).toList()) {
                    int best = -1;
                    double bi = DetectionEvaluator.MATCH_IOU;
                    for (int g = 0; g < img.faces().size(); g++) {
                        WiderGroundTruth.Face f = img.faces().get(g);
                        double iou = f.box().iou(d.box());
                        if (f.counted() && !found[g] && iou >= bi) {
                            best = g;
                            bi = iou;
                        }
                    }
                    if (best >= 0) {
                        found[best] = true;
                    }
                }
                if (Boolean.getBoolean("fp")) {
                    // False detections at t: no counted face taken, no ignored face overlapped (the evaluator's rule).
                    for (DetectedFace d : above) {
                        boolean onFace = img.faces().stream().anyMatch(f -> f.box().iou(d.box()) >= DetectionEvaluator.MATCH_IOU);
                        if (!onFace) {
                            double near = img.faces().stream().mapToDouble(f -> f.box().iou(d.box())).max().orElse(0);
                            System.out.printf(Locale.ROOT, "FP %s [%.0f %.0f %.0f %.0f] s=%.2f best-iou=%.2f%n", img.path(), d.box().x(),
                                    d.box().y(), d.box().w(), d.box().h(), d.score(), near);
                        }
                    }
                }
                for (int g = 0; g < img.faces().size(); g++) {
                    WiderGroundTruth.Face f = img.faces().get(g);
                    if (!f.counted() || found[g]) {
                        continue;
                    }
                    double bestLow = 0;
                    double bestAbove = 0;
                    for (DetectedFace d : dets) {
                        double iou = f.box().iou(d.box());
                        if (d.score() >= t) {
                            bestAbove = Math.max(bestAbove, iou);
                        } else if (iou >= 0.5) {
                            bestLow = Math.max(bestLow, d.score());
                        }
                    }
                    String why = bestAbove >= 0.3 ? "box" : bestLow > 0 ? "low score" : "none";
                    String size = DetectionEvaluatorSizes.name(f.box().h());
                    String label = (f.occlusion() > 0 ? "occluded" : "") + (f.pose() > 0 ? "turned" : "");
                    counts.merge(why, 1, Integer::sum);
                    counts.merge(why + " / " + size, 1, Integer::sum);
                    counts.merge("label " + (label.isEmpty() ? "plain" : label) + " / " + why, 1, Integer::sum);
                    counts.merge("event " + img.event() + " / " + size, 1, Integer::sum);
                    if (list) {
                        System.out.printf(Locale.ROOT, "%s [%.0f %.0f %.0f %.0f] %s %s blur=%d best-iou-above=%.2f low-score=%.2f%n", img.path(),
                                f.box().x(), f.box().y(), f.box().w(), f.box().h(), why, label, f.blur(), bestAbove, bestLow);
                    }
                }
            }
        }
        counts.forEach((k, v) -> System.out.printf("%-40s %d%n", k, v));
    }

    /** Size band names as the evaluator uses them. */
    static final class DetectionEvaluatorSizes {
        static String name(double h) {
            return new String[] {"32-64", "64-128", "128+"}[DetectionEvaluator.sizeBand(h)];
        }
    }
}
