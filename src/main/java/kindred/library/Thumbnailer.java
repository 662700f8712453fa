package kindred.library;

import kindred.model.FaceBox;
import kindred.model.PhotoReadException;

/**
 * Port to small renderings of photos for the window: grid thumbnails and face crops, both in display
 * orientation (EXIF orientation applied). Decoding is reduced (JPEG DCT scaling) so a thumbnail of a 24 MP
 * photo costs a fraction of a full decode. Slow (milliseconds to tens of milliseconds): never call it on a UI
 * thread. Thread-safe.
 */
public interface Thumbnailer {

    /**
     * The photo scaled so that its long side is at most {@code maxSide} pixels (never enlarged).
     *
     * @param encoded         the file's bytes
     * @param exifOrientation EXIF orientation 1..8 of the file (1 when absent)
     */
    Pixels thumbnail(byte[] encoded, int exifOrientation, int maxSide) throws PhotoReadException;

    /**
     * A square crop around a face, {@code size}×{@code size} pixels, with some margin so the whole head shows.
     *
     * @param box the face in pixels of the full-resolution photo as displayed
     */
    Pixels faceCrop(byte[] encoded, int exifOrientation, FaceBox box, int size) throws PhotoReadException;

    /**
     * An image as packed ARGB ints, row by row.
     *
     * @param displayWidth  width of the full-resolution photo as displayed (for mapping face boxes)
     * @param displayHeight height of the full-resolution photo as displayed
     */
    record Pixels(int width, int height, int[] argb, int displayWidth, int displayHeight) {
    }
}
