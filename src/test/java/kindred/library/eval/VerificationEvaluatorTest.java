package kindred.library.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationEvaluatorTest {

    @Test
    void parsesSameAndDifferentPairs() throws IOException {
        LfwPairs p = LfwPairs.parse(new StringReader("2\nAnn_Lee\t1\t3\nBob 2 Carl_X 11\n"));
        assertThat(p.folds()).isEqualTo(1);
        assertThat(p.pairs()).hasSize(2);
        assertThat(p.pairs().get(0).same()).isTrue();
        assertThat(p.pairs().get(0).image2()).isEqualTo("Ann_Lee/Ann_Lee_0003.jpg");
        assertThat(p.pairs().get(1).same()).isFalse();
        assertThat(p.pairs().get(1).image2()).isEqualTo("Carl_X/Carl_X_0011.jpg");
    }

    @Test
    void readsFoldsFromTheFirstLine() throws IOException {
        assertThat(LfwPairs.parse(new StringReader("10\t300\n")).folds()).isEqualTo(10);
    }

    @Test
    void rejectsAMalformedPairLine() {
        assertThatThrownBy(() -> LfwPairs.parse(new StringReader("1\nAnn 1\n"))).hasMessageContaining("line 2");
    }

    @Test
    void withoutFoldsUsesTheFixedThreshold() {
        double[] sim = {0.9, 0.5, 0.3, 0.45};
        boolean[] same = {true, true, false, false};
        boolean[] judged = {true, true, true, true};
        VerificationResult r = VerificationEvaluator.score(sim, same, judged, 1, 0.48, 0);
        assertThat(r.threshold()).isEqualTo(0.48);
        assertThat(r.accuracy()).isEqualTo(1.0);
        assertThat(VerificationEvaluator.score(sim, same, judged, 1, 0.6, 0).accuracy()).isEqualTo(0.75);
    }

    @Test
    void withFoldsChoosesTheThresholdOnTheOtherFolds() {
        int folds = 10;
        double[] sim = new double[folds * 4];
        boolean[] same = new boolean[sim.length];
        for (int k = 0; k < folds; k++) {
            sim[4 * k] = 0.8;
            sim[4 * k + 1] = 0.7;
            sim[4 * k + 2] = 0.2;
            sim[4 * k + 3] = 0.1;
            same[4 * k] = true;
            same[4 * k + 1] = true;
        }
        boolean[] judged = new boolean[sim.length];
        Arrays.fill(judged, true);
        VerificationResult r = VerificationEvaluator.score(sim, same, judged, folds, 0.99, 0);
        assertThat(r.accuracy()).isEqualTo(1.0);
        assertThat(r.threshold()).isBetween(0.2, 0.7);
    }

    @Test
    void tarAtFarCountsSamePairsAboveTheStrongestImpostor() {
        double[] sim = {0.9, 0.6, 0.4, 0.5, 0.1};
        boolean[] same = {true, true, true, false, false};
        assertThat(VerificationEvaluator.tarAtFar(sim, same, 0.001)).isCloseTo(2.0 / 3, within(1e-9));
    }

    @Test
    void picksTheFaceNearestTheCentre() {
        DetectedFace corner = face(0, 0, 200, 200, null);
        DetectedFace centre = face(110, 110, 30, 30, null);
        PhotoAnalysis a = new PhotoAnalysis(250, 250, "d", "e", List.of(corner, centre));
        assertThat(VerificationEvaluator.central(a)).isSameAs(centre);
    }

    @Test
    void aPhotoWithoutAFaceCountsAsAWrongJudgement(@TempDir Path dir) throws IOException {
        for (String n : List.of("Ann/Ann_0001.jpg", "Ann/Ann_0002.jpg", "Bob/Bob_0001.jpg")) {
            Files.createDirectories(dir.resolve(n).getParent());
        }
        Files.writeString(dir.resolve("Ann/Ann_0001.jpg"), "ann");
        Files.writeString(dir.resolve("Ann/Ann_0002.jpg"), "ann");
        Files.writeString(dir.resolve("Bob/Bob_0001.jpg"), "nobody");
        Files.writeString(dir.resolve("pairs.txt"), "1\nAnn 1 2\nAnn 1 Bob 1\n");
        var analyzer = new FakeAnalyzer(Map.of(
                "ann", List.of(face(100, 100, 50, 50, new Embedding("e", new float[] {1, 0}))),
                "nobody", List.of()));
        VerificationResult r = new VerificationEvaluator(analyzer, 0.5).evaluate(dir, dir.resolve("pairs.txt"));
        assertThat(r.pairs()).isEqualTo(2);
        assertThat(r.accuracy()).isEqualTo(0.5);
        assertThat(r.facesNotFound()).isEqualTo(1);
    }

    private static DetectedFace face(double x, double y, double w, double h, Embedding e) {
        return new DetectedFace(new FaceBox(x, y, w, h), Landmarks.NONE, 0.9, 1, e);
    }
}
