package kindred.library.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.PhotoReadException;

/**
 * Scores a detector on photos annotated in the WIDER FACE format. Faces at least 32 px tall and not marked
 * invalid count; each detection, best score first, takes the unmatched counted face it overlaps most if
 * IoU ≥ 0.5 (a true positive); otherwise one that overlaps an ignored face (small or invalid) by IoU ≥ 0.5 is
 * neither right nor wrong; any other detection is a false positive. Because matching is greedy by score, one
 * pass gives the figures at every threshold. Photos that cannot be read count with all their faces missed.
 */
public final class DetectionEvaluator {

    /** IoU a detection needs with a face to find it (the WIDER protocol). */
    public static final double MATCH_IOU = 0.5;

    private final FaceAnalyzer analyzer;

    /** @param analyzer runs the detector at (or below) the threshold to report; only detection is used */
    public DetectionEvaluator(FaceAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * @param threshold score at which the headline figures are given (detections below it are ignored)
     * @param sweep     further thresholds to report, may be empty
     */
    public DetectionResult evaluate(Path imagesDir, Path groundTruth, double threshold, double... sweep) throws IOException {
        List<WiderGroundTruth.Image> images;
        try (var r = Files.newBufferedReader(groundTruth, StandardCharsets.UTF_8)) {
            images = WiderGroundTruth.parse(r);
        }
        List<List<DetectedFace>> detections = new ArrayList<>(images.size());
        for (WiderGroundTruth.Image img : images) {
            Path file = imagesDir.resolve(img.path());
            try {
                detections.add(analyzer.analyze(Files.readAllBytes(file), 1, false).faces());
            } catch (PhotoReadException | IOException e) {
                detections.add(List.of());
            }
        }
        return score(images, detections, threshold, sweep);
    }

    /** Scores given detections (index-aligned with {@code images}). */
    static DetectionResult score(List<WiderGroundTruth.Image> images, List<List<DetectedFace>> detections,
                                 double threshold, double... sweep) {
        List<double[]> outcomes = new ArrayList<>(); // {score, 1 = TP | 0 = FP}
        long faces = 0;
        for (int i = 0; i < images.size(); i++) {
            WiderGroundTruth.Image img = images.get(i);
            faces += img.counted();
            List<WiderGroundTruth.Face> gt = img.faces();
            boolean[] taken = new boolean[gt.size()];
            List<DetectedFace> dets = new ArrayList<>(detections.get(i));
            dets.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
            for (DetectedFace d : dets) {
                int best = -1;
                double bestIou = MATCH_IOU;
                boolean ignored = false;
                for (int g = 0; g < gt.size(); g++) {
                    double iou = gt.get(g).box().iou(d.box());
                    if (!gt.get(g).counted()) {
                        ignored |= iou >= MATCH_IOU;
                    } else if (!taken[g] && iou >= bestIou) {
                        best = g;
                        bestIou = iou;
                    }
                }
                if (best >= 0) {
                    taken[best] = true;
                    outcomes.add(new double[] {d.score(), 1});
                } else if (!ignored) {
                    outcomes.add(new double[] {d.score(), 0});
                }
            }
        }
        DetectionResult.Point head = at(outcomes, threshold, faces, images.size());
        List<DetectionResult.Point> points = new ArrayList<>();
        for (double t : sweep) {
            points.add(at(outcomes, t, faces, images.size()));
        }
        return new DetectionResult(images.size(), faces, head.recall(), head.precision(), head.falsePositivesPerImage(),
                threshold, List.copyOf(points));
    }

    private static DetectionResult.Point at(List<double[]> outcomes, double threshold, long faces, int images) {
        long tp = 0;
        long fp = 0;
        for (double[] o : outcomes) {
            if (o[0] >= threshold) {
                if (o[1] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        double recall = faces == 0 ? 0 : (double) tp / faces;
        double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        return new DetectionResult.Point(threshold, recall, precision, images == 0 ? 0 : (double) fp / images);
    }
}
