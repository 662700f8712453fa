package kindred.library.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kindred.model.DetectedFace;
import kindred.model.FaceBox;
import kindred.model.Landmarks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionEvaluatorTest {

    private static final String GT = """
            a/one.jpg
            3
            10 10 40 40 0 0 0 0 0 0
            100 10 40 40 0 0 0 1 0 0
            200 10 20 20 0 0 0 0 0 0
            b/none.jpg
            0
            0 0 0 0 0 0 0 0 0 0
            c/two.jpg
            2
            10 10 50 50 1 0 0 0 0 0
            100 100 50 60 0 0 0 0 2 0
            """;

    static DetectedFace face(double x, double y, double w, double h, double score) {
        return new DetectedFace(new FaceBox(x, y, w, h), Landmarks.NONE, score, 1, null);
    }

    @Test
    void parsesFacesCountsAndTheDummyLineAfterZero() throws IOException {
        List<WiderGroundTruth.Image> images = WiderGroundTruth.parse(new StringReader(GT));
        assertThat(images).extracting(WiderGroundTruth.Image::path).containsExactly("a/one.jpg", "b/none.jpg", "c/two.jpg");
        assertThat(images.get(1).faces()).isEmpty();
        assertThat(images).extracting(WiderGroundTruth.Image::counted).containsExactly(1L, 0L, 2L);
    }

    @Test
    void doesNotCountInvalidOrSmallFaces() throws IOException {
        List<WiderGroundTruth.Face> faces = WiderGroundTruth.parse(new StringReader(GT)).get(0).faces();
        assertThat(faces).extracting(WiderGroundTruth.Face::counted).containsExactly(true, false, false);
    }

    @Test
    void rejectsAFileThatEndsEarly() {
        assertThatThrownBy(() -> WiderGroundTruth.parse(new StringReader("a.jpg\n2\n1 1 40 40 0 0 0 0 0 0\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("ends before");
    }

    @Test
    void scoresTruePositivesFalsePositivesAndIgnoredFaces() throws IOException {
        List<WiderGroundTruth.Image> images = WiderGroundTruth.parse(new StringReader(GT));
        List<List<DetectedFace>> dets = List.of(
                List.of(face(11, 11, 40, 40, 0.9),      // TP
                        face(100, 10, 40, 40, 0.8),     // on an invalid face: ignored
                        face(200, 10, 20, 20, 0.7),     // on a small face: ignored
                        face(12, 10, 40, 40, 0.6)),     // duplicate of the first: FP
                List.of(face(300, 300, 50, 50, 0.95)), // FP on a photo without faces
                List.of(face(100, 100, 50, 60, 0.4))); // TP, low score
        DetectionResult r = DetectionEvaluator.score(images, dets, 0.5, 0.3, 0.9);
        assertThat(r.images()).isEqualTo(3);
        assertThat(r.faces()).isEqualTo(3);
        assertThat(r.recall()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(r.precision()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(r.falsePositivesPerImage()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.sweep()).hasSize(2);
        assertThat(r.sweep().get(0).recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(r.sweep().get(1).falsePositivesPerImage()).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void aDetectionNeedsHalfOverlapToFindAFace() throws IOException {
        List<WiderGroundTruth.Image> images = WiderGroundTruth.parse(new StringReader("x.jpg\n1\n0 0 100 100 0 0 0 0 0 0\n"));
        DetectionResult r = DetectionEvaluator.score(images, List.of(List.of(face(40, 0, 100, 100, 0.9))), 0.5);
        assertThat(r.recall()).isZero();
        assertThat(r.falsePositivesPerImage()).isEqualTo(1.0);
    }

    @Test
    void evaluatesPhotosThroughTheAnalyzerAndCountsUnreadablePhotosAsMissed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/one.jpg"), "face");
        Files.writeString(dir.resolve("gt.txt"), "a/one.jpg\n1\n10 10 40 40 0 0 0 0 0 0\na/missing.jpg\n1\n10 10 40 40 0 0 0 0 0 0\n");
        var analyzer = new FakeAnalyzer(Map.of("face", List.of(face(10, 10, 40, 40, 0.9))));
        DetectionResult r = new DetectionEvaluator(analyzer).evaluate(dir, dir.resolve("gt.txt"), 0.5);
        assertThat(r.faces()).isEqualTo(2);
        assertThat(r.recall()).isEqualTo(0.5);
        assertThat(r.precision()).isEqualTo(1.0);
    }
}
