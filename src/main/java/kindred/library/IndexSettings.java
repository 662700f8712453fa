package kindred.library;

import java.util.Locale;
import java.util.Set;

/**
 * Every limit of scanning and indexing, named once with its unit and why.
 * Clustering and matching thresholds live with their algorithms in {@code kindred.clustering}.
 */
public final class IndexSettings {

    private IndexSettings() {
    }

    /**
     * Largest photo decoded, in pixels (width × height as stored): 250 MP, ~750 MB decoded. More than any
     * camera's sensor (a 200 MP phone photo passes, medium format is ~100 MP); a stitched panorama beyond it is
     * rare, and a PNG claiming 60,000 × 60,000 (3.6 GP, ~10 GB decoded) is a decompression bomb.
     */
    public static final long MAX_PHOTO_PIXELS = 250_000_000L;

    /** Largest file read, in bytes: 400 MB (a 16-bit 100 MP TIFF is ~600 MB uncompressed; JPEGs stay far below). */
    public static final long MAX_PHOTO_BYTES = 400L * 1024 * 1024;

    /**
     * Extensions of files a scan looks at (lower case, no dot). Anything else in a folder is ignored. The extension
     * only chooses which files to look at: the content decides how a file is decoded (a JPEG named .nef is a JPEG).
     */
    public static final Set<String> PHOTO_EXTENSIONS = Set.of(
            // OpenCV
            "jpg", "jpeg", "jpe", "jfif", "png", "webp", "tif", "tiff", "bmp", "dib", "gif",
            // FFmpeg: phones (HEIC), Canon's HEIF (.HIF), AVIF
            "heic", "heif", "hif", "avif",
            // camera RAW, through the JPEG preview the camera embeds
            "cr2", "cr3", "crw", "nef", "nrw", "arw", "srf", "sr2", "dng", "orf", "rw2", "raf", "pef", "srw", "x3f",
            "3fr", "iiq", "rwl", "gpr");

    /** Rescans: unchanged photos are marked seen in batches of this many rows per transaction. */
    public static final int SEEN_BATCH = 1000;

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether a scan should record this file name as a photo. */
    public static boolean isPhotoFileName(String fileName) {
        String ext = extension(fileName);
        return !fileName.startsWith("._") && PHOTO_EXTENSIONS.contains(ext);
    }
}
