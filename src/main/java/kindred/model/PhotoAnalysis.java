package kindred.model;

import java.util.List;

/**
 * What the vision pipeline found in one photo.
 *
 * @param width      display width in pixels of the full-resolution photo (EXIF orientation applied)
 * @param height     display height in pixels
 * @param detectorId model id of the detector (from models.lock)
 * @param embedderId model id of the embedder, or {@code null} when faces were not embedded
 * @param faces      faces in display-space pixels of the full-resolution photo, best score first
 */
public record PhotoAnalysis(int width, int height, String detectorId, String embedderId, List<DetectedFace> faces) {
}
