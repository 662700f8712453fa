package kindred.model;

/**
 * One face found in a photo by a detector, before it is stored.
 *
 * @param box       display-space pixel box
 * @param landmarks display-space landmarks of the detector's scheme
 * @param score     detector confidence, 0..1
 * @param quality   0..1, how usable the face is for recognition (size, sharpness, frontal pose);
 *                  faces below the clustering minimum are stored and shown but not auto-clustered
 * @param embedding the face's embedding, or {@code null} when embedding was not asked for
 */
public record DetectedFace(FaceBox box, Landmarks landmarks, double score, double quality, Embedding embedding) {
}
