package kindred.vision;

import kindred.metadata.RawPreviews;
import kindred.model.PhotoReadException;
import kindred.model.PhotoReadException.Reason;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes a photo into a BGR image in display orientation at a working resolution, and says how that maps to
 * the full-resolution photo as displayed. Large JPEGs are decoded DCT-reduced (1/2, 1/4, 1/8): far cheaper than
 * decoding everything and shrinking, and the detector and embedder do not need more. Not thread-safe.
 */
final class PhotoDecoder {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    /**
     * Reduced decoding keeps at least this long side, in pixels. At 1/2 and 1/4 a 12 MP photo's faces
     * keep enough pixels for detection and embedding; measured in docs/decisions/0002-vision-pipeline.md.
     */
    static final int WORK_MIN_LONG_SIDE_PX = 1600;

    /** The decompression-bomb limit, checked again here on the decoder's own reading of the header. */
    static final long MAX_PIXELS = kindred.library.IndexSettings.MAX_PHOTO_PIXELS;

    private final int workMinLongSide;

    PhotoDecoder() {
        this(WORK_MIN_LONG_SIDE_PX);
    }

    PhotoDecoder(int workMinLongSide) {
        this.workMinLongSide = workMinLongSide;
    }

    /**
     * A decoded photo.
     *
     * @param image         BGR, display orientation, working resolution (caller closes)
     * @param displayWidth  full-resolution display width
     * @param displayHeight full-resolution display height
     * @param scaleX        display pixels per working pixel, horizontally
     * @param scaleY        display pixels per working pixel, vertically
     */
    record Decoded(Mat image, int displayWidth, int displayHeight, double scaleX, double scaleY) {
    }

    Decoded decode(byte[] encoded, int exifOrientation) throws PhotoReadException {
        if (encoded == null || encoded.length == 0) {
            throw new PhotoReadException(Reason.EMPTY, "the file is empty");
        }
        ImageHeader header = ImageHeader.read(encoded);
        if (header.format() == null) {
            throw new PhotoReadException(Reason.UNSUPPORTED_FORMAT,
                    "not an image format Kindred reads (JPEG, PNG, WebP, TIFF, BMP, GIF, HEIC/HEIF, AVIF, camera RAW)");
        }
        if ("heif".equals(header.format())) {
            return decodeHeif(encoded);
        }
        if (RAW_CONTAINERS.contains(header.format())) {
            java.util.Optional<RawPreviews.RawImage> raw = RawPreviews.inspect(encoded, null);
            if (raw.isPresent()) {
                return decodeRaw(encoded, raw.get());
            }
            if (!"tiff".equals(header.format())) {
                throw new PhotoReadException(Reason.CORRUPT, "this camera RAW file is damaged: its structure cannot be read");
            }
        }
        if ("video".equals(header.format())) {
            throw new PhotoReadException(Reason.UNSUPPORTED_FORMAT, "this is a video (MP4/MOV), not a photo; Kindred indexes photos only");
        }
        if (header.pixels() > MAX_PIXELS) {
            throw new PhotoReadException(Reason.TOO_LARGE, "the photo has " + header.width() + "×" + header.height()
                    + " pixels, more than the " + MAX_PIXELS / 1_000_000 + " million Kindred reads");
        }
        boolean jpeg = "jpeg".equals(header.format());
        if (jpeg && ImageHeader.jpegTruncated(encoded)) {
            throw new PhotoReadException(Reason.TRUNCATED, "the JPEG file is cut short (an interrupted copy or download?)");
        }
        if ("png".equals(header.format()) && ImageHeader.pngTruncated(encoded)) {
            throw new PhotoReadException(Reason.TRUNCATED, "the PNG file is cut short (an interrupted copy or download?)");
        }
        int factor = 1;
        int longSide = Math.max(header.width(), header.height());
        if (jpeg && longSide > 0) {
            while (factor < 8 && longSide / (factor * 2) >= workMinLongSide) {
                factor *= 2;
            }
        }
        int flags = opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION | switch (factor) {
            case 2 -> opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
            case 4 -> opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 8 -> opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
            default -> opencv_imgcodecs.IMREAD_COLOR;
        };
        Mat stored;
        try (BytePointer bytes = new BytePointer(encoded); Mat buf = new Mat(1, encoded.length, opencv_core.CV_8UC1, bytes)) {
            stored = opencv_imgcodecs.imdecode(buf, flags);
        } catch (RuntimeException e) {
            throw new PhotoReadException(Reason.CORRUPT, "the " + header.format() + " data is damaged: " + e.getMessage(), e);
        }
        if (stored == null || stored.empty()) {
            throw new PhotoReadException(Reason.CORRUPT, "the " + header.format() + " data is damaged and cannot be decoded");
        }
        int storedW = header.width() > 0 ? header.width() : stored.cols() * factor;
        int storedH = header.height() > 0 ? header.height() : stored.rows() * factor;
        int orientation = exifOrientation >= 1 && exifOrientation <= 8 ? exifOrientation : 1;
        Mat display = orient(stored, orientation);
        boolean swap = orientation >= 5;
        int dispW = swap ? storedH : storedW;
        int dispH = swap ? storedW : storedH;
        return new Decoded(display, dispW, dispH, (double) dispW / display.cols(), (double) dispH / display.rows());
    }

    /** Containers that may hold a camera RAW: TIFF (CR2, NEF, ARW, DNG...), Canon's CR3 and CRW, Fujifilm's RAF. */
    private static final java.util.Set<String> RAW_CONTAINERS = java.util.Set.of("tiff", "cr3", "ciff", "raf");

