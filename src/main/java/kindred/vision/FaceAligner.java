package kindred.vision;

import kindred.model.LandmarkScheme;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Warps a face to the standard 112×112 ArcFace template with the least-squares similarity transform
 * (rotation, uniform scale, translation) of the detector's landmarks. YuNet's five points map to the five
 * template points; BlazeFace has no mouth corners, so its eyes, nose tip and mouth centre map to the template's
 * eyes, nose and the midpoint of its mouth corners (ears are not used). Not thread-safe (reuses buffers).
 */
final class FaceAligner {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    static final int SIZE_PX = 112;

    /** Template in 112×112 pixels: right eye, left eye (subject's), nose tip, right and left mouth corner. */
    static final double[] TEMPLATE = {
        38.2946, 51.6963, 73.5318, 51.5014, 56.0252, 71.7366, 41.5493, 92.3655, 70.7299, 92.2041,
    };

    private final Size size = new Size(SIZE_PX, SIZE_PX);
    private final Scalar border = new Scalar(0, 0, 0, 0);
    private final Mat affine = new Mat(2, 3, opencv_core.CV_64F);

    /** The aligned 112×112 BGR face; the caller owns (and closes) the result. */
    Mat align(Mat bgr, LandmarkScheme scheme, float[] landmarks) {
        double[] m = transform(scheme, landmarks);
        try (DoublePointer p = new DoublePointer(affine.data())) {
            p.put(m, 0, 6);
        }
        Mat out = new Mat();
        opencv_imgproc.warpAffine(bgr, out, affine, size, opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_CONSTANT, border);
        return out;
    }

    /** The 2×3 row-major matrix taking image points to template points. */
    static double[] transform(LandmarkScheme scheme, float[] lm) {
        double[] src;
        double[] dst;
        switch (scheme) {
            case YUNET_5 -> {
                src = new double[10];
                for (int i = 0; i < 10; i++) {
                    src[i] = lm[i];
                }
                dst = TEMPLATE;
            }
            case BLAZEFACE_6 -> {
                src = new double[] {lm[0], lm[1], lm[2], lm[3], lm[4], lm[5], lm[6], lm[7]};
                dst = new double[] {TEMPLATE[0], TEMPLATE[1], TEMPLATE[2], TEMPLATE[3], TEMPLATE[4], TEMPLATE[5],
                    (TEMPLATE[6] + TEMPLATE[8]) / 2, (TEMPLATE[7] + TEMPLATE[9]) / 2};
            }
            default -> throw new IllegalArgumentException("cannot align a face without landmarks");
        }
        return similarity(src, dst);
    }

    /**
     * Least-squares similarity (Umeyama without reflection) from {@code src} to {@code dst} points
     * ({@code [x0, y0, x1, y1, ...]}): returns {@code [a, -b, tx, b, a, ty]}.
     */
    static double[] similarity(double[] src, double[] dst) {
        int n = src.length / 2;
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (int i = 0; i < n; i++) {
            sx += src[2 * i];
            sy += src[2 * i + 1];
            dx += dst[2 * i];
            dy += dst[2 * i + 1];
        }
        sx /= n;
        sy /= n;
        dx /= n;
        dy /= n;
        double num1 = 0, num2 = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double px = src[2 * i] - sx;
            double py = src[2 * i + 1] - sy;
            double qx = dst[2 * i] - dx;
            double qy = dst[2 * i + 1] - dy;
            num1 += px * qx + py * qy;
            num2 += px * qy - py * qx;
            den += px * px + py * py;
        }
        double a = den == 0 ? 1 : num1 / den;
        double b = den == 0 ? 0 : num2 / den;
        double tx = dx - (a * sx - b * sy);
        double ty = dy - (b * sx + a * sy);
        return new double[] {a, -b, tx, b, a, ty};
    }
}
