package kindred.library;

import java.time.LocalDateTime;

/**
 * What a photo's metadata says, before decoding its pixels.
 *
 * @param format       detected container format ("jpeg", "png", "webp", "tiff", "bmp", "gif", "heif", "raw", ...)
 *                     or null when unknown
 * @param storedWidth  pixel width as stored (before orientation), or 0 when unknown
 * @param storedHeight pixel height as stored, or 0 when unknown
 * @param orientation  EXIF orientation 1..8; 1 when absent or invalid
 * @param takenAt      when the photo was taken (EXIF DateTimeOriginal), or null
 */
public record PhotoMetadata(String format, int storedWidth, int storedHeight, int orientation, LocalDateTime takenAt) {

    /** Whether the orientation swaps width and height (5..8). */
    public boolean swapsAxes() {
        return orientation >= 5 && orientation <= 8;
    }
}
