package kindred.vision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import kindred.library.FaceAnalyzer;
import kindred.library.eval.DetectionEvaluator;
import kindred.library.eval.DetectionResult;
import kindred.library.eval.VerificationEvaluator;
import kindred.library.eval.VerificationResult;
import kindred.model.PhotoAnalysis;

/**
 * Measurement bench for docs/decisions/0002-vision-pipeline.md (not a test). Run with the test classpath:
 * {@code java -cp target/classes:target/test-classes:<deps> kindred.vision.VisionLab detect|verify|photos PACK ...}.
 * Knobs as system properties: {@code divisions=2,3} (BlazeFace tiles), {@code work=1600} (decode long side),
 * {@code yunetSide=1024}, {@code minScore=0.3}, {@code threshold=} (verify); the second look (docs/decisions/0012-detection.md):
 * {@code yunetFine=1600} (0 = none), {@code fineDiv=5} (BlazeFace, 0 = none), {@code smallFace=0.07}, {@code trigger=0.5},
 * {@code crowd=6}, {@code closer=40} (YuNet's closer look at small faces, 0 = none); detect: {@code half=all|choose|report}, {@code wider=DIR} (another WIDER-format folder),
 * {@code budget=0.10} (false detections per photo the recall is read at), {@code sweep=fine|t1,t2,...}.
 */
public final class VisionLab {

    private VisionLab() {
    }

