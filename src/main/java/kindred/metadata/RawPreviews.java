package kindred.metadata;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds what a camera RAW file holds for a face finder: the embedded JPEG previews (a RAW's sensor data needs a
 * demosaicing decoder; its previews decode like any JPEG), the image size, orientation and date. Pure Java on the
 * bytes of the whole file: CR2, CR3, CRW, NEF/NRW, ARW/SR2/SRF, DNG/GPR, RAF, ORF, RW2/RWL, PEF, SRW, 3FR and
 * other TIFF-based RAWs by their structure; X3F, IIQ and TIFF RAWs whose structure yields nothing by a bounded
 * scan for JPEGs. Every preview, found either way, is checked: it starts with SOI, lies inside the file, and has
 * a baseline or progressive frame header with a positive size (lossless SOF3 raw data is never a preview).
 *
 * <p>Offsets and lengths are bytes from the start of the file; sizes are pixels as stored, before the EXIF
 * orientation is applied. Stateless and thread-safe. Work is bounded on any input (visited-offset sets, entry and
 * box limits, a linear scan), so a hostile file costs at most a few passes over its bytes.
 */
public final class RawPreviews {

    /**
     * The smallest long side, in pixels, of a preview a face finder can use. A face of 40 px in a 12 MP photo
     * (4000 px long side) keeps about 10 px at 1000 px, about the least a detector finds; smaller previews (the
     * 160x120 thumbnails, the 640x424 previews of compact DNGs) would lose most faces, so a RAW without a larger
     * preview and without a JPEG twin is recorded with a reason instead of being searched for faces.
     */
    public static final int MIN_USABLE_PREVIEW_LONG_SIDE_PX = 1000;

    /** RAF header: the big-endian offset and length of the embedded JPEG, and of the RAF tag directory. */
    private static final int RAF_JPEG_OFFSET_AT = 84;
    private static final int RAF_JPEG_LENGTH_AT = 88;
    private static final int RAF_DIRECTORY_OFFSET_AT = 92;

    /** Records read from the RAF tag directory: real ones have about 40. */
    private static final int MAX_RAF_RECORDS = 256;

    /** Extensions of TIFF-based RAW formats: a TIFF under one of these names is that RAW. */
    private static final Set<String> TIFF_RAW_EXTENSIONS = Set.of("cr2", "nef", "nrw", "arw", "srf", "sr2", "dng",
            "orf", "rw2", "rwl", "pef", "srw", "3fr", "iiq", "gpr", "erf", "kdc", "dcr", "mos", "mef");

    /** One embedded JPEG: its byte range in the file and its pixel size read from its own SOF marker. */
    public record Preview(int offset, int length, int width, int height) {

        /** The longer side, in pixels. */
        public int longSide() {
            return Math.max(width, height);
        }
    }

    /**
     * What a camera RAW holds for a face finder.
     *
     * @param format      lower-case kind: "cr2", "cr3", "crw", "nef", "nrw", "arw", "srf", "sr2", "dng", "raf",
     *                    "orf", "rw2", "pef", "srw", "3fr", "iiq", "rwl", "x3f", "gpr"..., "raw" when only the
     *                    structure tells it is one
     * @param width       the finished image's pixel width as stored, before orientation (EXIF ExifImageWidth, DNG
     *                    DefaultCropSize, else the sensor's, else the largest preview's), 0 when unknown
     * @param height      the same for the height
     * @param orientation the RAW's own EXIF orientation 1..8 (1 when absent); it applies to the previews too
     * @param takenAt     EXIF DateTimeOriginal as wall-clock time, or null
     * @param previews    every embedded baseline or progressive JPEG found, largest first
     */
    public record RawImage(String format, int width, int height, int orientation, LocalDateTime takenAt,
                           List<Preview> previews) {

        public RawImage {
            previews = List.copyOf(previews);
        }

        /** The preview with the most pixels, if any. */
        public Optional<Preview> largest() {
            return previews.stream().findFirst();
        }

        /** The largest preview when its long side reaches {@link #MIN_USABLE_PREVIEW_LONG_SIDE_PX}. */
        public Optional<Preview> usablePreview() {
            return largest().filter(p -> p.longSide() >= MIN_USABLE_PREVIEW_LONG_SIDE_PX);
        }
    }

