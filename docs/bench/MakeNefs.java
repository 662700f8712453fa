import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Wraps each JPEG of a folder as the full-size preview of a minimal NEF-like TIFF (issue 15, item 7: the RAW
 * benchmark), built as src/test/java/kindred/metadata/RawPreviewsTest.java builds its synthetic RAWs:
 * IFD0 = a 160×120 RGB thumbnail strip, Make "NIKON CORPORATION", SubIFDs; SubIFD 1 = the JPEG
 * (JPEGInterchangeFormat/Length, like a Nikon's JpgFromRaw); SubIFD 2 = a small "raw" strip (64 KB of noise,
 * compression 34713 = Nikon NEF) declaring a sensor 36 px wider and 20 px taller than the JPEG, as a D7100's
 * 6036×4020 for its 6000×4000 preview. Kindred never reads the raw strip: the decoding cost is the JPEG's.
 *
 * <p>Usage: {@code java docs/bench/MakeNefs.java JPEG_DIR OUT_DIR}
 */
public class MakeNefs {
    static final int SHORT = 3, LONG = 4, ASCII = 2, RATIONAL = 5;

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        Random random = new Random(15);
        try (Stream<Path> files = Files.list(in)) {
            for (Path f : files.filter(p -> p.toString().toLowerCase().endsWith(".jpg")).sorted().toList()) {
                byte[] jpeg = Files.readAllBytes(f);
                int[] size = jpegSize(jpeg);
                byte[] raw = new byte[64 * 1024];
                random.nextBytes(raw);
                String name = f.getFileName().toString().replaceAll("(?i)\\.jpe?g$", ".nef");
                Files.write(out.resolve(name), nef(jpeg, size[0], size[1], raw));
            }
        }
    }

    /** Width and height from the JPEG's SOF marker. */
    static int[] jpegSize(byte[] j) {
        int i = 2;
        while (i + 9 < j.length) {
            if ((j[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int m = j[i + 1] & 0xFF;
            int len = ((j[i + 2] & 0xFF) << 8) | (j[i + 3] & 0xFF);
            if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                int h = ((j[i + 5] & 0xFF) << 8) | (j[i + 6] & 0xFF);
                int w = ((j[i + 7] & 0xFF) << 8) | (j[i + 8] & 0xFF);
                return new int[] {w, h};
            }
            i += 2 + len;
        }
        throw new IllegalArgumentException("no SOF marker");
    }

    static byte[] nef(byte[] jpeg, int w, int h, byte[] raw) {
        int thumbW = 160, thumbH = 120;
        int ifd0 = 8, sub1 = 400, sub2 = 600, strings = 1000, subList = 1100, bits = 1120, thumbAt = 2048;
        int rawAt = thumbAt + thumbW * thumbH * 3;
        int jpegAt = rawAt + raw.length;
        ByteBuffer b = ByteBuffer.allocate(jpegAt + jpeg.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'I').put(1, (byte) 'I').putShort(2, (short) 42).putInt(4, ifd0);
        b.put(strings, "NIKON CORPORATION\0".getBytes(StandardCharsets.US_ASCII));
        b.put(strings + 32, "NIKON D7100\0".getBytes(StandardCharsets.US_ASCII));
        b.putInt(subList, sub1).putInt(subList + 4, sub2);
        b.putShort(bits, (short) 8).putShort(bits + 2, (short) 8).putShort(bits + 4, (short) 8);
        ifd(b, ifd0, new int[][] {
                {0x00FE, LONG, 1, 1}, {0x0100, LONG, 1, thumbW}, {0x0101, LONG, 1, thumbH}, {0x0102, SHORT, 3, bits},
                {0x0103, SHORT, 1, 1}, {0x0106, SHORT, 1, 2}, {0x010F, ASCII, 18, strings}, {0x0110, ASCII, 12, strings + 32},
                {0x0111, LONG, 1, thumbAt}, {0x0112, SHORT, 1, 1}, {0x0115, SHORT, 1, 3}, {0x0116, LONG, 1, thumbH},
                {0x0117, LONG, 1, thumbW * thumbH * 3}, {0x014A, LONG, 2, subList}});
        ifd(b, sub1, new int[][] {
                {0x00FE, LONG, 1, 1}, {0x0103, SHORT, 1, 6}, {0x0201, LONG, 1, jpegAt}, {0x0202, LONG, 1, jpeg.length}});
        ifd(b, sub2, new int[][] {
                {0x00FE, LONG, 1, 0}, {0x0100, LONG, 1, w + 36}, {0x0101, LONG, 1, h + 20}, {0x0102, SHORT, 1, 12},
                {0x0103, SHORT, 1, 34713}, {0x0106, SHORT, 1, 32803}, {0x0111, LONG, 1, rawAt}, {0x0115, SHORT, 1, 1},
                {0x0116, LONG, 1, h + 20}, {0x0117, LONG, 1, raw.length}});
        b.put(rawAt, raw);
        b.put(jpegAt, jpeg);
        return b.array();
    }

    static void ifd(ByteBuffer b, int at, int[][] entries) {
        b.putShort(at, (short) entries.length);
        for (int i = 0; i < entries.length; i++) {
            int e = at + 2 + 12 * i;
            int[] x = entries[i];
            b.putShort(e, (short) x[0]).putShort(e + 2, (short) x[1]).putInt(e + 4, x[2]);
            if (x[1] == SHORT && x[2] == 1) {
                b.putShort(e + 8, (short) x[3]).putShort(e + 10, (short) 0);
            } else {
                b.putInt(e + 8, x[3]);
            }
        }
        b.putInt(at + 2 + 12 * entries.length, 0);
    }
}
