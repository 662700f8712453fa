package kindred.library;

import kindred.model.PhotoAnalysis;
import kindred.model.PhotoReadException;

/**
 * Port to the vision pipeline: decode → orient → detect → align → embed, for one photo at a time.
 *
 * <p>Coordinates in the result are pixels of the full-resolution photo <em>as displayed</em>
 * (EXIF orientation applied). Not thread-safe: each worker thread owns one analyzer
 * (native interpreters are per thread). Models are loaded once, when the analyzer is made.
 */
public interface FaceAnalyzer extends AutoCloseable {

    /**
     * Finds the faces in one encoded photo.
     *
     * @param encoded         the file's bytes (JPEG, PNG, WebP, TIFF, BMP: whatever OpenCV decodes)
     * @param exifOrientation EXIF orientation 1..8 of the file (1 when absent or invalid)
     * @param embed           whether to align and embed each face (false for detection-only evaluation)
     * @throws PhotoReadException when the bytes are not a decodable photo; the reason says why
     */
    PhotoAnalysis analyze(byte[] encoded, int exifOrientation, boolean embed) throws PhotoReadException;

    /** Model id of the detector this analyzer runs. */
    String detectorId();

    /** Model id of the embedder this analyzer runs. */
    String embedderId();

    /** The detector score at or above which a detection is reported as a face (the pack's operating point). */
    default double operatingScore() {
        return Double.NaN;
    }

    @Override
    void close();
}