    private RawPreviews() {
    }

    /**
     * Inspects a whole file. Empty when the bytes are not a camera RAW. Never throws and never hangs, whatever
     * the bytes. Content decides: a JPEG named .nef is not a RAW; {@code fileName} (may be null) only tells a
     * TIFF-based RAW from a plain TIFF when the content does not.
     */
    public static Optional<RawImage> inspect(byte[] file, String fileName) {
        if (file == null || file.length < 16) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(inspectOrNull(file, extension(fileName)));
        } catch (RuntimeException e) {
            // Every read is bounds-checked; this is the last guard of the "never throws" contract.
            return Optional.empty();
        }
    }

    private static RawImage inspectOrNull(byte[] b, String ext) {
        RawTiff.Facts facts = new RawTiff.Facts();
        if (RawIsoMedia.isCr3(b)) {
            RawIsoMedia.read(b, facts);
            return image("cr3", facts, b, false);
        }
        if (RawCiff.isCrw(b)) {
            RawCiff.read(b, facts);
            return image("crw", facts, b, false);
        }
        if (RawBytes.startsWith(b, 0, "FUJIFILMCCD-RAW")) {
            return raf(b, facts);
        }
        if (RawBytes.startsWith(b, 0, "FOVb")) {
            // Sigma X3F: its directory is not parsed; its JPEG preview is found by the scan.
            return image("x3f", facts, b, true);
        }
        if (ext.equals("iiq") && RawBytes.startsWith(b, 0, "IIII")) {
            return image("iiq", facts, b, true);
        }
        if (RawTiff.magic(b, 0) < 0) {
            return null;
        }
        RawTiff.read(b, 0, facts);
        String format = tiffFormat(b, facts, ext);
        return format == null ? null : image(format, facts, b, !facts.dng);
    }

    private static String tiffFormat(byte[] b, RawTiff.Facts facts, String ext) {
        String make = facts.make.toUpperCase(Locale.ROOT);
        if (facts.magic == RawTiff.MAGIC_ORF || facts.magic == RawTiff.MAGIC_ORF_S) {
            return "orf";
        }
        if (facts.magic == RawTiff.MAGIC_RW2) {
            return ext.equals("rwl") || make.startsWith("LEICA") ? "rwl" : "rw2";
        }
        if (facts.magic != RawTiff.MAGIC_TIFF) {
            return null;
        }
        if (RawBytes.startsWith(b, 8, "CR")) {
            return "cr2";
        }
        if (facts.dng) {
            return ext.equals("gpr") || make.startsWith("GOPRO") ? "gpr" : "dng";
        }
        if (TIFF_RAW_EXTENSIONS.contains(ext)) {
            return ext;
        }
        boolean sonyPrivate = make.startsWith("SONY") && facts.makerPrivateData;
        if (make.isEmpty() || !facts.rawStructure && !sonyPrivate) {
            return null;
        }
        return formatOfMake(make);
    }

    private static String formatOfMake(String make) {
        if (make.startsWith("NIKON")) {
            return "nef";
        } else if (make.startsWith("SONY")) {
            return "arw";
        } else if (make.startsWith("PENTAX") || make.startsWith("RICOH") || make.startsWith("ASAHI")) {
            return "pef";
        } else if (make.startsWith("SAMSUNG")) {
            return "srw";
        } else if (make.startsWith("HASSELBLAD")) {
            return "3fr";
        } else if (make.startsWith("PHASE ONE")) {
            return "iiq";
        } else if (make.startsWith("KODAK") || make.startsWith("EASTMAN KODAK")) {
            return "dcr";
        } else if (make.startsWith("SEIKO EPSON")) {
            return "erf";
        } else if (make.startsWith("MAMIYA")) {
            return "mef";
        } else if (make.startsWith("LEAF")) {
            return "mos";
        }
        return "raw";
    }

    /** Fujifilm RAF: a fixed header pointing to the camera's JPEG (which carries the EXIF) and a tag directory. */
    private static RawImage raf(byte[] b, RawTiff.Facts facts) {
        long jpeg = RawBytes.u32(b, RAF_JPEG_OFFSET_AT, false);
        long jpegLength = RawBytes.u32(b, RAF_JPEG_LENGTH_AT, false);
        facts.candidates.add(new long[] {jpeg, jpegLength});
        if (RawBytes.inside(b, jpeg, jpegLength)) {
            int tiff = RawJpeg.exifTiffStart(b, (int) jpeg, (int) (jpeg + jpegLength));
            if (tiff > 0) {
                RawTiff.Facts exif = new RawTiff.Facts();
                RawTiff.read(b, tiff, exif);
                // The JPEG's ExifImageWidth is the JPEG's own size, not the RAW's: keep only these two.
                facts.orientation = exif.orientation;
                facts.takenAt = exif.takenAt;
            }
        }
        long directory = RawBytes.u32(b, RAF_DIRECTORY_OFFSET_AT, false);
        long count = Math.min(RawBytes.u32(b, directory, false), MAX_RAF_RECORDS);
        long p = directory + 4;
        for (int i = 0; i < count && RawBytes.inside(b, p, 4); i++) {
            int tag = RawBytes.u16(b, p, false);
            int size = RawBytes.u16(b, p + 2, false);
            // 0x111 RawImageCroppedSize (what exiftool calls the image size), else 0x100 RawImageFullSize;
            // both height first.
            if ((tag == 0x111 || tag == 0x100 && facts.cropWidth == 0) && size >= 4) {
                facts.cropHeight = RawBytes.u16(b, p + 4, false);
                facts.cropWidth = RawBytes.u16(b, p + 6, false);
            }
            p += 4 + size;
        }
        return image("raf", facts, b, true);
    }

    private static RawImage image(String format, RawTiff.Facts facts, byte[] b, boolean scanWhenNoneFound) {
        List<Preview> previews = new ArrayList<>();
        Set<Integer> offsets = new HashSet<>();
        for (long[] candidate : facts.candidates) {
            Preview p = RawJpeg.validate(b, candidate[0], candidate[1]);
            if (p != null && offsets.add(p.offset())) {
                previews.add(p);
            }
        }
        if (previews.isEmpty() && scanWhenNoneFound) {
            previews.addAll(RawJpeg.scan(b, 0, b.length));
        }
        previews.sort(Comparator.comparingLong((Preview p) -> (long) p.width() * p.height())
                .thenComparingInt(Preview::length).reversed());
        int[] size = size(format, facts);
        if (size[0] <= 0 || size[1] <= 0) {
            size = previews.isEmpty() ? new int[] {0, 0}
                    : new int[] {previews.get(0).width(), previews.get(0).height()};
        }
        LocalDateTime takenAt = facts.takenAt != null ? facts.takenAt : dateInPreviews(b, previews);
        int orientation = facts.orientation >= 1 && facts.orientation <= 8 ? facts.orientation : 1;
        return new RawImage(format, size[0], size[1], orientation, takenAt, previews);
    }

    /** The finished image's stored size by the rule of {@link RawImage#width()}; {0, 0} when unknown. */
    private static int[] size(String format, RawTiff.Facts f) {
        if (format.equals("rw2") || format.equals("rwl")) {
            int[] r = f.rw2Borders; // top, left, bottom, right
            if (r[3] > r[1] && r[2] > r[0]) {
                return new int[] {r[3] - r[1], r[2] - r[0]};
            }
        }
        boolean cropFirst = f.dng || format.equals("raf");
        if (cropFirst && f.cropWidth > 0 && f.cropHeight > 0) {
            return new int[] {f.cropWidth, f.cropHeight};
        }
        if (f.exifWidth > 0 && f.exifHeight > 0) {
            return new int[] {f.exifWidth, f.exifHeight};
        }
        if (f.cropWidth > 0 && f.cropHeight > 0) {
            return new int[] {f.cropWidth, f.cropHeight};
        }
        return new int[] {f.sensorWidth, f.sensorHeight};
    }

    /** Some RAWs (RW2) keep DateTimeOriginal only in the EXIF of their embedded JPEG. */
    private static LocalDateTime dateInPreviews(byte[] b, List<Preview> previews) {
        for (Preview p : previews) {
            int tiff = RawJpeg.exifTiffStart(b, p.offset(), p.offset() + p.length());
            if (tiff > 0) {
                RawTiff.Facts exif = new RawTiff.Facts();
                RawTiff.read(b, tiff, exif);
                if (exif.takenAt != null) {
                    return exif.takenAt;
                }
            }
        }
        return null;
    }

    private static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
