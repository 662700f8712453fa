package kindred.library.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.PhotoReadException;

/**
 * Scores a detector on photos annotated in the WIDER FACE format. Faces at least 32 px tall and not marked
 * invalid count; each detection, best score first, takes the unmatched counted face it overlaps most if
 * IoU ≥ 0.5 (a true positive); otherwise one that overlaps an ignored face (small or invalid) by IoU ≥ 0.5 is
 * neither right nor wrong; any other detection is a false positive. Because matching is greedy by score, one
 * pass gives the figures at every threshold. Photos that cannot be read count with all their faces missed.
 * Besides the totals, the figures are broken down by event (the photo's first folder), by face height
 * ({@link #SIZE_BANDS_PX}) and by WIDER's occlusion, pose and blur labels.
 */
public final class DetectionEvaluator {

    /** IoU a detection needs with a face to find it (the WIDER protocol). */
    public static final double MATCH_IOU = 0.5;

    /**
     * Lower edges, in pixels of face height in the annotated photo, of the size bands: 32–64, 64–128 and
     * 128 and taller (issue 20). The first is {@link WiderGroundTruth#MIN_COUNTED_FACE_PX}; a false detection
     * shorter than it counts in the first band.
     */
    static final double[] SIZE_BANDS_PX = {32, 64, 128};

