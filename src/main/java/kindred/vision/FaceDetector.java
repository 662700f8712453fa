package kindred.vision;

import java.util.List;
import kindred.model.LandmarkScheme;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A face detector: finds faces in one BGR image. Coordinates of the result are pixels of the image it was
 * given. Not thread-safe (owns a native model); one per analyzer. Loads its model in its constructor.
 */
interface FaceDetector extends AutoCloseable {

    /** Model id from models.lock, recorded with every face. */
    String modelId();

    /** The landmarks each detection carries. */
    LandmarkScheme landmarkScheme();

    /** Lowest score returned. */
    double minScore();

    /** Faces in {@code bgr} (8-bit, 3 channels), best score first. */
    List<Detection> detect(Mat bgr);

    /**
     * {@link #detect(Mat)} without the faces shorter than {@code minHeight} pixels of {@code bgr}: they are dropped before
     * any further work on them (a detector that looks at small faces again does not look at these).
     */
    default List<Detection> detect(Mat bgr, double minHeight) {
        List<Detection> all = new java.util.ArrayList<>(detect(bgr));
        all.removeIf(d -> d.h() < minHeight);
        return all;
    }

    /**
     * Faces shorter than this, in pixels of the photo as displayed, are not reported: too small to recognise (the
     * quality's size factor is below 0.2 there) and most false faces are that small. In the detector's own box
     * convention, which differs by detector (docs/decisions/0012-detection.md, "Smaller than the smallest counted face").
     */
    double minFacePx();

    /** Share of the images so far on which a second, finer look was taken ({@link FineLook}); for benchmarks. */
    default double fineLookShare() {
        return 0;
    }

    @Override
    void close();

    /**
     * One detection in image pixels.
     *
     * @param landmarks {@code [x0, y0, x1, y1, ...]} in the detector's {@link #landmarkScheme()}
     * @param score     0..1
     */
    record Detection(double x, double y, double w, double h, float[] landmarks, float score) {

        double iou(Detection o) {
            double ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
            double iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
            double inter = ix * iy;
            double union = w * h + o.w * o.h - inter;
            return union <= 0 ? 0 : inter / union;
        }
    }
}
