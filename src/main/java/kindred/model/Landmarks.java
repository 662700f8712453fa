package kindred.model;

import java.util.Arrays;

/**
 * Facial landmarks in display pixels, {@code xy = [x0, y0, x1, y1, ...]} in the order of {@link #scheme()}.
 * "Right eye" is the subject's right eye (the one on the left of the picture).
 */
public record Landmarks(LandmarkScheme scheme, float[] xy) {

    public static final Landmarks NONE = new Landmarks(LandmarkScheme.NONE, new float[0]);

    public Landmarks {
        if (xy.length != scheme.points() * 2) {
            throw new IllegalArgumentException(scheme + " needs " + scheme.points() * 2 + " coordinates, got " + xy.length);
        }
    }

    public float x(int i) {
        return xy[2 * i];
    }

    public float y(int i) {
        return xy[2 * i + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks l && l.scheme == scheme && Arrays.equals(l.xy, xy);
    }

    @Override
    public int hashCode() {
        return scheme.hashCode() * 31 + Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Landmarks[" + scheme + " " + Arrays.toString(xy) + "]";
    }
}
