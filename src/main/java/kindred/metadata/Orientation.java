package kindred.metadata;

/**
 * EXIF orientation as a map between the image as <em>stored</em> and as <em>displayed</em>, on normalized
 * coordinates (0..1 on each axis of the respective image). Regions in XMP apply to the stored image
 * (MWG 2.0, section 5.9.9); Kindred keeps boxes in display space.
 *
 * <pre>
 * o  stored → display (x, y)      meaning
 * 1  (x, y)                        upright
 * 2  (1 − x, y)                    mirrored left-right
 * 3  (1 − x, 1 − y)                rotated 180°
 * 4  (x, 1 − y)                    mirrored top-bottom
 * 5  (y, x)                        transposed (mirror, then 270° clockwise)
 * 6  (1 − y, x)                    display = stored rotated 90° clockwise
 * 7  (1 − y, 1 − x)                transverse (mirror, then 90° clockwise)
 * 8  (y, 1 − x)                    display = stored rotated 90° counter-clockwise
 * </pre>
 *
 * Display → stored is the inverse: the same map for every orientation but 6 and 8, which swap. Stateless.
 */
final class Orientation {

    private Orientation() {
    }

    /** A normalized rectangle: top-left {@code x, y}, size {@code w, h}. */
    record Rect(double x, double y, double w, double h) {
    }

    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** A rectangle of the stored image as it lies in the displayed image. */
    static Rect toDisplay(Rect stored, int orientation) {
        return map(stored, valid(orientation));
    }

    /** A rectangle of the displayed image as it lies in the stored image. */
    static Rect toStored(Rect display, int orientation) {
        int o = valid(orientation);
        return map(display, o == 6 ? 8 : o == 8 ? 6 : o);
    }

    private static int valid(int orientation) {
        return orientation >= 1 && orientation <= 8 ? orientation : 1;
    }

    private static Rect map(Rect r, int o) {
        double[] a = point(r.x(), r.y(), o);
        double[] b = point(r.x() + r.w(), r.y() + r.h(), o);
        double x0 = Math.min(a[0], b[0]);
        double y0 = Math.min(a[1], b[1]);
        return new Rect(x0, y0, Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]));
    }

    private static double[] point(double x, double y, int o) {
        return switch (o) {
            case 2 -> new double[] {1 - x, y};
            case 3 -> new double[] {1 - x, 1 - y};
            case 4 -> new double[] {x, 1 - y};
            case 5 -> new double[] {y, x};
            case 6 -> new double[] {1 - y, x};
            case 7 -> new double[] {1 - y, 1 - x};
            case 8 -> new double[] {y, 1 - x};
            default -> new double[] {x, y};
        };
    }
}
