package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kindred.library.FaceAnalyzer;
import kindred.model.DetectedFace;
import kindred.model.PhotoAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The six npm face-api demo photos (1920 px group photos, 22 faces a person would tag): every face found, in
 * the right place, nothing else. Face centres in display pixels, checked by eye.
 */
@Tag("slow")
class DemoPhotosGoldenTest {

    static final double[][][] FACE_CENTRES = {
        {{1562, 337}, {480, 489}, {922, 552}},
        {{1529, 287}, {991, 351}, {409, 285}},
        {{1164, 370}, {677, 470}, {1600, 449}},
        {{1044, 314}, {734, 209}, {350, 336}, {1352, 291}},
        {{871, 228}, {1193, 327}, {1485, 539}, {471, 1035}, {711, 553}},
        {{1575, 420}, {1276, 455}, {367, 638}, {753, 489}},
    };

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

    @ParameterizedTest(name = "sample{0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void findsEveryFaceAndNothingElse(int sample) throws Exception {
        PhotoAnalysis a = analyzer.analyze(TestPhotos.bytes(TestPhotos.sample(sample)), 1, false);
        assertFacesAt(a, FACE_CENTRES[sample - 1]);
    }

    static void assertFacesAt(PhotoAnalysis a, double[][] centres) {
        assertThat(a.faces()).hasSize(centres.length);
        for (double[] c : centres) {
            assertThat(a.faces()).as("a face around (%.0f, %.0f)", c[0], c[1]).anySatisfy(f -> {
                assertThat(Math.hypot(f.box().centerX() - c[0], f.box().centerY() - c[1])).isLessThan(0.3 * f.box().w());
                assertThat(f.box().h()).isBetween(120.0, 360.0);
            });
        }
    }

    @Test
    void embedsEveryFaceAsAUnitVector() throws Exception {
        PhotoAnalysis a = analyzer.analyze(TestPhotos.bytes(TestPhotos.sample(5)), 1, true);
        assertThat(a.embedderId()).isEqualTo("mobilefacenet-v1");
        for (DetectedFace f : a.faces()) {
            double n = 0;
            for (float v : f.embedding().vector()) {
                n += v * v;
            }
            assertThat(Math.sqrt(n)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(f.quality()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void theSameFaceShrunkByHalfKeepsItsIdentity() throws Exception {
        var display = TestPhotos.decode(TestPhotos.bytes(TestPhotos.sample(3)));
        var small = new org.bytedeco.opencv.opencv_core.Mat();
        org.bytedeco.opencv.global.opencv_imgproc.resize(display, small,
                new org.bytedeco.opencv.opencv_core.Size(display.cols() / 2, display.rows() / 2), 0, 0,
                org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA);
        PhotoAnalysis full = analyzer.analyze(TestPhotos.bytes(TestPhotos.sample(3)), 1, true);
        PhotoAnalysis half = analyzer.analyze(TestPhotos.encode(small, ".png"), 1, true);
        for (DetectedFace f : full.faces()) {
            DetectedFace g = half.faces().stream().max(java.util.Comparator.comparingDouble(h -> h.box().scaled(2).iou(f.box()))).orElseThrow();
            assertThat(f.embedding().cosine(g.embedding())).isGreaterThan(0.8);
        }
    }
}
