package kindred.model;

/**
 * An axis-aligned face box in pixels of the photo <em>as displayed</em> (EXIF orientation applied):
 * {@code x, y} is the top-left corner, {@code w, h} the size. Immutable, thread-safe.
 */
public record FaceBox(double x, double y, double w, double h) {

    public double area() {
        return Math.max(0, w) * Math.max(0, h);
    }

    public double centerX() {
        return x + w / 2;
    }

    public double centerY() {
        return y + h / 2;
    }

    /** Intersection over union, 0 when the boxes do not overlap. */
    public double iou(FaceBox o) {
        double ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
        double iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
        double inter = ix * iy;
        double union = area() + o.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    public FaceBox scaled(double s) {
        return new FaceBox(x * s, y * s, w * s, h * s);
    }
}
