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
 * (never enlarged) and results are scaled back. Not thread-safe.
 */
final class YuNetDetector implements FaceDetector {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    /**
     * Score threshold of the product. YuNet's usual 0.9 throws away most recall; chosen on wider-family-dev as
     * the lowest threshold keeping false positives ≤ 0.15 per photo (see docs/decisions/0002-vision-pipeline.md).
     */
    static final double OPERATING_SCORE = 0.75;

    /**
     * Long side, in pixels, YuNet runs at. Recall on WIDER keeps rising up to the photo's own size (~1024 px)
     * while cost grows with the area; measured in docs/decisions/0002-vision-pipeline.md.
     */
    static final int INPUT_LONG_SIDE_PX = 640;

    /** Non-maximum suppression IoU inside YuNet (OpenCV's default). */
    static final float NMS_IOU = 0.3f;

    private static final int TOP_K = 5000;

    private final String modelId;
    private final double minScore;
    private final int inputLongSide;
    private final FaceDetectorYN net;
    private final Mat resized = new Mat();
    private final Mat faces = new Mat();
    private int lastW = -1;
    private int lastH = -1;

    YuNetDetector(String modelId, Path onnx, double minScore) {
        this(modelId, onnx, minScore, INPUT_LONG_SIDE_PX);
    }

    YuNetDetector(String modelId, Path onnx, double minScore, int inputLongSide) {
        this.modelId = modelId;
        this.minScore = minScore;
        this.inputLongSide = inputLongSide;
        this.net = FaceDetectorYN.create(onnx.toString(), "", new Size(320, 320), (float) minScore, NMS_IOU, TOP_K, 0, 0);
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
        int w = bgr.cols();
        int h = bgr.rows();
        double s = Math.min(1.0, (double) inputLongSide / Math.max(w, h));
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
        out.sort(Comparator.comparingDouble(Detection::score).reversed());
        return out;
    }

    @Override
    public void close() {
        net.close();
        resized.close();
        faces.close();
    }
}
