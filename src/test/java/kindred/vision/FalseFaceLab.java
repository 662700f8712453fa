package kindred.vision;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kindred.library.eval.EvalHalf;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Measurement bench for the false faces of issue 20 (not a test): every detection from score 0.3 of every photo of a
 * WIDER-format folder, with what could tell a face from a false one, as a TSV for offline analysis: the score, box,
 * landmarks' pose, sharpness, the embedder's raw vector lengths and flip agreement, and a second opinion of the same
 * detector on a crop around the box seen larger ({@code rescore}, with its box). Run with the test classpath:
 * {@code java -Dcloser=0 -cp ... kindred.vision.FalseFaceLab yunet|builtin OUT.tsv} ({@code closer=0}: YuNet's own closer
 * look off, so that the first look's boxes are recorded); {@code -Dwider=DIR}, {@code -DcropFactor=2.5}, {@code -DcropPx=224}.
 */
public final class FalseFaceLab {

    /** The lab keeps faces from the old product floor (20 px) so that the floor itself can be chosen from its output. */
    static final double LAB_MIN_FACE_PX = 20;

    private FalseFaceLab() {
    }

    public static void main(String[] args) throws Exception {
        String pack = args[0];
        Path out = Path.of(args[1]);
        Path shared = Path.of(System.getProperty("kindred.shared", "../shared"));
        Path dir = Path.of(System.getProperty("wider", shared.resolve("eval/wider-family-dev").toString()));
        double cropFactor = Double.parseDouble(System.getProperty("cropFactor", "2.5"));
        int cropPx = Integer.getInteger("cropPx", 224);
        List<String> files = Files.readAllLines(dir.resolve("ground-truth.txt")).stream()
                .filter(l -> l.trim().endsWith(".jpg")).map(String::trim).toList();
        try (OpenCvFaceAnalyzer a = (OpenCvFaceAnalyzer) VisionLab.analyzer(pack, shared);
                PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            PhotoDecoder decoder = new PhotoDecoder(Integer.getInteger("work", PhotoDecoder.WORK_MIN_LONG_SIDE_PX));
            MobileFaceNetEmbedder embedder = (MobileFaceNetEmbedder) a.embedder();
            Field outputField = MobileFaceNetEmbedder.class.getDeclaredField("output");
            outputField.setAccessible(true);
            w.println("half\tfile\tx\ty\tw\th\tscore\tlapvar\tpose\tnormA\tnormB\tcosAB\trescore\trx\try\trw\trh\tlm");
            int done = 0;
            for (String f : files) {
                String half = EvalHalf.CHOOSE.contains(Path.of(f).getFileName().toString()) ? "choose" : "report";
                byte[] bytes = Files.readAllBytes(dir.resolve("images").resolve(f));
                try (PointerScope scope = new PointerScope()) {
                    PhotoDecoder.Decoded d = decoder.decode(bytes, 1);
                    Mat img = d.image();
                    List<FaceDetector.Detection> dets = a.detector().detect(img);
                    for (FaceDetector.Detection det : dets) {
                        if (det.h() * d.scaleY() < LAB_MIN_FACE_PX) {
                            continue;
                        }
                        Mat crop = a.aligner().align(img, a.detector().landmarkScheme(), det.landmarks());
                        embedder.embed(List.of(crop));
                        float[] raw = ((float[]) outputField.get(embedder)).clone();
                        int dims = raw.length / 2;
                        double na = 0, nb = 0, dot = 0;
                        for (int i = 0; i < dims; i++) {
                            na += raw[i] * raw[i];
                            nb += raw[dims + i] * raw[dims + i];
                            dot += raw[i] * raw[dims + i];
                        }
                        na = Math.sqrt(na);
                        nb = Math.sqrt(nb);
                        double[] re = rescore(a.detector(), img, det, cropFactor, cropPx);
                        StringBuilder lm = new StringBuilder();
                        for (float v : det.landmarks()) {
                            lm.append(lm.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.1f", v * d.scaleX()));
                        }
                        w.printf(Locale.ROOT, "%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.4f\t%.2f\t%.4f\t%.3f\t%.3f\t%.4f\t%.4f\t%.1f\t%.1f\t%.1f\t%.1f\t%s%n",
                                half, f, det.x() * d.scaleX(), det.y() * d.scaleY(), det.w() * d.scaleX(), det.h() * d.scaleY(),
                                det.score(), FaceQuality.laplacianVariance(crop), FaceQuality.pose(det.landmarks()), na, nb,
                                dot / (na * nb), re[0], re[1] * d.scaleX(), re[2] * d.scaleY(), re[3] * d.scaleX(), re[4] * d.scaleY(), lm);
                    }
                }
                if (++done % 50 == 0) {
                    System.err.println(done + " of " + files.size());
                    w.flush();
                }
            }
        }
    }

    /**
     * The detector's best score on a square crop {@code factor} times the box's long side around its centre, resized to
     * {@code px}, among detections there overlapping the box by IoU ≥ 0.3; and that detection's box in image pixels
     * (0 and the original box when none).
     */
    static double[] rescore(FaceDetector detector, Mat img, FaceDetector.Detection det, double factor, int px) {
        double side = factor * Math.max(det.w(), det.h());
        double cx = det.x() + det.w() / 2;
        double cy = det.y() + det.h() / 2;
        int x0 = (int) Math.round(cx - side / 2);
        int y0 = (int) Math.round(cy - side / 2);
        int s = (int) Math.round(side);
        int pl = Math.max(0, -x0);
        int pt = Math.max(0, -y0);
        int pr = Math.max(0, x0 + s - img.cols());
        int pb = Math.max(0, y0 + s - img.rows());
        Mat roi = new Mat(img, new Rect(x0 + pl, y0 + pt, s - pl - pr, s - pt - pb));
        Mat padded = new Mat();
        opencv_core.copyMakeBorder(roi, padded, pt, pb, pl, pr, opencv_core.BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
        Mat scaled = new Mat();
        opencv_imgproc.resize(padded, scaled, new Size(px, px), 0, 0, px > s ? opencv_imgproc.INTER_LINEAR : opencv_imgproc.INTER_AREA);
        double k = (double) s / px;
        double best = 0;
        double[] box = {det.x(), det.y(), det.w(), det.h()};
        for (FaceDetector.Detection c : detector.detect(scaled)) {
            double bx = x0 + c.x() * k;
            double by = y0 + c.y() * k;
            double bw = c.w() * k;
            double bh = c.h() * k;
            if (iou(bx, by, bw, bh, det.x(), det.y(), det.w(), det.h()) >= 0.3 && c.score() > best) {
                best = c.score();
                box = new double[] {bx, by, bw, bh};
            }
        }
        return new double[] {best, box[0], box[1], box[2], box[3]};
    }

    static double iou(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
        double ix = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx));
        double iy = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by));
        double inter = ix * iy;
        return inter / (aw * ah + bw * bh - inter);
    }
}
