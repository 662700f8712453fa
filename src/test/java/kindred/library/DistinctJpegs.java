package kindred.library;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JPEG with a comment segment added after its start marker: the same picture (and faces), another content hash. Tests
 * that want several photos of the demo pictures in different library folders use it: files with one content in two
 * library folders are one photo and its identical copy (issue 18).
 */
public final class DistinctJpegs {

    private DistinctJpegs() {
    }

    /** {@code jpeg} with a COM segment holding {@code tag}. */
    public static byte[] tagged(byte[] jpeg, String tag) {
        byte[] text = tag.getBytes(StandardCharsets.UTF_8);
        int len = text.length + 2;
        byte[] out = new byte[jpeg.length + 2 + len];
        out[0] = jpeg[0];
        out[1] = jpeg[1]; // SOI
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE; // COM
        out[4] = (byte) (len >> 8);
        out[5] = (byte) len;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }

    /** Copies the JPEG {@code from} to {@code to} as a distinct file (see {@link #tagged}). */
    public static void copy(Path from, Path to) throws IOException {
        Files.write(to, tagged(Files.readAllBytes(from), to.getFileName().toString()));
    }
}
