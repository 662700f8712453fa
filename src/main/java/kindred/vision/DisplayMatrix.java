package kindred.vision;

/**
 * FFmpeg's display matrix (the transform a viewer applies to show a frame upright: a HEIF file's {@code irot} and
 * {@code imir} boxes, a video's rotation) as an EXIF orientation code, so that one function ({@link
 * PhotoDecoder#orient}) turns every photo upright. Pure arithmetic, thread-safe.
 */
final class DisplayMatrix {

    private DisplayMatrix() {
    }

    /**
     * The EXIF orientation code of a 3×3 display matrix (16.16 fixed point, row-major as FFmpeg stores it). Follows
     * FFmpeg's own command line (its autorotate filters), so Kindred shows a HEIF photo as FFmpeg and libheif do.
     */
    static int toExifOrientation(int[] m) {
        if (m == null || m.length < 9) {
            return 1;
        }
        double angle = rotationCounterClockwise(m);
        if (Double.isNaN(angle)) {
            return 1;
        }
        // Clockwise turn that shows the frame upright, in 0..359.
        double theta = -Math.round(angle);
        theta -= 360 * Math.floor(theta / 360 + 0.9 / 360);
        if (Math.abs(theta - 90) < 1) {
            return m[3] > 0 ? 5 : 6;   // transpose (rotate counter-clockwise and flip) : rotate clockwise
        }
        if (Math.abs(theta - 180) < 1) {
            boolean h = m[0] < 0;
            boolean v = m[4] < 0;
            return h && v ? 3 : h ? 2 : v ? 4 : 1;
        }
        if (Math.abs(theta - 270) < 1) {
            return m[3] < 0 ? 7 : 8;   // transverse (rotate clockwise and flip) : rotate counter-clockwise
        }
        if (Math.abs(theta) < 1) {
            return m[4] < 0 ? 4 : 1;
        }
        return 1; // not a multiple of 90°: photos have none
    }

    /** FFmpeg's {@code av_display_rotation_get}: degrees the matrix turns the frame counter-clockwise, or NaN. */
    static double rotationCounterClockwise(int[] m) {
        double a = m[0] / 65536.0;
        double b = m[1] / 65536.0;
        double c = m[3] / 65536.0;
        double d = m[4] / 65536.0;
        double s0 = Math.hypot(a, c);
        double s1 = Math.hypot(b, d);
        if (s0 == 0 || s1 == 0) {
            return Double.NaN;
        }
        return -Math.toDegrees(Math.atan2(b / s1, a / s0));
    }
}