    public static void main(String[] args) throws Exception {
        String cmd = args[0];
        String pack = args[1];
        Path shared = Path.of(System.getProperty("kindred.shared", "../shared"));
        try (FaceAnalyzer analyzer = analyzer(pack, shared)) {
            switch (cmd) {
                case "detect" -> {
                    Path dir = Path.of(System.getProperty("wider", shared.resolve("eval/wider-family-dev").toString()));
                    double op = Double.parseDouble(System.getProperty("op", "NaN"));
                    String sweepSpec = System.getProperty("sweep", "fine");
                    double[] sweep = sweepSpec.equals("fine")
                            ? java.util.stream.IntStream.rangeClosed(30, 95).mapToDouble(i -> i / 100.0).toArray()
                            : Arrays.stream(sweepSpec.split(",")).mapToDouble(Double::parseDouble).toArray();
                    kindred.library.eval.EvalHalf half = kindred.library.eval.EvalHalf.valueOf(
                            System.getProperty("half", "all").toUpperCase(java.util.Locale.ROOT));
                    double budget = Double.parseDouble(System.getProperty("budget", "0.10"));
                    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
                    long t = System.nanoTime();
                    long c = bean.getCurrentThreadCpuTime();
                    DetectionEvaluator.Detections found = new DetectionEvaluator(analyzer).detect(dir.resolve("images"),
                            dir.resolve("ground-truth.txt"), half);
                    DetectionResult r = found.score(Double.isNaN(op) ? 0 : op, sweep);
                    double s = (System.nanoTime() - t) / 1e9;
                    double cpu = (bean.getCurrentThreadCpuTime() - c) / 1e9;
                    System.out.printf("half=%s images=%d faces=%d recall=%.4f precision=%.4f fppi=%.3f @%.2f  (%.1f ms/photo wall, %.1f cpu)%n",
                            half, r.images(), r.faces(), r.recall(), r.precision(), r.falsePositivesPerImage(), r.threshold(),
                            1000 * s / r.images(), 1000 * cpu / r.images());
                    if (analyzer instanceof OpenCvFaceAnalyzer oa) {
                        System.out.printf("  second look on %.1f %% of photos%n", 100 * oa.detector().fineLookShare());
                    }
                    DetectionResult.Point atBudget = null;
                    for (DetectionResult.Point p : r.sweep()) {
                        if (!sweepSpec.equals("fine")) {
                            System.out.printf("  t=%.2f recall=%.4f precision=%.4f fppi=%.3f%n", p.threshold(), p.recall(), p.precision(),
                                    p.falsePositivesPerImage());
                        }
                        if (atBudget == null && p.falsePositivesPerImage() <= budget) {
                            atBudget = p;
                        }
                    }
                    if (atBudget != null) {
                        System.out.printf("  at <= %.2f fp/photo: t=%.2f recall=%.4f fppi=%.3f%n", budget, atBudget.threshold(),
                                atBudget.recall(), atBudget.falsePositivesPerImage());
                        DetectionResult b = found.score(atBudget.threshold());
                        for (DetectionResult.Breakdown bd : b.breakdowns()) {
                            StringBuilder line = new StringBuilder("    " + bd.by() + ":");
                            for (DetectionResult.Slice sl : bd.slices()) {
                                line.append(String.format(java.util.Locale.ROOT, "  %s %d/%d=%.3f", sl.name(), sl.found(), sl.faces(),
                                        sl.recall() == null ? Double.NaN : sl.recall()));
                                if (sl.falsePositives() != null) {
                                    line.append(" fp ").append(sl.falsePositives());
                                }
                            }
                            System.out.println(line);
                        }
                    }
                }
                case "verify" -> {
                    Path dir = shared.resolve("eval/lfw-dev");
                    String file = args.length > 2 ? args[2] : "pairsDevTest.txt";
                    double thr = Double.parseDouble(System.getProperty("threshold", String.valueOf(VerificationEvaluator.SAME_PERSON_COSINE)));
                    long t = System.nanoTime();
                    VerificationResult r = new VerificationEvaluator(analyzer, thr).evaluate(dir.resolve("images"), dir.resolve(file));
                    System.out.printf("%s pairs=%d accuracy=%.4f threshold=%.3f tar@far0.001=%.4f noface=%d oracle=%.3f@%.3f (%.1f s)%n", file, r.pairs(), r.accuracy(),
                            r.threshold(), r.tarAtFar0001(), r.facesNotFound(), r.oracleAccuracy(), r.oracleThreshold(), (System.nanoTime() - t) / 1e9);
                }
                case "photos" -> {
                    for (int i = 2; i < args.length; i++) {
                        Path p = Path.of(args[i]);
                        byte[] b = Files.readAllBytes(p);
                        analyzer.analyze(b, 1, true);
                        long t = System.nanoTime();
                        PhotoAnalysis a = analyzer.analyze(b, 1, true);
                        System.out.printf("%s %dx%d faces=%d %.0f ms%n", p.getFileName(), a.width(), a.height(), a.faces().size(),
                                (System.nanoTime() - t) / 1e6);
                        a.faces().forEach(f -> System.out.printf("   [%.0f %.0f %.0f %.0f] s=%.2f q=%.2f%n", f.box().x(), f.box().y(),
                                f.box().w(), f.box().h(), f.score(), f.quality()));
                    }
                }
                case "stages" -> stages(pack, shared, args);
                default -> throw new IllegalArgumentException(cmd);
            }
        }
    }

