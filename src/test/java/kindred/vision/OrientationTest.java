package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.FaceBox;
import kindred.model.PhotoAnalysis;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photos stored rotated or mirrored with an EXIF orientation give the same display-space faces. */
@Tag("slow")
class OrientationTest {

    @TempDir
    static Path library;

    private static FaceAnalyzer analyzer;
    private static Mat display;
    private static PhotoAnalysis upright;

    @BeforeAll
    static void load() throws Exception {
        analyzer = new OpenCvVisionProvider(library.resolve("models")).newAnalyzer("default");
        byte[] b = TestPhotos.bytes(TestPhotos.sample(4));
        display = TestPhotos.decode(b);
        upright = analyzer.analyze(b, 1, true);
        assertThat(upright.faces()).hasSize(4);
    }

    @AfterAll
    static void close() {
        if (analyzer != null) {
            analyzer.close();
        }
    }

    /** What a camera would store for a photo displayed as {@code display} with this orientation tag. */
    private static Mat stored(int orientation) {
        Mat out = new Mat();
        switch (orientation) {
            case 1 -> display.copyTo(out);
            case 2 -> opencv_core.flip(display, out, 1);
            case 3 -> opencv_core.rotate(display, out, opencv_core.ROTATE_180);
            case 4 -> opencv_core.flip(display, out, 0);
            case 5 -> opencv_core.transpose(display, out);
            case 6 -> opencv_core.rotate(display, out, opencv_core.ROTATE_90_COUNTERCLOCKWISE);
            case 7 -> {
                opencv_core.flip(display, out, -1);
                opencv_core.transpose(out, out);
            }
            case 8 -> opencv_core.rotate(display, out, opencv_core.ROTATE_90_CLOCKWISE);
            default -> throw new IllegalArgumentException();
        }
        return out;
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void facesComeBackInDisplaySpace(int orientation) throws Exception {
        byte[] png = TestPhotos.encode(stored(orientation), ".png");
        PhotoAnalysis a = analyzer.analyze(png, orientation, false);
        assertThat(a.width()).isEqualTo(upright.width());
        assertThat(a.height()).isEqualTo(upright.height());
        assertThat(a.faces()).hasSameSizeAs(upright.faces());
        for (DetectedFace f : upright.faces()) {
            assertThat(bestIou(f.box(), a.faces())).as("face at %s", f.box()).isGreaterThan(0.7);
        }
    }

    @Test
    void landmarksStayOnTheFaceWhenMirrored() throws Exception {
        PhotoAnalysis a = analyzer.analyze(TestPhotos.encode(stored(2), ".png"), 2, false);
        for (DetectedFace f : a.faces()) {
            FaceBox b = f.box();
            assertThat(f.landmarks().x(0)).isBetween((float) b.x(), (float) (b.x() + b.w()));
            assertThat(f.landmarks().y(2)).isBetween((float) b.y(), (float) (b.y() + b.h()));
        }
    }

    @Test
    void aLargeJpegIsDecodedReducedButReportedAtFullSize() throws Exception {
        Mat big = new Mat();
        opencv_imgproc.resize(display, big, new Size(display.cols() * 2, display.rows() * 2), 0, 0, opencv_imgproc.INTER_CUBIC);
        PhotoAnalysis a = analyzer.analyze(TestPhotos.encode(big, ".jpg"), 1, true);
        assertThat(a.width()).isEqualTo(upright.width() * 2);
        assertThat(a.height()).isEqualTo(upright.height() * 2);
        assertThat(a.faces()).hasSameSizeAs(upright.faces());
        for (DetectedFace f : upright.faces()) {
            assertThat(bestIou(f.box().scaled(2), a.faces())).isGreaterThan(0.7);
        }
    }

    static double bestIou(FaceBox box, List<DetectedFace> faces) {
        return faces.stream().mapToDouble(f -> f.box().iou(box)).max().orElse(0);
    }
}
