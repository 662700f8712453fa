package kindred.metadata;

/**
 * Bounds-checked reads from a whole file held in memory. Every read past either end returns -1 instead of
 * throwing, so parsers of hostile files test one value rather than catch exceptions. Stateless, thread-safe.
 */
final class RawBytes {

    private RawBytes() {
    }

    static boolean inside(byte[] b, long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= b.length && length <= b.length - offset;
    }

    static int u8(byte[] b, long at) {
        return inside(b, at, 1) ? b[(int) at] & 0xFF : -1;
    }

    static int u16(byte[] b, long at, boolean little) {
        if (!inside(b, at, 2)) {
            return -1;
        }
        int i = (int) at;
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    static long u32(byte[] b, long at, boolean little) {
        if (!inside(b, at, 4)) {
            return -1;
        }
        long lo = u16(b, little ? at : at + 2, little);
        long hi = u16(b, little ? at + 2 : at, little);
        return hi << 16 | lo;
    }

    /** An unsigned 64-bit value, or -1 when it is out of the file or above Long.MAX_VALUE. */
    static long u64(byte[] b, long at, boolean little) {
        long first = u32(b, at, little);
        long second = u32(b, at + 4, little);
        if (first < 0 || second < 0) {
            return -1;
        }
        long hi = little ? second : first;
        long lo = little ? first : second;
        return hi > Integer.MAX_VALUE ? -1 : hi << 32 | lo;
    }

    static boolean startsWith(byte[] b, long at, String ascii) {
        if (!inside(b, at, ascii.length())) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[(int) at + i] != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