    /** Per-stage wall and thread-CPU time on 12 MP (4032×3024) JPEG versions of the given photos. */
    static void stages(String pack, Path shared, String[] args) throws Exception {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        int work = Integer.getInteger("work", PhotoDecoder.WORK_MIN_LONG_SIDE_PX);
        PhotoDecoder decoder = new PhotoDecoder(work);
        try (OpenCvFaceAnalyzer a = (OpenCvFaceAnalyzer) analyzer(pack, shared)) {
            java.util.List<byte[]> photos = new java.util.ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                var m = TestPhotos.decode(Files.readAllBytes(Path.of(args[i])));
                var big = new org.bytedeco.opencv.opencv_core.Mat();
                org.bytedeco.opencv.global.opencv_imgproc.resize(m, big, new org.bytedeco.opencv.opencv_core.Size(4032, 3024), 0, 0,
                        org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC);
                photos.add(TestPhotos.encode(big, ".jpg"));
            }
            long[] wall = new long[4];
            long[] cpu = new long[4];
            int faces = 0;
            int rounds = Integer.getInteger("rounds", 3);
            for (int r = 0; r < rounds + 1; r++) {
                for (byte[] b : photos) {
                    long w0 = System.nanoTime();
                    long c0 = bean.getCurrentThreadCpuTime();
                    var d = decoder.decode(b, 1);
                    long w1 = System.nanoTime();
                    long c1 = bean.getCurrentThreadCpuTime();
                    var dets = a.detector().detect(d.image());
                    long w2 = System.nanoTime();
                    long c2 = bean.getCurrentThreadCpuTime();
                    java.util.List<org.bytedeco.opencv.opencv_core.Mat> crops = new java.util.ArrayList<>();
                    for (var det : dets) {
                        crops.add(new FaceAligner().align(d.image(), a.detector().landmarkScheme(), det.landmarks()));
                    }
                    long w3 = System.nanoTime();
                    long c3 = bean.getCurrentThreadCpuTime();
                    a.embedder().embed(crops);
                    long w4 = System.nanoTime();
                    long c4 = bean.getCurrentThreadCpuTime();
                    if (r > 0) {
                        wall[0] += w1 - w0; wall[1] += w2 - w1; wall[2] += w3 - w2; wall[3] += w4 - w3;
                        cpu[0] += c1 - c0; cpu[1] += c2 - c1; cpu[2] += c3 - c2; cpu[3] += c4 - c3;
                        faces += dets.size();
                    }
                }
            }
            int n = rounds * photos.size();
            String[] names = {"decode", "detect", "align", "embed"};
            for (int i = 0; i < 4; i++) {
                System.out.printf("%-7s wall %6.1f ms/photo  cpu(this thread) %6.1f ms/photo%n", names[i], wall[i] / 1e6 / n, cpu[i] / 1e6 / n);
            }
            System.out.printf("faces/photo %.2f, work long side ≥ %d, second look on %.0f %% of photos%n", (double) faces / n, work,
                    100 * a.detector().fineLookShare());
        }
    }

    /** {@code smallFace=}, {@code trigger=}, {@code crowd=} override a detector's second-look rule. */
    static FineLook fineLook(FineLook d) {
        return new FineLook(Double.parseDouble(System.getProperty("smallFace", String.valueOf(d.smallFace()))),
                Double.parseDouble(System.getProperty("trigger", String.valueOf(d.triggerScore()))),
                Integer.getInteger("crowd", d.crowd()));
    }

    public static FaceAnalyzer analyzer(String pack, Path shared) throws Exception {
        Path models = Files.createTempDirectory("kindred-lab-models");
        OpenCvVisionProvider provider = new OpenCvVisionProvider(models);
        var files = provider.ensureDefaultPack();
        ModelCatalog catalog = ModelCatalog.load();
        double minScore = Double.parseDouble(System.getProperty("minScore", "0.3"));
        int work = Integer.getInteger("work", PhotoDecoder.WORK_MIN_LONG_SIDE_PX);
        FaceDetector detector;
        if (pack.equals("yunet")) {
            detector = new YuNetDetector("yunet-2026may", shared.resolve("models/face_detection_yunet_2026may.onnx"), minScore,
                    Integer.getInteger("yunetSide", YuNetDetector.INPUT_LONG_SIDE_PX),
                    Integer.getInteger("yunetFine", YuNetDetector.FINE_LONG_SIDE_PX), fineLook(YuNetDetector.FINE_LOOK),
                    Double.parseDouble(System.getProperty("closer", String.valueOf(YuNetDetector.CLOSER_BELOW_PX))));
        } else {
            int[] div = Arrays.stream(System.getProperty("divisions", "3").split(",")).filter(s -> !s.isBlank())
                    .mapToInt(Integer::parseInt).toArray();
            detector = new BlazeFaceDetector(catalog.require("default", "detector").id(), files.get("detector"), minScore, div,
                    Double.parseDouble(System.getProperty("zoom", String.valueOf(BlazeFaceDetector.ZOOM_OUT))),
                    Integer.getInteger("fineDiv", BlazeFaceDetector.FINE_DIVISIONS), fineLook(BlazeFaceDetector.FINE_LOOK));
        }
        FaceEmbedder embedder = new MobileFaceNetEmbedder(catalog.require("default", "embedder").id(), files.get("embedder"));
        return new OpenCvFaceAnalyzer(new PhotoDecoder(work), detector, new FaceAligner(), embedder);
    }
}
