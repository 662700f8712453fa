package kindred.vision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import kindred.model.LandmarkScheme;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * MediaPipe BlazeFace full-range (TensorFlow Lite, 192×192 input). The model sees 192 pixels, so on a whole
 * group photo it misses every small face; the photo is therefore read as the whole frame plus overlapping
 * square tiles (see {@link #TILE_DIVISIONS}), and all passes are merged by one weighted non-maximum suppression.
 * When that first look found small faces or a crowd, finer tiles are run where it hinted at faces
 * ({@link #FINE_DIVISIONS}, {@link FineLook}) and merged in the same suppression.
 * Landmarks: right eye, left eye, nose tip, mouth centre, right ear, left ear. Not thread-safe.
 */
final class BlazeFaceDetector implements FaceDetector {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    static final int INPUT_PX = 192;
    private static final int GRID = 48;
    private static final int ANCHORS = GRID * GRID;
    private static final int REGRESSORS = 16;

    /**
     * Score threshold of the product, chosen on the choose half of wider-family-dev by the rule of
     * docs/decisions/0012-detection.md ({@code kindred eval detect --half choose --choose 0.10}): the lowest threshold at
     * which the 95th percentile of the false faces per photo, over 2,000 resamplings of the half's photos, is ≤ 0.10
     * (false faces come in clusters: a poster, a DVD shelf, so a flat margin is not enough): 0.661, recall 0.840, 0.067
     * false per photo (95th percentile 0.098), with faces under {@link #MIN_FACE_PX} dropped. It was 0.65 (≤ 0.09 flat, no
     * size floor), which the held-out half showed at 0.120 false per photo.
     */
    static final double OPERATING_SCORE = 0.661;

    /**
     * Smallest face reported, in display pixels of BlazeFace's box, which is drawn tighter than WIDER's annotators
     * (median box height 0.91 of theirs) and YuNet's (1.05): {@link YuNetDetector#MIN_FACE_PX} × 0.86, the same face.
     * Held-out half at the threshold above: 0.130 → 0.082 false per photo for no face counted (recall 0.820 with and without).
     */
    static final double MIN_FACE_PX = 24;

    /** Boxes overlapping more than this (IoU) are one face, averaged by score (MediaPipe's weighted NMS). */
    static final double NMS_IOU = 0.3;

    /**
     * Tile layouts beyond the whole frame: n means square tiles of side {@link #TILE_SIDE_FACTOR}·L/n (L = long side)
     * covering the photo. Chosen on wider-family-dev (docs/decisions/0002-vision-pipeline.md).
     */
    static final int[] TILE_DIVISIONS = {3};

    /** Tile side as a multiple of L/n: the overlap lets every face lie wholly inside some tile. */
    static final double TILE_SIDE_FACTOR = 1.3;

    /** Step between tiles as a fraction of the tile side (0.7 = 30 % overlap). */
    static final double TILE_STEP = 0.7;

    /** A box closer than this fraction of the tile side to an inner tile border is cut by it and dropped. */
    static final double TILE_BORDER_MARGIN = 0.01;

    /**
     * One more pass with the whole photo shrunk to 1/ZOOM_OUT of the input: the full-range model scores faces
     * that fill the frame (portraits, LFW) low, and sees them well when they are smaller. 1 = no such pass.
     */
    static final double ZOOM_OUT = 2.0;

    /**
     * The zoomed-out pass keeps only faces at least this tall, as a fraction of the long side: smaller ones are
     * the other passes' job, and there it would add only false positives.
     */
    static final double ZOOM_OUT_MIN_FACE = 0.2;

    /**
     * Long side, in pixels, the photo is shrunk to once before all passes: the smallest tile (1.3·L/3) then
     * still holds more than the model's 192 pixels, so no pass loses detail, and every resize is cheap.
     */
    static final int SHRINK_TO_PX = 640;

    /**
     * The second, finer look ({@link FineLook}): square tiles at this many divisions of the long side (side
     * {@link #TILE_SIDE_FACTOR}·L/n, same step), cut from the photo shrunk to {@link #FINE_SHRINK_TO_PX}. On the
     * choose half of wider-family-dev, at ≤ 0.10 false faces per photo: no second look 0.772, 4 divisions 0.837,
     * 5 divisions 0.845, 6 divisions 0.846 (every tile; CPU 60 → 94, 125 and 145 ms per photo over the whole half).
     */
    static final int FINE_DIVISIONS = 5;

    /**
     * Long side, in pixels, of the image the fine tiles are cut from (never enlarged): 5 divisions of 1024 px give
     * tiles of 266 px, a little more than the model's 192. On a 12 MP photo they hold faces down to ≈ 60 px of the
     * full photo; cutting more, smaller tiles from a larger image found little more on 12 MP mosaics (0.418 → 0.425
     * of faces at 8 divisions of 1600 px) for 27 % more CPU: the first look must have hinted at the faces.
     */
    static final int FINE_SHRINK_TO_PX = 1024;

    /**
     * Only fine tiles that can pay are run: those holding the centre of a first-look detection scoring at least
     * this (below the product's threshold: a face the coarse passes barely see) and shorter than
     * {@link #HINT_MAX_FACE} small faces. On the choose half: recall 0.845 → 0.847 and detector CPU 125 → 87 ms
     * per photo against running every fine tile (hint 0.4: 0.842, 80 ms; 0.2 and any size: 0.843, 94 ms).
     */
    static final double HINT_SCORE = 0.3;

    /** A hint is a detection shorter than this many times {@link FineLook#smallFace()} of the long side. */
    static final double HINT_MAX_FACE = 2;

    /**
     * When to take the second look: a face under 7 % of the long side, or 6 faces, scoring ≥ 0.5 in the first
     * look (the YuNet pack's rule: YuNetDetector.FINE_LOOK). On the choose half 51 % of photos are looked at again;
     * under 5 % or 4 faces: 49 %, the same recall; under 10 %, no crowd rule: 64 %, 0.842.
     */
    static final FineLook FINE_LOOK = new FineLook(0.07, 0.5, 6);

    /** Logits are clipped to ±this before the sigmoid (as MediaPipe does). */
    private static final float LOGIT_CLIP = 100f;

    private final String modelId;
    private final double minScore;
    private final int[] divisions;
    private final double zoomOut;
    private final int fineDivisions;
    private final FineLook fineLook;
    /** Lowest score any pass keeps: the product's, or the second look's trigger if lower. */
    private final double collectMin;
    private int calls;
    private int fineLooks;
    private final TfLiteModel tflite;
    private final int regressorsOut;
    private final int scoresOut;
    private final Mat canvas = new Mat(INPUT_PX, INPUT_PX, org.bytedeco.opencv.global.opencv_core.CV_8UC3);
    private final byte[] pixels = new byte[INPUT_PX * INPUT_PX * 3];
    private final float[] input = new float[INPUT_PX * INPUT_PX * 3];
    private final float[] regressors = new float[ANCHORS * REGRESSORS];
    private final float[] logits = new float[ANCHORS];
    private final Scalar black = new Scalar(0, 0, 0, 0);
    private final Mat shrunk = new Mat();
    private final Mat fineImage = new Mat();

    BlazeFaceDetector(String modelId, Path tfliteFile, double minScore) {
        this(modelId, tfliteFile, minScore, TILE_DIVISIONS, ZOOM_OUT, FINE_DIVISIONS, FINE_LOOK);
    }

    BlazeFaceDetector(String modelId, Path tfliteFile, double minScore, int[] divisions, double zoomOut) {
        this(modelId, tfliteFile, minScore, divisions, zoomOut, 0, FINE_LOOK);
    }

    BlazeFaceDetector(String modelId, Path tfliteFile, double minScore, int[] divisions, double zoomOut, int fineDivisions,
                      FineLook fineLook) {
        this.modelId = modelId;
        this.fineDivisions = fineDivisions;
        this.fineLook = fineLook;
        this.collectMin = fineDivisions > 0 ? Math.min(Math.min(minScore, fineLook.triggerScore()), HINT_SCORE) : minScore;
        this.zoomOut = zoomOut;
        this.minScore = minScore;
        this.divisions = divisions.clone();
        this.tflite = new TfLiteModel(tfliteFile);
        int reg = -1;
        int cls = -1;
        for (int i = 0; i < tflite.outputCount(); i++) {
            int[] d = tflite.outputDims(i);
            int last = d[d.length - 1];
            if (last == REGRESSORS) {
                reg = i;
            } else if (last == 1) {
                cls = i;
            }
        }
        if (reg < 0 || cls < 0) {
            tflite.close();
            throw new IllegalStateException(tfliteFile + " does not look like BlazeFace full-range (outputs [1,2304,16] and [1,2304,1])");
        }
        regressorsOut = reg;
        scoresOut = cls;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public double minFacePx() {
        return MIN_FACE_PX;
    }

    @Override
    public LandmarkScheme landmarkScheme() {
        return LandmarkScheme.BLAZEFACE_6;
    }

    @Override
    public double minScore() {
        return minScore;
    }

    /** Number of model passes for an image of this size (the whole frame plus every tile), first look only. */
    int passes(int width, int height) {
        return tiles(width, height, divisions).size();
    }

    @Override
    public List<Detection> detect(Mat bgr) {
        calls++;
        int longSide = Math.max(bgr.cols(), bgr.rows());
        List<Detection> raw = new ArrayList<>();
        // First look: whole frame, tiles and the zoomed-out pass, on the photo shrunk to SHRINK_TO_PX.
        Mat work = shrink(bgr, SHRINK_TO_PX, shrunk);
        int w = work.cols();
        int h = work.rows();
        List<Detection> first = new ArrayList<>();
        for (int[] t : tiles(w, h, divisions)) {
            runPass(work, t[0], t[1], t[2], t[3], w, h, 1.0, first);
        }
        if (zoomOut > 1) {
            runPass(work, 0, 0, w, h, w, h, zoomOut, first);
        }
        raw.addAll(scaled(first, (double) bgr.cols() / w, (double) bgr.rows() / h));
        List<Detection> out = weightedNms(raw);
        // Second look: finer tiles, only where the first found small faces or a crowd.
        int fineSide = Math.min(longSide, FINE_SHRINK_TO_PX);
        if (fineDivisions > 0 && fineLook.wanted(out, longSide)) {
            Mat fine = shrink(bgr, fineSide, fineImage);
            int fw = fine.cols();
            int fh = fine.rows();
            List<int[]> fineTiles = tiles(fw, fh, new int[] {fineDivisions});
            if (fineTiles.size() > 1) {
                fineLooks++;
                List<Detection> second = new ArrayList<>();
                double fs = (double) fw / bgr.cols();
                for (int[] t : fineTiles.subList(1, fineTiles.size())) {
                    if (hinted(t, out, fs, longSide)) {
                        runPass(fine, t[0], t[1], t[2], t[3], fw, fh, 1.0, second);
                    }
                }
                raw.addAll(scaled(second, (double) bgr.cols() / fw, (double) bgr.rows() / fh));
                out = weightedNms(raw);
            }
        }
        List<Detection> kept = new ArrayList<>(out.size());
        for (Detection d : out) {
            if (d.score() >= minScore) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** Whether fine tile {@code t} (pixels of an image {@code fs} times the photo) holds a hint ({@link #HINT_SCORE}). */
    private boolean hinted(int[] t, List<Detection> first, double fs, int longSide) {
        for (Detection d : first) {
            double cx = (d.x() + d.w() / 2) * fs;
            double cy = (d.y() + d.h() / 2) * fs;
            if (d.score() >= HINT_SCORE && d.h() < HINT_MAX_FACE * fineLook.smallFace() * longSide
                    && cx >= t[0] && cx < t[0] + t[2] && cy >= t[1] && cy < t[1] + t[3]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double fineLookShare() {
        return calls == 0 ? 0 : (double) fineLooks / calls;
    }

    /** {@code bgr} shrunk to {@code side} on its long side into {@code into}, or {@code bgr} itself when not larger. */
    private static Mat shrink(Mat bgr, int side, Mat into) {
        int longSide = Math.max(bgr.cols(), bgr.rows());
        if (longSide <= side) {
            return bgr;
        }
        double s = (double) side / longSide;
        try (Size size = new Size((int) Math.round(bgr.cols() * s), (int) Math.round(bgr.rows() * s))) {
            opencv_imgproc.resize(bgr, into, size, 0, 0, opencv_imgproc.INTER_AREA);
        }
        return into;
    }

    private static List<Detection> scaled(List<Detection> dets, double sx, double sy) {
        if (sx == 1 && sy == 1) {
            return dets;
        }
        List<Detection> out = new ArrayList<>(dets.size());
        for (Detection d : dets) {
            float[] lm = d.landmarks().clone();
            for (int k = 0; k < lm.length; k += 2) {
                lm[k] = (float) (lm[k] * sx);
                lm[k + 1] = (float) (lm[k + 1] * sy);
            }
            out.add(new Detection(d.x() * sx, d.y() * sy, d.w() * sx, d.h() * sy, lm, d.score()));
        }
        return out;
    }

    /** The whole frame, then square tiles {x, y, w, h} for each division. */
    List<int[]> tiles(int w, int h) {
        return tiles(w, h, divisions);
    }

    private static List<int[]> tiles(int w, int h, int[] divisions) {
        List<int[]> out = new ArrayList<>();
        out.add(new int[] {0, 0, w, h});
        int longSide = Math.max(w, h);
        for (int n : divisions) {
            int side = (int) Math.round(TILE_SIDE_FACTOR * longSide / n);
            if (side >= longSide || side < INPUT_PX) {
                // Tiles smaller than the model's input would only be enlarged: nothing the whole frame missed.
                continue;
            }
            int tw = Math.min(side, w);
            int th = Math.min(side, h);
            for (int y : starts(h, th)) {
                for (int x : starts(w, tw)) {
                    out.add(new int[] {x, y, tw, th});
                }
            }
        }
        return out;
    }

    private static List<Integer> starts(int length, int side) {
        List<Integer> s = new ArrayList<>();
        if (side >= length) {
            s.add(0);
            return s;
        }
        int step = Math.max(1, (int) Math.round(side * TILE_STEP));
        for (int p = 0; ; p += step) {
            if (p + side >= length) {
                s.add(length - side);
                break;
            }
            s.add(p);
        }
        return s;
    }

    private void runPass(Mat bgr, int tx, int ty, int tw, int th, int imgW, int imgH, double zoom, List<Detection> out) {
        double scale = (double) INPUT_PX / Math.max(tw, th) / zoom;
        int nw = Math.max(1, Math.min(INPUT_PX, (int) Math.round(tw * scale)));
        int nh = Math.max(1, Math.min(INPUT_PX, (int) Math.round(th * scale)));
        int ox = (INPUT_PX - nw) / 2;
        int oy = (INPUT_PX - nh) / 2;
        canvas.put(black);
        try (Rect src = new Rect(tx, ty, tw, th); Mat roi = new Mat(bgr, src);
             Rect dst = new Rect(ox, oy, nw, nh); Mat target = new Mat(canvas, dst); Size size = new Size(nw, nh)) {
            opencv_imgproc.resize(roi, target, size, 0, 0, opencv_imgproc.INTER_AREA);
        }
        BytePointer data = canvas.data();
        data.get(pixels, 0, pixels.length);
        for (int i = 0; i < pixels.length; i += 3) {
            // BGR → RGB, x / 127.5 − 1
            input[i] = (pixels[i + 2] & 0xff) / 127.5f - 1f;
            input[i + 1] = (pixels[i + 1] & 0xff) / 127.5f - 1f;
            input[i + 2] = (pixels[i] & 0xff) / 127.5f - 1f;
        }
        FloatPointer in = tflite.interpreter().typed_input_tensor_float(0);
        in.put(input, 0, input.length);
        tflite.invoke();
        tflite.interpreter().typed_output_tensor_float(regressorsOut).get(regressors, 0, regressors.length);
        tflite.interpreter().typed_output_tensor_float(scoresOut).get(logits, 0, logits.length);

        double inv = 1.0 / scale;
        double margin = TILE_BORDER_MARGIN * Math.max(tw, th);
        boolean innerLeft = tx > 0;
        boolean innerTop = ty > 0;
        boolean innerRight = tx + tw < imgW;
        boolean innerBottom = ty + th < imgH;
        for (int a = 0; a < ANCHORS; a++) {
            float logit = Math.max(-LOGIT_CLIP, Math.min(LOGIT_CLIP, logits[a]));
            double score = 1.0 / (1.0 + Math.exp(-logit));
            if (score < collectMin) {
                continue;
            }
            double ax = ((a % GRID) + 0.5) / GRID;
            double ay = ((a / GRID) + 0.5) / GRID;
            int r = a * REGRESSORS;
            double cx = (regressors[r] / INPUT_PX + ax) * INPUT_PX;
            double cy = (regressors[r + 1] / INPUT_PX + ay) * INPUT_PX;
            double bw = regressors[r + 2];
            double bh = regressors[r + 3];
            double x0 = (cx - bw / 2 - ox) * inv + tx;
            double y0 = (cy - bh / 2 - oy) * inv + ty;
            double x1 = x0 + bw * inv;
            double y1 = y0 + bh * inv;
            if (zoom > 1 && (y1 - y0) < ZOOM_OUT_MIN_FACE * Math.max(tw, th)) {
                continue;
            }
            if ((innerLeft && x0 < tx + margin) || (innerTop && y0 < ty + margin)
                    || (innerRight && x1 > tx + tw - margin) || (innerBottom && y1 > ty + th - margin)) {
                continue;
            }
            float[] lm = new float[12];
            for (int k = 0; k < 6; k++) {
                lm[2 * k] = (float) (((regressors[r + 4 + 2 * k] / INPUT_PX + ax) * INPUT_PX - ox) * inv + tx);
                lm[2 * k + 1] = (float) (((regressors[r + 5 + 2 * k] / INPUT_PX + ay) * INPUT_PX - oy) * inv + ty);
            }
            out.add(new Detection(x0, y0, x1 - x0, y1 - y0, lm, (float) score));
        }
    }

    /** Groups boxes overlapping ≥ {@link #NMS_IOU} and replaces each group by its score-weighted mean. */
    static List<Detection> weightedNms(List<Detection> dets) {
        List<Detection> rest = new ArrayList<>(dets);
        rest.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> out = new ArrayList<>();
        while (!rest.isEmpty()) {
            Detection top = rest.get(0);
            List<Detection> group = new ArrayList<>();
            List<Detection> keep = new ArrayList<>();
            for (Detection d : rest) {
                (top.iou(d) >= NMS_IOU ? group : keep).add(d);
            }
            rest = keep;
            double sw = 0;
            double x = 0;
            double y = 0;
            double x2 = 0;
            double y2 = 0;
            float[] lm = new float[top.landmarks().length];
            for (Detection d : group) {
                double s = d.score();
                sw += s;
                x += d.x() * s;
                y += d.y() * s;
                x2 += (d.x() + d.w()) * s;
                y2 += (d.y() + d.h()) * s;
                for (int k = 0; k < lm.length; k++) {
                    lm[k] += (float) (d.landmarks()[k] * s);
                }
            }
            for (int k = 0; k < lm.length; k++) {
                lm[k] /= (float) sw;
            }
            out.add(new Detection(x / sw, y / sw, (x2 - x) / sw, (y2 - y) / sw, lm, top.score()));
        }
        return out;
    }

    @Override
    public void close() {
        tflite.close();
        canvas.close();
        black.close();
        shrunk.close();
        fineImage.close();
    }
}
