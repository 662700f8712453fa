package kindred.vision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kindred.model.LandmarkScheme;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * YuNet (OpenCV {@code FaceDetectorYN}, ONNX): boxes, five landmarks (right eye, left eye, nose tip, right and
 * left mouth corner) and a score. The image is shrunk to at most {@link #INPUT_LONG_SIDE_PX} on its long side
 * (never enlarged) and results are scaled back; when that first pass found small faces or a crowd, the image is
 * looked at again at {@link #FINE_LONG_SIDE_PX} ({@link FineLook}). Each face found under {@link #CLOSER_BELOW_PX}
 * is then looked at closer, on its own ({@link #closerLook}). Not thread-safe.
 */
final class YuNetDetector implements FaceDetector {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    /**
     * Score threshold of the product, chosen on the choose half of wider-family-dev by the rule of
     * docs/decisions/0012-detection.md ({@code kindred eval detect --half choose --choose 0.10}): the lowest threshold at
     * which the 95th percentile of the false faces per photo, over 2,000 resamplings of the half's photos, is ≤ 0.10
     * (false faces come in clusters: a poster, a DVD shelf, so a flat margin is not enough): 0.68, recall 0.947, 0.057
     * false per photo (95th percentile 0.088), with faces under {@link #MIN_FACE_PX} dropped and small ones looked at
     * closer. It was 0.69 (≤ 0.09 flat), which the held-out half showed at 0.185 false per photo.
     */
    static final double OPERATING_SCORE = 0.68;

    /**
     * Smallest face reported, in display pixels of YuNet's box (median 1.05 × the height WIDER's annotators give the
     * same face). Of the false faces at the old threshold, 10 of 16 (choose half) and 22 of 36 (held-out half) were
     * shorter than 32 px, the smallest face the evaluation counts, against 6 and 9 of about 850 faces found: mostly
     * real faces too small to be counted whose box misses the annotation. 28 keeps a counted face's box (its lower
     * quartile is 0.98 × 32 px). It was 20 for every detector.
     */
    static final double MIN_FACE_PX = 28;

    /**
     * A face shorter than this (pixels of the image YuNet is given) is looked at again closer
     * ({@link #closerLook}): a crop {@link #CLOSER_CROP} times its height around it, seen at {@link #CLOSER_PX} px.
     * The second look's box and landmarks replace the first's, and a face the closer look does not find at
     * {@link #CLOSER_MIN_SCORE} is dropped. Small faces' boxes are the least accurate (a box off by a few pixels misses
     * a 25 px face), and a false face often does not hold up seen larger. Choose half: 40 px against 32, 48 and 64,
     * with 0.5 against 0.3 and 0.6 (docs/decisions/0012-detection.md).
     */
    static final double CLOSER_BELOW_PX = 40;

    /** The closer look's crop side, in face heights: the face and as much around it as YuNet needs to see a face. */
    static final double CLOSER_CROP = 2.5;

    /** The closer look's input side (px): a face of the crop is ≈ 90 px there, where YuNet is at its best. */
    static final int CLOSER_PX = 224;

    /** A small face is kept when the closer look finds it (IoU ≥ {@link #CLOSER_MIN_IOU}) scoring at least this. */
    static final double CLOSER_MIN_SCORE = 0.5;

    /** The closer look's face must overlap the first look's this much (IoU) to be the same face. */
    static final double CLOSER_MIN_IOU = 0.3;

    /**
     * Long side, in pixels, YuNet runs at. Recall on WIDER keeps rising up to the photo's own size (~1024 px)
     * while cost grows with the area; measured in docs/decisions/0002-vision-pipeline.md.
     */
    static final int INPUT_LONG_SIDE_PX = 640;

    /** Non-maximum suppression IoU inside YuNet (OpenCV's default). */
    static final float NMS_IOU = 0.3f;

    private static final int TOP_K = 5000;

    /**
     * Long side, in pixels, of the second, finer look: the whole image again at this size (never enlarged), taken
     * only when the first pass found a small face or a crowd ({@link #FINE_LOOK}); its detections replace the first
     * pass's. On 12 MP mosaics of WIDER photos (faces 32–64 px tall in a 4096×3072 photo, budget 0.1 false faces
     * per WIDER photo) recall of those faces is 0.06 without it, 0.47 at 1024, 0.83 at 1600 and 0.89 at 2048, for
     * +52, +157 and +226 ms of CPU per photo looked at again: 1600, the decoder's working size, gets most of it.
     * Photos up to 1600 px (WIDER's 1024) are looked at in full: choose half 0.939 → 0.948 at the operating point.
     * Replacing the first pass's detections beat merging both (0.948 vs 0.946 at ≤ 0.10 false per photo): the
     * coarse pass's extra false faces cost more than its few faces the fine one misses.
     */
    static final int FINE_LONG_SIDE_PX = 1600;

    /**
     * When to take the second look: a face under 7 % of the long side, or 6 faces, scoring ≥ 0.5 in the first.
     * On the choose half: 53 % of photos looked at again, recall at ≤ 0.10 false per photo 0.949 (looking at all:
     * 0.948; at under 5 % and no crowd rule: 35 %, 0.948; under 4 %: 22 %, 0.945). The 24 12-MP bench photos
     * (3–5 faces 6–19 % of the long side) are never looked at again.
     */
    static final FineLook FINE_LOOK = new FineLook(0.07, 0.5, 6);

    private final String modelId;
    private final double minScore;
    private final int inputLongSide;
    private final int fineLongSide;
    private final FineLook fineLook;
    private final FaceDetectorYN net;
    private final Mat resized = new Mat();
    private final Mat faces = new Mat();
    private final Mat padded = new Mat();
    private final Mat closer = new Mat();
    private final double closerBelowPx;
    private int lastW = -1;
    private int lastH = -1;
    private int fineLooks;
    private int closerLooks;
    private int calls;

    YuNetDetector(String modelId, Path onnx, double minScore) {
        this(modelId, onnx, minScore, INPUT_LONG_SIDE_PX, FINE_LONG_SIDE_PX, FINE_LOOK);
    }

    YuNetDetector(String modelId, Path onnx, double minScore, int inputLongSide) {
        this(modelId, onnx, minScore, inputLongSide, 0, FINE_LOOK);
    }

    YuNetDetector(String modelId, Path onnx, double minScore, int inputLongSide, int fineLongSide, FineLook fineLook) {
        this(modelId, onnx, minScore, inputLongSide, fineLongSide, fineLook, CLOSER_BELOW_PX);
    }

    /** @param closerBelowPx faces shorter than this (px) are looked at closer ({@link #CLOSER_BELOW_PX}); 0 = none */
    YuNetDetector(String modelId, Path onnx, double minScore, int inputLongSide, int fineLongSide, FineLook fineLook,
                  double closerBelowPx) {
        this.modelId = modelId;
        this.closerBelowPx = closerBelowPx;
        this.minScore = minScore;
        this.inputLongSide = inputLongSide;
        this.fineLongSide = fineLongSide;
        this.fineLook = fineLook;
        // The net returns down to the trigger's score too: a crowd of faces just below the product's threshold is
        // a reason to look again; they are dropped from the result below.
        float netMin = (float) Math.min(minScore, fineLook.triggerScore());
        this.net = FaceDetectorYN.create(onnx.toString(), "", new Size(320, 320), netMin, NMS_IOU, TOP_K, 0, 0);
        if (net == null || net.isNull()) {
            throw new IllegalStateException("OpenCV could not load the YuNet model " + onnx);
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public LandmarkScheme landmarkScheme() {
        return LandmarkScheme.YUNET_5;
    }

    @Override
    public double minScore() {
        return minScore;
    }

    @Override
    public double minFacePx() {
        return MIN_FACE_PX;
    }

    @Override
    public List<Detection> detect(Mat bgr) {
        return detect(bgr, 0);
    }

    @Override
    public List<Detection> detect(Mat bgr, double minHeight) {
        calls++;
        int longSide = Math.max(bgr.cols(), bgr.rows());
        List<Detection> coarse = pass(bgr, inputLongSide);
        double coarseSide = Math.min(longSide, inputLongSide);
        int fineSide = Math.min(longSide, fineLongSide);
        List<Detection> all = coarse;
        if (fineSide > coarseSide * FineLook.MIN_GAIN && fineLook.wanted(coarse, longSide)) {
            fineLooks++;
            all = pass(bgr, fineSide);
        }
        List<Detection> out = new ArrayList<>(all.size());
        for (Detection d : all) {
            if (d.score() < minScore || d.h() < minHeight) {
                continue;
            }
            if (closerBelowPx > 0 && d.h() < closerBelowPx) {
                closerLooks++;
                d = closerLook(bgr, d);
                if (d == null) {
                    continue;
                }
            }
            out.add(d);
        }
        out.sort(Comparator.comparingDouble(Detection::score).reversed());
        return out;
    }

    /** Faces looked at closer so far ({@link #closerLook}); for tests and benchmarks. */
    int closerLooks() {
        return closerLooks;
    }

    @Override
    public double fineLookShare() {
        return calls == 0 ? 0 : (double) fineLooks / calls;
    }

    /** One run of the net on the image shrunk to {@code side} on its long side (never enlarged). */
    private List<Detection> pass(Mat bgr, int side) {
        int w = bgr.cols();
        int h = bgr.rows();
        double s = Math.min(1.0, (double) side / Math.max(w, h));
        Mat input = bgr;
        int iw = w;
        int ih = h;
        if (s < 1.0) {
            iw = Math.max(1, (int) Math.round(w * s));
            ih = Math.max(1, (int) Math.round(h * s));
            try (Size size = new Size(iw, ih)) {
                opencv_imgproc.resize(bgr, resized, size, 0, 0, opencv_imgproc.INTER_AREA);
            }
            input = resized;
        }
        return run(input, (double) w / iw, (double) h / ih, 0, 0);
    }

    /**
     * The closer look at a small face {@code d}: its surroundings ({@link #CLOSER_CROP} face heights, black beyond the
     * image's edges) seen at {@link #CLOSER_PX} px. The best face found there overlapping {@code d} by
     * {@link #CLOSER_MIN_IOU}, with {@code d}'s score (the threshold was chosen on the first look's scores), or null
     * when none scores {@link #CLOSER_MIN_SCORE}.
     */
    private Detection closerLook(Mat bgr, Detection d) {
        int side = (int) Math.round(CLOSER_CROP * Math.max(d.w(), d.h()));
        int x0 = (int) Math.round(d.x() + d.w() / 2 - side / 2.0);
        int y0 = (int) Math.round(d.y() + d.h() / 2 - side / 2.0);
        int left = Math.max(0, -x0);
        int top = Math.max(0, -y0);
        int right = Math.max(0, x0 + side - bgr.cols());
        int bottom = Math.max(0, y0 + side - bgr.rows());
        if (side - left - right <= 0 || side - top - bottom <= 0) {
            return d;
        }
        try (Rect r = new Rect(x0 + left, y0 + top, side - left - right, side - top - bottom);
                Mat roi = new Mat(bgr, r);
                Scalar black = new Scalar(0, 0, 0, 0);
                Size size = new Size(CLOSER_PX, CLOSER_PX)) {
            opencv_core.copyMakeBorder(roi, padded, top, bottom, left, right, opencv_core.BORDER_CONSTANT, black);
            opencv_imgproc.resize(padded, closer, size, 0, 0, side < CLOSER_PX ? opencv_imgproc.INTER_LINEAR : opencv_imgproc.INTER_AREA);
        }
        double k = (double) side / CLOSER_PX;
        Detection best = null;
        for (Detection c : run(closer, k, k, x0, y0)) {
            if (c.score() >= CLOSER_MIN_SCORE && c.iou(d) >= CLOSER_MIN_IOU && (best == null || c.score() > best.score())) {
                best = c;
            }
        }
        return best == null ? null : new Detection(best.x(), best.y(), best.w(), best.h(), best.landmarks(), d.score());
    }

    /** The net on {@code input}; boxes and landmarks mapped to the caller's image by {@code x·sx + ox, y·sy + oy}. */
    private List<Detection> run(Mat input, double sx, double sy, double ox, double oy) {
        int iw = input.cols();
        int ih = input.rows();
        if (iw != lastW || ih != lastH) {
            try (Size size = new Size(iw, ih)) {
                net.setInputSize(size);
            }
            lastW = iw;
            lastH = ih;
        }
        net.detect(input, faces);
        int n = faces.rows();
        List<Detection> out = new ArrayList<>(n);
        if (n == 0 || faces.cols() < 15) {
            return out;
        }
        float[] row = new float[n * 15];
        try (FloatPointer fp = new FloatPointer(faces.data())) {
            fp.get(row, 0, row.length);
        }
        for (int i = 0; i < n; i++) {
            int o = i * 15;
            float[] lm = new float[10];
            for (int k = 0; k < 5; k++) {
                lm[2 * k] = (float) (ox + row[o + 4 + 2 * k] * sx);
                lm[2 * k + 1] = (float) (oy + row[o + 5 + 2 * k] * sy);
            }
            out.add(new Detection(ox + row[o] * sx, oy + row[o + 1] * sy, row[o + 2] * sx, row[o + 3] * sy, lm, row[o + 14]));
        }
        return out;
    }

    @Override
    public void close() {
        net.close();
        resized.close();
        faces.close();
        padded.close();
        closer.close();
    }
}
