package kindred.vision;

/**
 * Format and stored pixel size read from the first bytes of an encoded image, without decoding it.
 *
 * @param format "jpeg", "png", "gif", "bmp", "webp", "tiff", "heif" (HEIC, HEIF, AVIF), "cr3" (Canon's ISO-BMFF RAW),
 *               "video" (another ISO-BMFF file: MP4, MOV), "ciff" (Canon's CRW), "raf" (Fujifilm RAW), or null when
 *               not recognised. TIFF-based camera RAWs (CR2, NEF, ARW, DNG...) read as "tiff" here.
 * @param width  stored width in pixels, 0 when the header does not say (or was not parsed)
 * @param height stored height in pixels, 0 when unknown
 */
record ImageHeader(String format, int width, int height) {

    static ImageHeader read(byte[] b) {
        if (b.length >= 3 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8 && u8(b, 2) == 0xFF) {
            return jpeg(b);
        }
        if (b.length >= 8 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            if (b.length >= 24 && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
                return new ImageHeader("png", be32(b, 16), be32(b, 20));
            }
            return new ImageHeader("png", 0, 0);
        }
        if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F') {
            return new ImageHeader("gif", b.length >= 10 ? le16(b, 6) : 0, b.length >= 10 ? le16(b, 8) : 0);
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return b.length >= 26 ? new ImageHeader("bmp", Math.abs(le32(b, 18)), Math.abs(le32(b, 22))) : new ImageHeader("bmp", 0, 0);
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return webp(b);
        }
        if (b.length >= 4 && ((b[0] == 'I' && b[1] == 'I' && b[2] == 42 && b[3] == 0)
                || (b[0] == 'M' && b[1] == 'M' && b[2] == 0 && b[3] == 42))) {
            return new ImageHeader("tiff", 0, 0);
        }
        // TIFF variants of camera RAWs: Panasonic/Leica RW2 and RWL ("IIU"), Olympus ORF ("IIRO", "IIRS", "MMOR").
        if (b.length >= 4 && ((b[0] == 'I' && b[1] == 'I' && (b[2] == 'U' && b[3] == 0 || b[2] == 'R' && (b[3] == 'O' || b[3] == 'S')))
                || (b[0] == 'M' && b[1] == 'M' && b[2] == 'O' && b[3] == 'R'))) {
            return new ImageHeader("tiff", 0, 0);
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return new ImageHeader(kindred.metadata.HeifBoxes.kind(b), 0, 0);
        }
        if (b.length >= 14 && b[6] == 'H' && b[7] == 'E' && b[8] == 'A' && b[9] == 'P' && b[10] == 'C' && b[11] == 'C'
                && b[12] == 'D' && b[13] == 'R') {
            return new ImageHeader("ciff", 0, 0);
        }
        if (b.length >= 16 && new String(b, 0, 15, java.nio.charset.StandardCharsets.ISO_8859_1).equals("FUJIFILMCCD-RAW")) {
            return new ImageHeader("raf", 0, 0);
        }
        return new ImageHeader(null, 0, 0);
    }

    long pixels() {
        return (long) width * height;
    }

    /** Walks the JPEG marker segments to the first start-of-frame. */
    private static ImageHeader jpeg(byte[] b) {
        int p = 2;
        while (p + 4 <= b.length) {
            if (u8(b, p) != 0xFF) {
                p++;
                continue;
            }
            int marker = u8(b, p + 1);
            if (marker == 0xFF) {
                p++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                p += 2;
                continue;
            }
            int len = be16(b, p + 2);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof && p + 9 <= b.length) {
                return new ImageHeader("jpeg", be16(b, p + 7), be16(b, p + 5));
            }
            if (marker == 0xDA || len < 2) {
                break;
            }
            p += 2 + len;
        }
        return new ImageHeader("jpeg", 0, 0);
    }

    /**
     * Whether a JPEG is cut short: its marker segments run past the end, or no end-of-image marker follows the
     * first scan. (Inside entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker, so 0xFFD9
     * there can only be the real end; the EXIF thumbnail's own end marker lies before the first scan.) Damage of
     * other kinds is left to the decoder.
     */
    static boolean jpegTruncated(byte[] b) {
        int p = 2;
        int sos = -1;
        while (p < b.length) {
            if (p + 1 >= b.length) {
                return true;
            }
            if (u8(b, p) != 0xFF) {
                return false;
            }
            int marker = u8(b, p + 1);
            if (marker == 0xFF) {
                p++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                p += 2;
                continue;
            }
            if (marker == 0xD9) {
                return false;
            }
            if (p + 3 >= b.length) {
                return true;
            }
            if (marker == 0xDA) {
                sos = p;
                break;
            }
            p += 2 + be16(b, p + 2);
        }
        if (sos < 0) {
            return true;
        }
        for (int i = b.length - 2; i > sos; i--) {
            if (u8(b, i) == 0xFF && u8(b, i + 1) == 0xD9) {
                return false;
            }
        }
        return true;
    }

    /** Whether a PNG lacks its closing IEND chunk. */
    static boolean pngTruncated(byte[] b) {
        int from = Math.max(8, b.length - 64 * 1024);
        for (int i = b.length - 8; i >= from; i--) {
            if (b[i] == 'I' && b[i + 1] == 'E' && b[i + 2] == 'N' && b[i + 3] == 'D') {
                return false;
            }
        }
        return true;
    }

    private static ImageHeader webp(byte[] b) {
        if (b.length >= 30 && b[12] == 'V' && b[13] == 'P' && b[14] == '8') {
            if (b[15] == ' ') {
                return new ImageHeader("webp", le16(b, 26) & 0x3FFF, le16(b, 28) & 0x3FFF);
            }
            if (b[15] == 'L') {
                int bits = le32(b, 21);
                return new ImageHeader("webp", (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1);
            }
            if (b[15] == 'X') {
                int w = 1 + (u8(b, 24) | u8(b, 25) << 8 | u8(b, 26) << 16);
                int h = 1 + (u8(b, 27) | u8(b, 28) << 8 | u8(b, 29) << 16);
                return new ImageHeader("webp", w, h);
            }
        }
        return new ImageHeader("webp", 0, 0);
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int be16(byte[] b, int i) {
        return i + 1 < b.length ? (u8(b, i) << 8) | u8(b, i + 1) : 0;
    }

    private static int be32(byte[] b, int i) {
        return (be16(b, i) << 16) | be16(b, i + 2);
    }

    private static int le16(byte[] b, int i) {
        return i + 1 < b.length ? u8(b, i) | (u8(b, i + 1) << 8) : 0;
    }

    private static int le32(byte[] b, int i) {
        return i + 3 < b.length ? le16(b, i) | (le16(b, i + 2) << 16) : 0;
    }
}
