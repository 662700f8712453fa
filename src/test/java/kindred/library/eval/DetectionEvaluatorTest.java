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

    private static final String EVENTS = """
            19--Couple/a.jpg
            2
            0 0 40 40 0 0 0 0 0 0
            100 0 100 100 2 0 0 0 2 1
            20--Family_Group/b.jpg
            2
            0 0 50 200 1 0 0 0 1 0
            300 0 60 60 0 0 0 0 0 0
            20--Family_Group/c.jpg
            0
            0 0 0 0 0 0 0 0 0 0
            """;

    private static DetectionResult scoreEvents() throws IOException {
        List<WiderGroundTruth.Image> images = WiderGroundTruth.parse(new StringReader(EVENTS));
        return DetectionEvaluator.score(images, List.of(
                List.of(face(0, 0, 40, 40, 0.9), face(500, 500, 30, 30, 0.8)),   // the 40 px face; a false 30 px one
                List.of(face(0, 0, 50, 200, 0.7), face(300, 0, 60, 60, 0.2)),    // the 200 px face; the 60 px one too low
                List.of(face(10, 10, 90, 90, 0.95))), 0.5);                      // false, 90 px
    }

    private static DetectionResult.Slice slice(DetectionResult r, String by, String name) {
        return r.breakdown(by).slices().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void readsTheBlurOcclusionAndPoseLabels() throws IOException {
        WiderGroundTruth.Face f = WiderGroundTruth.parse(new StringReader(EVENTS)).get(0).faces().get(1);
        assertThat(f.blur()).isEqualTo(2);
        assertThat(f.occlusion()).isEqualTo(2);
        assertThat(f.pose()).isEqualTo(1);
    }

    @Test
    void breaksRecallAndFalseDetectionsDownByEvent() throws IOException {
        DetectionResult r = scoreEvents();
        assertThat(r.breakdown("event").slices()).extracting(DetectionResult.Slice::name).containsExactly("19--Couple", "20--Family_Group");
        DetectionResult.Slice couple = slice(r, "event", "19--Couple");
        assertThat(couple.images()).isEqualTo(1);
        assertThat(couple.faces()).isEqualTo(2);
        assertThat(couple.found()).isEqualTo(1);
        assertThat(couple.falsePositives()).isEqualTo(1);
        DetectionResult.Slice family = slice(r, "event", "20--Family_Group");
        assertThat(family.images()).isEqualTo(2);
        assertThat(family.recall()).isEqualTo(0.5);
        assertThat(family.falsePositivesPerImage()).isEqualTo(0.5);
    }

    @Test
    void breaksRecallDownByFaceHeightAndFalseDetectionsByTheirOwnHeight() throws IOException {
        DetectionResult r = scoreEvents();
        assertThat(r.breakdown("size").slices()).extracting(DetectionResult.Slice::name).containsExactly("32-64", "64-128", "128+");
        DetectionResult.Slice small = slice(r, "size", "32-64");
        assertThat(small.faces()).isEqualTo(2);             // 40 and 60 px
        assertThat(small.found()).isEqualTo(1);
        assertThat(small.falsePositives()).isEqualTo(1);    // the 30 px false face counts in the smallest band
        DetectionResult.Slice middle = slice(r, "size", "64-128");
        assertThat(middle.faces()).isEqualTo(1);
        assertThat(middle.found()).isZero();
        assertThat(middle.falsePositives()).isEqualTo(1);   // 90 px
        assertThat(slice(r, "size", "128+").recall()).isEqualTo(1.0);
    }

    @Test
    void breaksRecallDownByOcclusionPoseAndBlurWithoutFalseDetections() throws IOException {
        DetectionResult r = scoreEvents();
        DetectionResult.Slice heavy = slice(r, "occlusion", "heavy");
        assertThat(heavy.faces()).isEqualTo(1);
        assertThat(heavy.found()).isZero();
        assertThat(heavy.falsePositives()).isNull();
        assertThat(slice(r, "occlusion", "partial").recall()).isEqualTo(1.0);
        assertThat(slice(r, "pose", "atypical").faces()).isEqualTo(1);
        assertThat(slice(r, "pose", "typical").faces()).isEqualTo(3);
        assertThat(slice(r, "blur", "clear").found()).isEqualTo(1);
    }

    @Test
    void facesWithoutLabelsAreCountedApart() throws IOException {
        List<WiderGroundTruth.Image> images = WiderGroundTruth.parse(new StringReader("x.jpg\n1\n0 0 100 100\n"));
        DetectionResult r = DetectionEvaluator.score(images, List.of(List.of(face(0, 0, 100, 100, 0.9))), 0.5);
        assertThat(slice(r, "pose", "unlabelled").found()).isEqualTo(1);
        assertThat(slice(r, "event", "(no folder)").images()).isEqualTo(1);
    }

    @Test
    void theTwoHalvesSplitPhotosByFileNameAlone() {
        assertThat(EvalHalf.halfOf("19--Couple/19_Couple_Couple_19_112.jpg")).isEqualTo(EvalHalf.halfOf("19_Couple_Couple_19_112.jpg"));
        assertThat(EvalHalf.ALL.contains("anything.jpg")).isTrue();
        for (String name : List.of("a.jpg", "b.jpg", "c.jpg", "19_Couple_Couple_19_112.jpg")) {
            assertThat(EvalHalf.CHOOSE.contains(name)).isNotEqualTo(EvalHalf.REPORT.contains(name));
        }
    }

    @Test
    void aHalfHoldsAboutHalfOfManyNames() {
        long choose = java.util.stream.IntStream.range(0, 1000).filter(i -> EvalHalf.CHOOSE.contains("photo_" + i + ".jpg")).count();
        assertThat(choose).isBetween(430L, 570L);
    }

    @Test
    void evaluatesOnlyThePhotosOfTheHalfAsked(@TempDir Path dir) throws IOException {
        StringBuilder gt = new StringBuilder();
        List<String> names = List.of("p1.jpg", "p2.jpg", "p3.jpg", "p4.jpg", "p5.jpg", "p6.jpg");
        for (String n : names) {
            Files.writeString(dir.resolve(n), "face");
            gt.append(n).append("\n1\n10 10 40 40 0 0 0 0 0 0\n");
        }
        Files.writeString(dir.resolve("gt.txt"), gt);
        var analyzer = new FakeAnalyzer(Map.of("face", List.of(face(10, 10, 40, 40, 0.9))));
        long inReport = names.stream().filter(EvalHalf.REPORT::contains).count();
        DetectionResult r = new DetectionEvaluator(analyzer).evaluate(dir, dir.resolve("gt.txt"), EvalHalf.REPORT, 0.5);
        assertThat(r.images()).isEqualTo((int) inReport);
        assertThat(inReport).isBetween(1L, 5L);
        DetectionResult c = new DetectionEvaluator(analyzer).evaluate(dir, dir.resolve("gt.txt"), EvalHalf.CHOOSE, 0.5);
        assertThat(c.images()).isEqualTo(names.size() - (int) inReport);
    }
}
