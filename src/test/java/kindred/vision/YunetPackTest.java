package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kindred.library.FaceAnalyzer;
import kindred.model.LandmarkScheme;
import kindred.model.PhotoAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The optional YuNet pack, installed from the shared development folder (skipped when that is absent). */
@Tag("slow")
class YunetPackTest {

    @TempDir
    static Path library;

    private static FaceAnalyzer analyzer;

    @BeforeAll
    static void install() throws Exception {
        Path models = TestPhotos.shared("models");
        OpenCvVisionProvider p = new OpenCvVisionProvider(library.resolve("models"));
        p.installFrom(models);
        analyzer = p.newAnalyzer();
    }

    @AfterAll
    static void close() {
        if (analyzer != null) {
            analyzer.close();
        }
    }

    @ParameterizedTest(name = "sample{0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void findsTheSameFacesAsAPersonWould(int sample) throws Exception {
        PhotoAnalysis a = analyzer.analyze(TestPhotos.bytes(TestPhotos.sample(sample)), 1, true);
        assertThat(a.detectorId()).isEqualTo("yunet-2026may");
        DemoPhotosGoldenTest.assertFacesAt(a, DemoPhotosGoldenTest.FACE_CENTRES[sample - 1]);
        assertThat(a.faces()).allSatisfy(f -> {
            assertThat(f.landmarks().scheme()).isEqualTo(LandmarkScheme.YUNET_5);
            assertThat(f.embedding()).isNotNull();
        });
    }
}
