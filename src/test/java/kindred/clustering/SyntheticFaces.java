package kindred.clustering;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic face embeddings with MobileFaceNet-like statistics: each person is a random direction with a
 * shared "face-ness" component and a few shared attribute directions, so different people have cosines
 * around 0.1 (spread −0.2…0.4); each face is its person's direction plus noise, so two faces of one
 * person have cosines around 0.65 (spread 0.45…0.9).
 */
public final class SyntheticFaces {

    public static final int DIMS = 192;

    private final SplittableRandom random;
    private final float[] common;
    private final float[][] attributes;

    public SyntheticFaces(long seed) {
        random = new SplittableRandom(seed);
        common = unit(gaussian(DIMS));
        attributes = new float[8][];
        for (int a = 0; a < attributes.length; a++) {
            attributes[a] = unit(gaussian(DIMS));
        }
    }

    /** A new person's centre direction (unit). */
    public float[] person() {
        float[] v = gaussian(DIMS);
        scale(v, (float) (0.85 / Math.sqrt(DIMS)));
        add(v, common, 0.3f);
        for (float[] a : attributes) {
            add(v, a, (float) (random.nextGaussian() * 0.22));
        }
        return unit(v);
    }

    /** A face of the person with centre {@code centre} (unit). */
    public float[] face(float[] centre) {
        double noise = 0.55 + random.nextDouble() * 0.35; // per-face noise level: blur, pose, age
        float[] v = gaussian(DIMS);
        scale(v, (float) (noise / Math.sqrt(DIMS)));
        add(v, centre, 1f);
        return unit(v);
    }

    /** Labelled faces: people with the given numbers of faces; face ids 0.., photo ids = face ids. */
    public List<Labelled> library(int[] facesPerPerson) {
        List<Labelled> out = new ArrayList<>();
        long id = 0;
        for (int p = 0; p < facesPerPerson.length; p++) {
            float[] c = person();
            for (int f = 0; f < facesPerPerson[p]; f++) {
                out.add(new Labelled(new FaceVector(id, id, face(c)), p));
                id++;
            }
        }
        return out;
    }

    public record Labelled(FaceVector face, int person) {
    }

    float[] gaussian(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    static float[] unit(float[] v) {
        double n = 0;
        for (float f : v) {
            n += f * f;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private static void scale(float[] v, float s) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= s;
        }
    }

    private static void add(float[] into, float[] v, float w) {
        for (int i = 0; i < into.length; i++) {
            into[i] += w * v[i];
        }
    }

    static double cosine(float[] a, float[] b) {
        return NeighbourSearch.dot(a, b);
    }
}
