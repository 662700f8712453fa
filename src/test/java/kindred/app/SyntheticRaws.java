package kindred.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Minimal camera RAW files built in a test, shaped as in {@code kindred.metadata.RawPreviewsTest}: a little-endian
 * TIFF with Canon's "CR" marker at offset 8 and one IFD with Make, Orientation and JPEGInterchangeFormat(Length)
 * pointing at an embedded JPEG preview. No sensor data: the preview is what Kindred reads.
 */
final class SyntheticRaws {

    private static final int ASCII = 2;
    private static final int SHORT = 3;
    private static final int LONG = 4;
    /** Where the preview starts in the file. */
    static final int PREVIEW_AT = 256;

    private SyntheticRaws() {
    }

    /** A CR2-like RAW wrapping this JPEG as its preview. */
    static byte[] cr2Like(byte[] jpeg, int orientation) {
        return cr2Like(jpeg, orientation, PREVIEW_AT, jpeg.length, jpeg);
    }

    /**
     * A CR2-like RAW whose preview fields say {@code offsetField}/{@code lengthField} and whose bytes after the IFD
     * are {@code payload} (which need not be the JPEG the fields describe).
     */
    static byte[] cr2Like(byte[] jpeg, int orientation, int offsetField, int lengthField, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(PREVIEW_AT + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'I').put(1, (byte) 'I').putShort(2, (short) 42).putInt(4, 16);
        b.put(8, "CR".getBytes(StandardCharsets.US_ASCII));
        b.put(200, "Canon\0".getBytes(StandardCharsets.US_ASCII));
        int[][] entries = {{0x010F, ASCII, 6, 200}, {0x0112, SHORT, 1, orientation}, {0x0201, LONG, 1, offsetField},
            {0x0202, LONG, 1, lengthField}};
        int at = 16;
        b.putShort(at, (short) entries.length);
        for (int i = 0; i < entries.length; i++) {
            int e = at + 2 + 12 * i;
            b.putShort(e, (short) entries[i][0]).putShort(e + 2, (short) entries[i][1]).putInt(e + 4, entries[i][2]).putInt(e + 8, entries[i][3]);
        }
        b.putInt(at + 2 + 12 * entries.length, 0);
        b.put(PREVIEW_AT, payload);
        return b.array();
    }
}
