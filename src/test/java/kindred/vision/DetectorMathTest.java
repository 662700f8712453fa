package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorMathTest {

    @Test
    void weightedNmsAveragesOverlappingBoxesByScore() {
        var a = new FaceDetector.Detection(100, 100, 50, 50, new float[] {0, 0}, 0.9f);
        var b = new FaceDetector.Detection(110, 100, 50, 50, new float[] {10, 0}, 0.3f);
        var far = new FaceDetector.Detection(400, 400, 50, 50, new float[] {0, 0}, 0.5f);
        List<FaceDetector.Detection> out = BlazeFaceDetector.weightedNms(List.of(b, far, a));
        assertThat(out).hasSize(2);
        assertThat(out.get(0).score()).isEqualTo(0.9f);
        assertThat(out.get(0).x()).isCloseTo(102.5, within(1e-6));
        assertThat(out.get(0).landmarks()[0]).isCloseTo(2.5f, within(1e-5f));
        assertThat(out.get(1).x()).isEqualTo(400);
    }

    @Test
    void qualityPrefersFrontalFaces() {
        float[] frontal = {40, 50, 70, 50, 55, 65};
        float[] turned = {40, 50, 70, 50, 68, 65};
        assertThat(FaceQuality.pose(frontal)).isEqualTo(1.0);
        assertThat(FaceQuality.pose(turned)).isLessThan(0.5);
    }

    @Test
    void qualityGrowsWithFaceSizeUpToOne() {
        assertThat(FaceQuality.size(FaceQuality.SIZE_ZERO_PX)).isZero();
        assertThat(FaceQuality.size(48)).isBetween(0.0, 1.0);
        assertThat(FaceQuality.size(400)).isEqualTo(1.0);
    }
}
