package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import kindred.model.LandmarkScheme;
import org.junit.jupiter.api.Test;

class FaceAlignerTest {

    @Test
    void theTemplateMapsOntoItselfUnchanged() {
        double[] m = FaceAligner.similarity(FaceAligner.TEMPLATE, FaceAligner.TEMPLATE);
        assertThat(m).containsExactly(new double[] {1, 0, 0, 0, 1, 0}, within(1e-9));
    }

    @Test
    void recoversRotationScaleAndShift() {
        double angle = Math.toRadians(20);
        double scale = 3.5;
        double[] src = new double[10];
        for (int i = 0; i < 5; i++) {
            double x = FaceAligner.TEMPLATE[2 * i];
            double y = FaceAligner.TEMPLATE[2 * i + 1];
            // image point = R·S·template + t, so the transform back is its inverse
            src[2 * i] = scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 400;
            src[2 * i + 1] = scale * (Math.sin(angle) * x + Math.cos(angle) * y) + 250;
        }
        double[] m = FaceAligner.similarity(src, FaceAligner.TEMPLATE);
        for (int i = 0; i < 5; i++) {
            double x = m[0] * src[2 * i] + m[1] * src[2 * i + 1] + m[2];
            double y = m[3] * src[2 * i] + m[4] * src[2 * i + 1] + m[5];
            assertThat(x).isCloseTo(FaceAligner.TEMPLATE[2 * i], within(1e-6));
            assertThat(y).isCloseTo(FaceAligner.TEMPLATE[2 * i + 1], within(1e-6));
        }
    }

    @Test
    void blazeFaceMouthCentreGoesBetweenTheTemplateMouthCorners() {
        double[] t = FaceAligner.TEMPLATE;
        float[] lm = {(float) t[0], (float) t[1], (float) t[2], (float) t[3], (float) t[4], (float) t[5],
            (float) ((t[6] + t[8]) / 2), (float) ((t[7] + t[9]) / 2), 0, 50, 112, 50};
        double[] m = FaceAligner.transform(LandmarkScheme.BLAZEFACE_6, lm);
        assertThat(m).containsExactly(new double[] {1, 0, 0, 0, 1, 0}, within(1e-4));
    }
}
