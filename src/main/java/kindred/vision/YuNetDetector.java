package kindred.vision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kindred.model.LandmarkScheme;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.FaceDetectorYN;

/**
 * YuNet (OpenCV {@code FaceDetectorYN}, ONNX): boxes, five landmarks (right eye, left eye, nose tip, right and
 * left mouth corner) and a score. The image is shrunk to at most {@link #INPUT_LONG_SIDE_PX} on its long side
 * (never enlarged) and results are scaled back; when that first pass found small faces or a crowd, the image is
 * looked at again at {@link #FINE_LONG_SIDE_PX} ({@link FineLook}). Not thread-safe.
 */
final class YuNetDetector implements FaceDetector {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    /**
     * Score threshold of the product. YuNet's usual 0.9 throws away most recall. Chosen on the choose half of
     * wider-family-dev (with the second look) as the lowest threshold keeping false positives ≤ 0.09 per photo,
     * the 0.10 budget of issue 20 less a 10 % margin for photos not seen: 0.69, recall 0.948, 0.078 per photo
     * (docs/decisions/0012-detection.md). It was 0.75 before the second look (0.15 budget, all photos).
     */
    static final double OPERATING_SCORE = 0.69;

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
    private int lastW = -1;
    private int lastH = -1;
    private int fineLooks;
    private int calls;

    YuNetDetector(String modelId, Path onnx, double minScore) {
        this(modelId, onnx, minScore, INPUT_LONG_SIDE_PX, FINE_LONG_SIDE_PX, FINE_LOOK);
    }

    YuNetDetector(String modelId, Path onnx, double minScore, int inputLongSide) {
        this(modelId, onnx, minScore, inputLongSide, 0, FINE_LOOK);
    }

    YuNetDetector(String modelId, Path onnx, double minScore, int inputLongSide, int fineLongSide, FineLook fineLook) {
        this.modelId = modelId;
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
    public List<Detection> detect(Mat bgr) {
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
            if (d.score() >= minScore) {
                out.add(d);
            }
        }
        out.sort(Comparator.comparingDouble(Detection::score).reversed());
        return out;
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
        double sx = (double) w / iw;
        double sy = (double) h / ih;
        for (int i = 0; i < n; i++) {
            int o = i * 15;
            float[] lm = new float[10];
            for (int k = 0; k < 5; k++) {
                lm[2 * k] = (float) (row[o + 4 + 2 * k] * sx);
                lm[2 * k + 1] = (float) (row[o + 5 + 2 * k] * sy);
            }
            out.add(new Detection(row[o] * sx, row[o + 1] * sy, row[o + 2] * sx, row[o + 3] * sy, lm, row[o + 14]));
        }
        return out;
    }

    @Override
    public void close() {
        net.close();
        resized.close();
        faces.close();
    }
}
