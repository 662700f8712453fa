package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import kindred.library.FaceAnalyzer;
import kindred.model.PhotoReadException;
import kindred.model.PhotoReadException.Reason;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoReadFailureTest {

    @TempDir
    static Path library;

    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new OpenCvVisionProvider(library.resolve("models")).newAnalyzer("default");
    }

    @AfterAll
    static void close() {
        analyzer.close();
    }

    private static Reason reasonFor(byte[] bytes) {
        PhotoReadException e = catchThrowableOfType(PhotoReadException.class, () -> analyzer.analyze(bytes, 1, true));
        assertThat(e).as("expected a PhotoReadException").isNotNull();
        assertThat(e.getMessage()).isNotBlank();
        return e.reason();
    }

    private static byte[] png(int w, int h) {
        try (Mat m = new Mat(h, w, opencv_core.CV_8UC3, new Scalar(90, 120, 150, 0))) {
            return TestPhotos.encode(m, ".png");
        }
    }

    @Test
    void emptyBytesAreEmpty() {
        assertThat(reasonFor(new byte[0])).isEqualTo(Reason.EMPTY);
    }

    @Test
    void textIsAnUnsupportedFormat() {
        assertThat(reasonFor("hello, not a photo".getBytes(StandardCharsets.UTF_8))).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void aHeicHeaderWithNoImageIsCutShort() {
        byte[] heic = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
        assertThat(reasonFor(heic)).isIn(Reason.TRUNCATED, Reason.CORRUPT);
    }

    @Test
    void anMp4VideoIsNotAPhoto() {
        byte[] mp4 = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1'};
        assertThat(reasonFor(mp4)).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    }

    @Test
    void aJpegCutInHalfIsTruncated() {
        byte[] full = TestPhotos.bytes(TestPhotos.sample(1));
        assertThat(reasonFor(Arrays.copyOf(full, full.length / 2))).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void aJpegCutInsideItsHeaderIsTruncated() {
        byte[] full = TestPhotos.bytes(TestPhotos.sample(1));
        assertThat(reasonFor(Arrays.copyOf(full, 40))).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void aPngWithoutItsEndIsTruncated() {
        byte[] full = png(64, 48);
        assertThat(reasonFor(Arrays.copyOf(full, full.length - 12))).isEqualTo(Reason.TRUNCATED);
    }

    @Test
    void aPngWithDamagedPixelDataIsCorrupt() {
        byte[] b = png(64, 48);
        for (int i = 45; i < b.length - 20; i++) {
            b[i] = (byte) (b[i] ^ 0x5A);
        }
        assertThat(reasonFor(b)).isEqualTo(Reason.CORRUPT);
    }

    @Test
    void aJpegWithGarbageAfterItsSignatureIsCorrupt() {
        byte[] b = new byte[400];
        Arrays.fill(b, (byte) 0x37);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[3] = (byte) 0xE0;
        b[4] = 0;
        b[5] = 16;
        b[398] = (byte) 0xFF;
        b[399] = (byte) 0xD9;
        assertThat(reasonFor(b)).isEqualTo(Reason.CORRUPT);
    }

    @Test
    void aHugeImageIsRefusedBeforeDecoding() {
        byte[] b = png(16, 16);
        // IHDR width and height at bytes 16..23: claim 30000 × 30000 (900 MP)
        int side = 30000;
        for (int k = 0; k < 2; k++) {
            b[16 + 4 * k] = (byte) (side >>> 24);
            b[17 + 4 * k] = (byte) (side >>> 16);
            b[18 + 4 * k] = (byte) (side >>> 8);
            b[19 + 4 * k] = (byte) side;
        }
        assertThat(reasonFor(b)).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void aBlankPngHasNoFaces() throws PhotoReadException {
        assertThat(analyzer.analyze(png(320, 240), 1, true).faces()).isEmpty();
    }
}