    private static final String[] SIZE_NAMES = {"32-64", "64-128", "128+"};
    private static final String[] OCCLUSION_NAMES = {"none", "partial", "heavy"};
    private static final String[] POSE_NAMES = {"typical", "atypical"};
    private static final String[] BLUR_NAMES = {"clear", "normal", "heavy"};

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
        return evaluate(imagesDir, groundTruth, EvalHalf.ALL, threshold, sweep);
    }

    /** Same, on the photos of one half only ({@link EvalHalf}). */
    public DetectionResult evaluate(Path imagesDir, Path groundTruth, EvalHalf half, double threshold, double... sweep)
            throws IOException {
        return detect(imagesDir, groundTruth, half).score(threshold, sweep);
    }

    /** Runs the detector once on the photos of {@code half}; the result can then be scored at any threshold. */
    public Detections detect(Path imagesDir, Path groundTruth, EvalHalf half) throws IOException {
        List<WiderGroundTruth.Image> images;
        try (var r = Files.newBufferedReader(groundTruth, StandardCharsets.UTF_8)) {
            images = WiderGroundTruth.parse(r).stream().filter(i -> half.contains(i.fileName())).toList();
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
        return new Detections(images, detections);
    }

    /** The detector's output on annotated photos, ready to be scored at any threshold. */
    public static final class Detections {
        private final List<WiderGroundTruth.Image> images;
        private final List<List<DetectedFace>> detections;

        private Detections(List<WiderGroundTruth.Image> images, List<List<DetectedFace>> detections) {
            this.images = images;
            this.detections = detections;
        }

        /** The figures at {@code threshold}, and at each of {@code sweep}. */
        public DetectionResult score(double threshold, double... sweep) {
            return DetectionEvaluator.score(images, detections, threshold, sweep);
        }

        /**
         * The operating threshold these photos give for a budget of false detections per photo ({@link ThresholdChoice});
         * {@code floor} is the lowest score the detector was run at.
         */
        public ThresholdChoice choose(double budget, double floor) {
            List<FaceOutcome> found = new ArrayList<>();
            List<FalseOutcome> wrong = new ArrayList<>();
            match(images, detections, found, wrong);
            Map<Integer, double[]> byImage = wrong.stream().collect(java.util.stream.Collectors.groupingBy(FalseOutcome::image,
                    java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                            l -> l.stream().mapToDouble(FalseOutcome::score).toArray())));
            double[][] falseScores = new double[images.size()][];
            for (int i = 0; i < images.size(); i++) {
                falseScores[i] = byImage.getOrDefault(i, new double[0]);
            }
            return ThresholdChoice.choose(falseScores, found.stream().mapToDouble(FaceOutcome::foundAt).toArray(), floor, budget);
        }
    }

    /** A counted face: the score of the detection that found it (NaN if none), and its photo. */
    private record FaceOutcome(WiderGroundTruth.Face face, int image, double foundAt) {
    }

    /** A false detection: its score, photo and height. */
    private record FalseOutcome(double score, int image, double height) {
    }

    /** Scores given detections (index-aligned with {@code images}). */
    static DetectionResult score(List<WiderGroundTruth.Image> images, List<List<DetectedFace>> detections,
                                 double threshold, double... sweep) {
        List<FaceOutcome> found = new ArrayList<>();
        List<FalseOutcome> wrong = new ArrayList<>();
        match(images, detections, found, wrong);
        DetectionResult.Point head = at(found, wrong, threshold, images.size());
        List<DetectionResult.Point> points = new ArrayList<>();
        for (double t : sweep) {
            points.add(at(found, wrong, t, images.size()));
        }
        return new DetectionResult(images.size(), found.size(), head.recall(), head.precision(), head.falsePositivesPerImage(),
                threshold, points, breakdowns(images, found, wrong, threshold));
    }

    /** Matches every detection, best score first, as the class comment says: into {@code found} and {@code wrong}. */
    private static void match(List<WiderGroundTruth.Image> images, List<List<DetectedFace>> detections,
                              List<FaceOutcome> found, List<FalseOutcome> wrong) {
        for (int i = 0; i < images.size(); i++) {
            List<WiderGroundTruth.Face> gt = images.get(i).faces();
            double[] takenAt = new double[gt.size()];
            java.util.Arrays.fill(takenAt, Double.NaN);
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
                    } else if (Double.isNaN(takenAt[g]) && iou >= bestIou) {
                        best = g;
                        bestIou = iou;
                    }
                }
                if (best >= 0) {
                    takenAt[best] = d.score();
                } else if (!ignored) {
                    wrong.add(new FalseOutcome(d.score(), i, d.box().h()));
                }
            }
            for (int g = 0; g < gt.size(); g++) {
                if (gt.get(g).counted()) {
                    found.add(new FaceOutcome(gt.get(g), i, takenAt[g]));
                }
            }
        }
    }

    private static DetectionResult.Point at(List<FaceOutcome> faces, List<FalseOutcome> wrong, double threshold, int images) {
        long tp = faces.stream().filter(f -> f.foundAt() >= threshold).count();
        long fp = wrong.stream().filter(f -> f.score() >= threshold).count();
        double recall = faces.isEmpty() ? 0 : (double) tp / faces.size();
        double precision = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
        return new DetectionResult.Point(threshold, recall, precision, images == 0 ? 0 : (double) fp / images);
    }

    private static List<DetectionResult.Breakdown> breakdowns(List<WiderGroundTruth.Image> images, List<FaceOutcome> faces,
                                                              List<FalseOutcome> wrong, double threshold) {
        List<DetectionResult.Breakdown> out = new ArrayList<>();
        // By event: photos, faces and false detections of each event's photos, events in order of appearance.
        Map<String, long[]> events = new LinkedHashMap<>(); // {photos, faces, found, false}
        for (WiderGroundTruth.Image img : images) {
            events.computeIfAbsent(img.event(), e -> new long[4])[0]++;
        }
        for (FaceOutcome f : faces) {
            long[] e = events.get(images.get(f.image()).event());
            e[1]++;
            e[2] += f.foundAt() >= threshold ? 1 : 0;
        }
        for (FalseOutcome w : wrong) {
            events.get(images.get(w.image()).event())[3] += w.score() >= threshold ? 1 : 0;
        }
        List<DetectionResult.Slice> ev = new ArrayList<>();
        events.forEach((name, e) -> ev.add(new DetectionResult.Slice(name.isEmpty() ? "(no folder)" : name, (int) e[0], e[1], e[2], e[3])));
        out.add(new DetectionResult.Breakdown("event", ev));

        // By face height; a false detection counts in the band of its own height.
        long[] sizeFalse = new long[SIZE_NAMES.length];
        for (FalseOutcome w : wrong) {
            if (w.score() >= threshold) {
                sizeFalse[sizeBand(w.height())]++;
            }
        }
        out.add(labelled("size", SIZE_NAMES, images.size(), faces, threshold, f -> sizeBand(f.box().h()), sizeFalse));
        out.add(labelled("occlusion", OCCLUSION_NAMES, images.size(), faces, threshold, WiderGroundTruth.Face::occlusion, null));
        out.add(labelled("pose", POSE_NAMES, images.size(), faces, threshold, WiderGroundTruth.Face::pose, null));
        out.add(labelled("blur", BLUR_NAMES, images.size(), faces, threshold, WiderGroundTruth.Face::blur, null));
        return out;
    }

    /** Index of the size band of a face {@code h} pixels tall (below the first edge: the first band). */
    static int sizeBand(double h) {
        int band = 0;
        for (int b = 1; b < SIZE_BANDS_PX.length; b++) {
            if (h >= SIZE_BANDS_PX[b]) {
                band = b;
            }
        }
        return band;
    }

    /** Slices by a small label; values outside {@code names} (unlabelled) get a slice of their own if any. */
    private static DetectionResult.Breakdown labelled(String by, String[] names, int images, List<FaceOutcome> faces,
                                                      double threshold, ToIntFunction<WiderGroundTruth.Face> label,
                                                      long[] falseByLabel) {
        long[] total = new long[names.length + 1];
        long[] hit = new long[names.length + 1];
        for (FaceOutcome f : faces) {
            int v = label.applyAsInt(f.face());
            int k = v >= 0 && v < names.length ? v : names.length;
            total[k]++;
            hit[k] += f.foundAt() >= threshold ? 1 : 0;
        }
        List<DetectionResult.Slice> slices = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            slices.add(new DetectionResult.Slice(names[k], images, total[k], hit[k], falseByLabel == null ? null : falseByLabel[k]));
        }
        if (total[names.length] > 0) {
            slices.add(new DetectionResult.Slice("unlabelled", images, total[names.length], hit[names.length], null));
        }
        return new DetectionResult.Breakdown(by, slices);
    }
}
