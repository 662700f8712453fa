package kindred.vision;

import kindred.library.Thumbnailer.Pixels;
import kindred.model.FaceBox;
import kindred.model.PhotoReadException;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Thumbnails and face crops with OpenCV, for {@link OpenCvThumbnailer}: reduced JPEG decoding, EXIF orientation
 * applied by {@link PhotoDecoder}, area-averaged downscaling. Stateless and thread-safe (a decoder per call).
 */
final class Thumbnails {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    /** Margin around a face box in a crop, as a fraction of the box's long side on each side: shows the head. */
    static final double CROP_MARGIN = 0.35;

    private Thumbnails() {
    }

    static Pixels thumbnail(byte[] encoded, int exifOrientation, int maxSide) throws PhotoReadException {
        PhotoDecoder.Decoded d = new PhotoDecoder(Math.max(1, maxSide)).decode(encoded, exifOrientation);
        try (Mat img = d.image()) {
            double s = Math.min(1.0, (double) maxSide / Math.max(img.cols(), img.rows()));
            int w = Math.max(1, (int) Math.round(img.cols() * s));
            int h = Math.max(1, (int) Math.round(img.rows() * s));
            try (Mat small = resize(img, w, h)) {
                return new Pixels(w, h, argb(small), d.displayWidth(), d.displayHeight());
            }
        }
    }

    static Pixels faceCrop(byte[] encoded, int exifOrientation, FaceBox box, int size) throws PhotoReadException {
        ImageHeader header = ImageHeader.read(encoded == null ? new byte[0] : encoded);
        double side = Math.max(box.w(), box.h()) * (1 + 2 * CROP_MARGIN);
        int longSide = Math.max(header.width(), header.height());
        // Decode just large enough that the crop keeps at least `size` pixels.
        int workMin = longSide > 0 && side > 0 ? (int) Math.ceil(longSide * size / side) : Integer.MAX_VALUE;
        PhotoDecoder.Decoded d = new PhotoDecoder(Math.max(size, workMin)).decode(encoded, exifOrientation);
        try (Mat img = d.image()) {
            double cx = box.centerX() / d.scaleX();
            double cy = box.centerY() / d.scaleY();
            double half = side / 2 / Math.max(d.scaleX(), d.scaleY());
            int x0 = clamp((int) Math.round(cx - half), 0, img.cols() - 1);
            int y0 = clamp((int) Math.round(cy - half), 0, img.rows() - 1);
            int x1 = clamp((int) Math.round(cx + half), x0 + 1, img.cols());
            int y1 = clamp((int) Math.round(cy + half), y0 + 1, img.rows());
            try (Rect r = new Rect(x0, y0, x1 - x0, y1 - y0); Mat roi = new Mat(img, r); Mat out = resize(roi, size, size)) {
                return new Pixels(size, size, argb(out), d.displayWidth(), d.displayHeight());
            }
        }
    }

    private static Mat resize(Mat src, int w, int h) {
        Mat out = new Mat();
        boolean shrinking = w <= src.cols() && h <= src.rows();
        try (Size sz = new Size(w, h)) {
            opencv_imgproc.resize(src, out, sz, 0, 0, shrinking ? opencv_imgproc.INTER_AREA : opencv_imgproc.INTER_LINEAR);
        }
        return out;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** BGR (or grey) 8-bit to packed opaque ARGB. */
    private static int[] argb(Mat bgr) {
        Mat m = bgr.isContinuous() ? bgr : bgr.clone();
        try {
            int w = m.cols();
            int h = m.rows();
            int ch = m.channels();
            byte[] data = new byte[w * h * ch];
            m.data().get(data);
            int[] out = new int[w * h];
            for (int i = 0, p = 0; i < out.length; i++, p += ch) {
                int b = data[p] & 0xFF;
                int g = ch >= 3 ? data[p + 1] & 0xFF : b;
                int r = ch >= 3 ? data[p + 2] & 0xFF : b;
                out[i] = 0xFF000000 | (r << 16) | (g << 8) | b;
            }
            return out;
        } finally {
            if (m != bgr) {
                m.close();
            }
        }
    }
}