    /**
     * A camera RAW through the largest JPEG preview the camera embedded (Kindred does not develop sensor data: the
     * preview is the camera's own rendering, and faces need no more). The preview carries no orientation of its own:
     * the RAW's applies. Face boxes are mapped to the whole image's display size, so that XMP regions written for the
     * RAW line up in Lightroom and digiKam.
     */
    private Decoded decodeRaw(byte[] encoded, RawPreviews.RawImage raw) throws PhotoReadException {
        String kind = raw.format().toUpperCase(java.util.Locale.ROOT);
        RawPreviews.Preview p = raw.usablePreview().orElseThrow(() -> new PhotoReadException(Reason.UNSUPPORTED_FORMAT,
                raw.largest().map(small -> "this " + kind + " file's largest embedded preview is only " + small.width() + "×"
                        + small.height() + " pixels, too small to find faces in")
                        .orElse("this " + kind + " file carries no JPEG preview, and Kindred does not develop RAW sensor data")
                        + ". Save a JPEG of it with your RAW software next to it, with the same name (IMG_0001.JPG for "
                        + "IMG_0001." + kind + "), and Kindred will index the two as one photo."));
        byte[] jpeg = java.util.Arrays.copyOfRange(encoded, p.offset(), p.offset() + p.length());
        Decoded d;
        try {
            d = decode(jpeg, raw.orientation());
        } catch (PhotoReadException e) {
            throw new PhotoReadException(e.reason(), "the " + kind + " file's embedded preview cannot be read: " + e.getMessage(), e);
        }
        // The whole image's size as stored; when the RAW declares a frame of another shape than its preview (sensor
        // borders), the preview's shape wins at the RAW's long side.
        double previewAspect = (double) p.width() / p.height();
        int storedW = raw.width();
        int storedH = raw.height();
        if (storedW <= 0 || storedH <= 0 || Math.abs((double) storedW / storedH / previewAspect - 1) > MAX_RAW_ASPECT_MISMATCH) {
            int longSide = Math.max(Math.max(storedW, storedH), p.longSide());
            storedW = p.width() >= p.height() ? longSide : (int) Math.round(longSide * previewAspect);
            storedH = p.width() >= p.height() ? (int) Math.round(longSide / previewAspect) : longSide;
        }
        boolean swap = raw.orientation() >= 5 && raw.orientation() <= 8;
        int dispW = swap ? storedH : storedW;
        int dispH = swap ? storedW : storedH;
        Mat img = d.image();
        return new Decoded(img, dispW, dispH, (double) dispW / img.cols(), (double) dispH / img.rows());
    }

    /**
     * How far, as a fraction, the RAW's declared shape may differ from its preview's and still be the same frame:
     * 2 %. Sensor borders differ by under 1 % (NEF 6036×4020 for a 6000×4000 preview); a 4:3 crop of a 3:2 frame
     * differs by 11 %.
     */
    static final double MAX_RAW_ASPECT_MISMATCH = 0.02;

    /**
     * A HEIC/HEIF/AVIF photo: the file's rotation and mirror boxes turn it upright (its EXIF orientation is ignored:
     * phones write both, and applying both turns the photo on its side).
     */
    private Decoded decodeHeif(byte[] encoded) throws PhotoReadException {
        // Decoded straight at the working resolution (each tile reduced as it is converted), not at full size.
        HeifDecoder.Result r = HeifDecoder.decode(encoded, MAX_PIXELS, workMinLongSide);
        int storedW = r.width();
        int storedH = r.height();
        Mat work = shrink(r.bgr(), workMinLongSide); // a no-op unless the grid could not be reduced as it decoded
        Mat display = orient(work, r.orientation());
        boolean swap = r.orientation() >= 5;
        int dispW = swap ? storedH : storedW;
        int dispH = swap ? storedW : storedH;
        return new Decoded(display, dispW, dispH, (double) dispW / display.cols(), (double) dispH / display.rows());
    }

    /**
     * Halves the image (area-averaged) while its long side stays at or above {@code minLongSide}, as reduced JPEG
     * decoding does; returns {@code img} itself when no halving applies, else closes it.
     */
    static Mat shrink(Mat img, int minLongSide) {
        int longSide = Math.max(img.cols(), img.rows());
        int factor = 1;
        while (factor < 8 && longSide / (factor * 2) >= minLongSide) {
            factor *= 2;
        }
        if (factor == 1) {
            return img;
        }
        Mat out = new Mat();
        try (org.bytedeco.opencv.opencv_core.Size size = new org.bytedeco.opencv.opencv_core.Size(
                Math.max(1, img.cols() / factor), Math.max(1, img.rows() / factor))) {
            org.bytedeco.opencv.global.opencv_imgproc.resize(img, out, size, 0, 0, org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA);
        }
        img.close();
        return out;
    }

    /** Applies EXIF orientation 1..8 so the image is as displayed; returns {@code stored} itself for 1. */
    static Mat orient(Mat stored, int orientation) {
        if (orientation == 1) {
            return stored;
        }
        Mat out = new Mat();
        switch (orientation) {
            case 2 -> opencv_core.flip(stored, out, 1);
            case 3 -> opencv_core.rotate(stored, out, opencv_core.ROTATE_180);
            case 4 -> opencv_core.flip(stored, out, 0);
            case 5 -> opencv_core.transpose(stored, out);
            case 6 -> opencv_core.rotate(stored, out, opencv_core.ROTATE_90_CLOCKWISE);
            case 7 -> {
                opencv_core.transpose(stored, out);
                opencv_core.flip(out, out, -1);
            }
            case 8 -> opencv_core.rotate(stored, out, opencv_core.ROTATE_90_COUNTERCLOCKWISE);
            default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
        }
        stored.close();
        return out;
    }
}
