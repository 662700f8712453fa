package kindred.clustering;

import java.util.Objects;

/**
 * One face as clustering sees it.
 *
 * @param faceId     the caller's stable id of the face (e.g. its database row id); unique
 * @param photoId    the photo the face is in: two faces of one photo are never put in one cluster
 * @param unitVector the face's embedding, L2-normalised (length 1 ± 1e-3); all faces given to one
 *                   index come from one embedding model and have the same dimension. Not copied: the
 *                   caller must not change the array afterwards.
 * @param vectorHash {@link java.util.Arrays#hashCode(float[])} of the vector, which tells a saved neighbour graph's
 *                   faces from changed ones; given by a caller that has it already (at 300,000 faces each pass
 *                   over the vectors costs 0.1 s), else computed
 */
public record FaceVector(long faceId, long photoId, float[] unitVector, int vectorHash) {

    public FaceVector(long faceId, long photoId, float[] unitVector) {
        this(faceId, photoId, unitVector, java.util.Arrays.hashCode(unitVector));
    }

    public FaceVector {
        Objects.requireNonNull(unitVector, "unitVector");
        double n = 0;
        for (float f : unitVector) {
            n += f * f;
        }
        if (unitVector.length == 0 || Math.abs(n - 1) > 2e-3) {
            throw new IllegalArgumentException("face " + faceId + ": vector is not unit length (|v|² = " + n + ")");
        }
    }
}
