package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FineLookTest {

    private static final FineLook RULE = new FineLook(0.07, 0.5, 6);

    private static FaceDetector.Detection face(double h, double score) {
        return new FaceDetector.Detection(0, 0, h, h, new float[10], (float) score);
    }

    @Test
    void aSmallFaceCallsForASecondLook() {
        assertThat(RULE.wanted(List.of(face(300, 0.9), face(60, 0.6)), 1000)).isTrue();
    }

    @Test
    void aFewLargeFacesDoNot() {
        assertThat(RULE.wanted(List.of(face(300, 0.9), face(120, 0.9), face(71, 0.9)), 1000)).isFalse();
    }

    @Test
    void aSmallDetectionBelowTheTriggerScoreDoesNot() {
        assertThat(RULE.wanted(List.of(face(300, 0.9), face(40, 0.49)), 1000)).isFalse();
    }

    @Test
    void aCrowdOfLargeFacesDoes() {
        List<FaceDetector.Detection> crowd = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            crowd.add(face(200, 0.8));
        }
        assertThat(RULE.wanted(crowd, 1000)).isTrue();
        assertThat(RULE.wanted(crowd.subList(0, 5), 1000)).isFalse();
        assertThat(new FineLook(0.07, 0.5, 0).wanted(crowd, 1000)).isFalse();
    }
}
