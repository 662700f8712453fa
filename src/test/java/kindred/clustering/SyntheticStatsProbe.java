package kindred.clustering;

import java.util.Arrays;

/** Prints the cosine statistics of the synthetic generator (a probe run by hand, not a test). */
public final class SyntheticStatsProbe {
    public static void main(String[] args) {
        SyntheticFaces g = new SyntheticFaces(1);
        int people = 300;
        float[][] c = new float[people][];
        float[][][] f = new float[people][4][];
        for (int p = 0; p < people; p++) {
            c[p] = g.person();
            for (int k = 0; k < 4; k++) {
                f[p][k] = g.face(c[p]);
            }
        }
        double[] same = new double[people * 6];
        int s = 0;
        for (int p = 0; p < people; p++) {
            for (int a = 0; a < 4; a++) {
                for (int b = a + 1; b < 4; b++) {
                    same[s++] = SyntheticFaces.cosine(f[p][a], f[p][b]);
                }
            }
        }
        double[] diff = new double[people * (people - 1) / 2];
        int d = 0;
        for (int p = 0; p < people; p++) {
            for (int q = p + 1; q < people; q++) {
                diff[d++] = SyntheticFaces.cosine(f[p][0], f[q][0]);
            }
        }
        Arrays.sort(same);
        Arrays.sort(diff);
        System.out.printf("same: p1 %.3f p10 %.3f p50 %.3f p90 %.3f p99 %.3f%n", q(same, .01), q(same, .1), q(same, .5), q(same, .9), q(same, .99));
        System.out.printf("diff: p1 %.3f p50 %.3f p99 %.3f p99.9 %.3f p99.99 %.3f max %.3f%n", q(diff, .01), q(diff, .5), q(diff, .99), q(diff, .999), q(diff, .9999), diff[diff.length - 1]);
    }

    private static double q(double[] v, double p) {
        return v[(int) Math.min(v.length - 1, Math.round(p * (v.length - 1)))];
    }
}
