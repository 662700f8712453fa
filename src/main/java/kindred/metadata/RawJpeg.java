package kindred.metadata;

import java.util.ArrayList;
import java.util.List;
import kindred.metadata.RawPreviews.Preview;

/**
 * Checks that a byte range of a RAW file is a JPEG a face finder can decode, and finds JPEGs by scanning when a
 * RAW's structure is unknown. Offsets are byte positions in the whole file. Stateless, thread-safe.
 */
final class RawJpeg {

    /** Smaller than SOI + one SOF segment + EOI cannot be an image: rejects stray FF D8 pairs at once. */
    static final int MIN_JPEG_BYTES = 2 + 2 + 2 + 6 + 2;

    /**
     * Segments walked from SOI looking for SOF (then SOS). Real previews have under 30 (APPn, DQT, DHT, SOF...);
     * the bound keeps a hostile chain of tiny segments from costing more than this.
     */
    static final int MAX_SEGMENTS_BEFORE_SCAN = 512;

    /** Previews a scan keeps: RAWs hold at most a thumbnail, a preview or two and a full-size JPEG. */
    static final int MAX_SCANNED_JPEGS = 16;

    /**
     * SOI candidates (FF D8 FF) a scan checks. Compressed sensor data holds about one by chance per 16 MB and
     * lossless JPEG data none (FF is stuffed as FF 00); the bound keeps a file built of overlapping fake JPEG
     * headers linear in its size.
     */
    static final int MAX_SCAN_ATTEMPTS = 1024;

    private RawJpeg() {
    }

    /**
     * The preview at {@code [offset, offset + length)} when it is a baseline or progressive JPEG with 1 or 3
     * components and a positive size lying wholly inside the file; null otherwise (lossless SOF3 raw data,
     * arithmetic or hierarchical JPEG, JPEG XL, garbage).
     */
    static Preview validate(byte[] b, long offset, long length) {
        if (length < MIN_JPEG_BYTES || !RawBytes.inside(b, offset, length)) {
            return null;
        }
        int[] sof = sof(b, (int) offset, (int) (offset + length), false);
        return sof == null ? null : new Preview((int) offset, (int) length, sof[0], sof[1]);
    }

    /**
     * Walks the marker chain from SOI up to the frame header (and to the first scan header when
     * {@code untilScan}). Returns {width, height, position after the last segment read}, or null.
     */
    private static int[] sof(byte[] b, int start, int end, boolean untilScan) {
        if (RawBytes.u8(b, start) != 0xFF || RawBytes.u8(b, start + 1) != 0xD8) {
            return null;
        }
        int p = start + 2;
        int width = 0;
        int height = 0;
        for (int segments = 0; segments < MAX_SEGMENTS_BEFORE_SCAN; segments++) {
            // Fill bytes (FF FF ...) may precede a marker.
            int fill = 0;
            while (p + 1 < end && b[p] == (byte) 0xFF && b[p + 1] == (byte) 0xFF && fill++ < 16) {
                p++;
            }
            if (p + 4 > end || b[p] != (byte) 0xFF) {
                return null;
            }
            int marker = b[p + 1] & 0xFF;
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                p += 2;
                continue;
            }
            if (marker == 0xD8 || marker == 0xD9 || marker == 0x00) {
                return null;
            }
            int segmentLength = RawBytes.u16(b, p + 2, false);
            if (segmentLength < 2 || p + 2L + segmentLength > end) {
                return null;
            }
            if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
                if (width > 0 || segmentLength < 8) {
                    return null;
                }
                height = RawBytes.u16(b, p + 5, false);
                width = RawBytes.u16(b, p + 7, false);
                int components = RawBytes.u8(b, p + 9);
                if (width <= 0 || height <= 0 || components != 1 && components != 3) {
                    return null;
                }
                if (!untilScan) {
                    return new int[] {width, height, p + 2 + segmentLength};
                }
            } else if (marker >= 0xC3 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                // Lossless (SOF3: the raw sensor data of CR2, DNG...), hierarchical or arithmetic: not a preview.
                return null;
            } else if (marker == 0xDA) {
                return width > 0 ? new int[] {width, height, p + 2 + segmentLength} : null;
            }
            p += 2 + segmentLength;
        }
        return null;
    }

    /**
     * Every JPEG found by scanning {@code [from, to)} for SOI markers, each checked like {@link #validate} and
     * ended by the first EOI after its first scan. Linear in the range: a JPEG found is skipped whole, a JPEG
     * without an EOI ends the scan (no later one could have one either), and at most
     * {@link #MAX_SCAN_ATTEMPTS} candidates are checked.
     */
    static List<Preview> scan(byte[] b, int from, int to) {
        List<Preview> found = new ArrayList<>();
        int end = Math.min(to, b.length);
        int attempts = 0;
        for (int p = Math.max(0, from); p + 3 < end && found.size() < MAX_SCANNED_JPEGS; p++) {
            if (b[p] != (byte) 0xFF || b[p + 1] != (byte) 0xD8 || b[p + 2] != (byte) 0xFF) {
                continue;
            }
            if (attempts++ >= MAX_SCAN_ATTEMPTS) {
                break;
            }
            int[] header = sof(b, p, end, true);
            if (header == null) {
                continue;
            }
            int eoi = endOfImage(b, header[2], end);
            if (eoi < 0) {
                break;
            }
            found.add(new Preview(p, eoi - p, header[0], header[1]));
            p = eoi - 1;
        }
        return found;
    }

    /** The position just after the first EOI at or after {@code from}, or -1. */
    private static int endOfImage(byte[] b, int from, int end) {
        // Entropy-coded data stuffs every FF data byte as FF 00, so the first FF D9 is the end of the image.
        for (int p = from; p + 1 < end; p++) {
            if (b[p] == (byte) 0xFF && b[p + 1] == (byte) 0xD9) {
                return p + 2;
            }
        }
        return -1;
    }

    /**
     * The position of the TIFF header inside a JPEG's APP1 "Exif" segment (where RAF keeps the camera's EXIF),
     * or -1. Only the segments before the first scan are read.
     */
    static int exifTiffStart(byte[] b, int jpegStart, int jpegEnd) {
        if (RawBytes.u16(b, jpegStart, false) != 0xFFD8) {
            return -1;
        }
        int p = jpegStart + 2;
        for (int segments = 0; segments < MAX_SEGMENTS_BEFORE_SCAN && p + 4 <= jpegEnd; segments++) {
            int marker = RawBytes.u16(b, p, false);
            int length = RawBytes.u16(b, p + 2, false);
            if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || length < 2) {
                return -1;
            }
            if (marker == 0xFFE1 && RawBytes.startsWith(b, p + 4, "Exif\0\0")) {
                return p + 10;
            }
            p += 2 + length;
        }
        return -1;
    }
}
