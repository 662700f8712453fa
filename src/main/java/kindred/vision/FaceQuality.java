package kindred.vision;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * How usable a face is for recognition, 0..1: the product of a size, a sharpness and a pose factor, each 0..1.
 * Pure function of the aligned crop and the landmarks; thread-safe.
 */
final class FaceQuality {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    /** Faces at most this tall (pixels the pipeline saw) get size factor 0: too few pixels to recognise. */
    static final double SIZE_ZERO_PX = 16;
    /** Faces at least this tall get size factor 1: the 112 px aligned crop holds ~70 % of the box height. */
    static final double SIZE_FULL_PX = 80;

    /**
     * Variance of the Laplacian of the aligned 112×112 grey face at which sharpness is 1. Sharp LFW faces score
     * well above it and heavily blurred ones far below (docs/decisions/0002-vision-pipeline.md).
     */
    static final double SHARP_LAPLACIAN_VAR = 60;

    /**
     * Nose offset from the eye midpoint, along the eye line, in inter-ocular distances, at which the pose factor
     * reaches 0 (≈ a full profile; 0 for a frontal face, ≈ 0.25 at 30° yaw).
     */
    static final double PROFILE_NOSE_OFFSET = 0.7;

    private FaceQuality() {
    }

    static double of(double heightPx, Mat alignedBgr, float[] landmarks) {
        return size(heightPx) * sharpness(alignedBgr) * pose(landmarks);
    }

    static double size(double heightPx) {
        return clamp((heightPx - SIZE_ZERO_PX) / (SIZE_FULL_PX - SIZE_ZERO_PX));
    }

    static double sharpness(Mat alignedBgr) {
        return clamp(laplacianVariance(alignedBgr) / SHARP_LAPLACIAN_VAR);
    }

    static double laplacianVariance(Mat alignedBgr) {
        try (Mat grey = new Mat(); Mat lap = new Mat(); Mat mean = new Mat(); Mat std = new Mat()) {
            opencv_imgproc.cvtColor(alignedBgr, grey, opencv_imgproc.COLOR_BGR2GRAY);
            opencv_imgproc.Laplacian(grey, lap, opencv_core.CV_64F);
            opencv_core.meanStdDev(lap, mean, std);
            double sd = std.ptr(0).getDouble();
            return sd * sd;
        }
    }

    /** From the first three landmarks (right eye, left eye, nose tip), common to both schemes. */
    static double pose(float[] lm) {
        if (lm.length < 6) {
            return 1;
        }
        double ex = lm[2] - lm[0];
        double ey = lm[3] - lm[1];
        double d = Math.hypot(ex, ey);
        if (d < 1e-6) {
            return 0;
        }
        double mx = (lm[0] + lm[2]) / 2;
        double my = (lm[1] + lm[3]) / 2;
        double along = ((lm[4] - mx) * ex + (lm[5] - my) * ey) / (d * d);
        return clamp(1 - Math.abs(along) / PROFILE_NOSE_OFFSET);
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
