package kindred.vision;

import java.util.List;
import java.util.Optional;
import kindred.library.FaceAnalyzer;
import kindred.library.RegionEmbedder;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;
import kindred.model.PhotoAnalysis;
import kindred.model.PhotoReadException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Embeds a face given only by a display-space box (a region another program wrote): crops the box with a margin,
 * enlarges small crops, runs the detector on the crop and embeds the detection overlapping the box most; when the
 * detector finds nothing there (a profile, a blurred face), aligns by the box alone, with landmarks where they sit
 * in an average frontal face. Not thread-safe: owns an analyzer (native models); close it.
 */
public final class OpenCvRegionEmbedder implements RegionEmbedder {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    /** Margin added on each side of the region before detecting in it, as a fraction of its size. */
    static final double CROP_MARGIN = 0.5;

    /** A crop whose region is shorter than this (pixels) is enlarged first: small faces detect badly. */
    static final int MIN_REGION_PX = 160;

    /** The detection in the crop must overlap the region this much (IoU) to be taken for it. */
    static final double MIN_DETECTION_IOU = 0.3;

    /** Detections down to this score count inside a crop: the user (or another program) already says it is a face. */
    static final double CROP_MIN_SCORE = 0.3;

    /** Where the five YuNet landmarks sit in an average frontal face box (x, y as fractions of the box). */
    private static final float[] BOX_LANDMARKS = {0.32f, 0.40f, 0.68f, 0.40f, 0.50f, 0.58f, 0.36f, 0.77f, 0.64f, 0.77f};

    private final PhotoDecoder decoder = new PhotoDecoder();
    private final OpenCvFaceAnalyzer analyzer;

    public OpenCvRegionEmbedder(OpenCvVisionProvider provider) {
        FaceAnalyzer a = provider.newAnalyzer(provider.activePack(), CROP_MIN_SCORE);
        this.analyzer = (OpenCvFaceAnalyzer) a;
    }

    @Override
    public Optional<RegionFace> embed(byte[] encoded, int orientation, FaceBox box) {
        try (PointerScope scope = new PointerScope()) {
            PhotoDecoder.Decoded d = decoder.decode(encoded, orientation);
            Mat img = d.image();
            // The region in working pixels, then the crop around it.
            double rx = box.x() / d.scaleX();
            double ry = box.y() / d.scaleY();
            double rw = box.w() / d.scaleX();
            double rh = box.h() / d.scaleY();
            int x0 = (int) Math.max(0, Math.floor(rx - rw * CROP_MARGIN));
            int y0 = (int) Math.max(0, Math.floor(ry - rh * CROP_MARGIN));
            int x1 = (int) Math.min(img.cols(), Math.ceil(rx + rw * (1 + CROP_MARGIN)));
            int y1 = (int) Math.min(img.rows(), Math.ceil(ry + rh * (1 + CROP_MARGIN)));
            if (x1 - x0 < 4 || y1 - y0 < 4) {
                return Optional.empty();
            }
            Mat crop = new Mat(img, new Rect(x0, y0, x1 - x0, y1 - y0)).clone();
            double up = rh < MIN_REGION_PX ? MIN_REGION_PX / Math.max(1, rh) : 1;
            if (up > 1) {
                Mat big = new Mat();
                opencv_imgproc.resize(crop, big, new Size((int) Math.round(crop.cols() * up), (int) Math.round(crop.rows() * up)),
                        0, 0, opencv_imgproc.INTER_CUBIC);
                crop = big;
            }
            FaceBox inCrop = new FaceBox((rx - x0) * up, (ry - y0) * up, rw * up, rh * up);
            Optional<RegionFace> detected = detectIn(crop, inCrop);
            if (detected.isPresent()) {
                return detected;
            }
            return Optional.of(alignByBox(crop, inCrop, box.h()));
        } catch (PhotoReadException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<RegionFace> detectIn(Mat crop, FaceBox region) throws PhotoReadException {
        byte[] png;
        try (BytePointer buf = new BytePointer()) {
            opencv_imgcodecs.imencode(".png", crop, buf);
            png = new byte[(int) buf.limit()];
            buf.get(png);
        }
        PhotoAnalysis a = analyzer.analyze(png, 1, true);
        DetectedFace best = null;
        double bestIou = MIN_DETECTION_IOU;
        for (DetectedFace f : a.faces()) {
            double iou = f.box().iou(region);
            if (iou >= bestIou && f.embedding() != null) {
                best = f;
                bestIou = iou;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new RegionFace(best.embedding(), best.quality()));
    }

    private RegionFace alignByBox(Mat crop, FaceBox region, double displayHeightPx) {
        float[] lm = new float[BOX_LANDMARKS.length];
        for (int i = 0; i < lm.length; i += 2) {
            lm[i] = (float) (region.x() + BOX_LANDMARKS[i] * region.w());
            lm[i + 1] = (float) (region.y() + BOX_LANDMARKS[i + 1] * region.h());
        }
        Mat aligned = analyzer.aligner().align(crop, LandmarkScheme.YUNET_5, lm);
        List<float[]> v = analyzer.embedder().embed(List.of(aligned));
        // Aligned by guesswork: a face the detector could not confirm is worth less for clustering.
        double quality = 0.5 * FaceQuality.of(displayHeightPx, aligned, lm);
        return new RegionFace(new Embedding(analyzer.embedderId(), v.get(0)), quality);
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
