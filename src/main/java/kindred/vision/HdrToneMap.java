package kindred.vision;

import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacpp.indexer.UShortIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Tone maps 10-bit HDR photos (PQ or HLG transfer, BT.2020 primaries: Canon's .HIF, HDR AVIF) to 8-bit sRGB, so
 * that faces keep their contrast for the detector and thumbnails look as a person expects on an ordinary screen.
 *
 * <p>Light is decoded to nits, converted from BT.2020 to BT.709 primaries, divided by the SDR reference white
 * ({@link #SDR_WHITE_NITS}), then compressed above a knee on the brightest channel (which keeps hues): shadows
 * and faces, mostly below the knee, are left as they were graded; highlights up to {@link #PEAK_NITS} roll off
 * smoothly into white. Pure Java over the pixels; thread-safe (the tables are built once).
 */
final class HdrToneMap {

    static {
        NativeLibraries.load(); // first, before any JavaCPP class is touched: see NativeLibraries
    }

    enum Transfer { PQ, HLG }

    /** Diffuse white of HDR content, in nits (ITU-R BT.2408's reference white): it maps to 0.89 of SDR white. */
    static final double SDR_WHITE_NITS = 203;

    /** Nominal peak of HLG displays and of most PQ photo grading, in nits: HLG signal 1.0 is shown at this level. */
    static final double PEAK_NITS = 1000;

    /**
     * Relative linear level (1 = SDR white) up to which light passes unchanged; above it the curve rolls off with
     * slope 1 at the knee and approaches 1 (white) asymptotically. 0.7 keeps skin (0.2–0.6 of white) untouched.
     */
    static final double KNEE = 0.7;

    private static final float[] PQ_NITS = table(Transfer.PQ);
    private static final float[] HLG_NITS = table(Transfer.HLG);
    /** sRGB encoding of linear 0..1 in 4096 steps. */
    private static final byte[] SRGB = srgbTable(4096);

    private static final double[][] BT2020_TO_BT709 = {
            {1.6605, -0.5876, -0.0728},
            {-0.1246, 1.1329, -0.0083},
            {-0.0182, -0.1006, 1.1187}};

    private HdrToneMap() {
    }

    /**
     * @param rgb16  16-bit RGB (as FFmpeg's RGB48 gives it: the 10-bit code scaled to 16 bits), not closed here
     * @param bt2020 whether the primaries are BT.2020 (else BT.709 is assumed)
     * @return 8-bit BGR, same size; the caller closes it
     */
    static Mat toBgr8(Mat rgb16, Transfer transfer, boolean bt2020) {
        int w = rgb16.cols();
        int h = rgb16.rows();
        float[] nits = transfer == Transfer.PQ ? PQ_NITS : HLG_NITS;
        Mat out = new Mat(h, w, opencv_core.CV_8UC3);
        try (UShortIndexer in = rgb16.createIndexer(); UByteIndexer o = out.createIndexer()) {
            int[] px = new int[3];
            int[] bgr = new int[3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    in.get(y, x, px);
                    double r = nits[px[0]] / SDR_WHITE_NITS;
                    double g = nits[px[1]] / SDR_WHITE_NITS;
                    double b = nits[px[2]] / SDR_WHITE_NITS;
                    if (bt2020) {
                        double[][] m = BT2020_TO_BT709;
                        double r2 = m[0][0] * r + m[0][1] * g + m[0][2] * b;
                        double g2 = m[1][0] * r + m[1][1] * g + m[1][2] * b;
                        double b2 = m[2][0] * r + m[2][1] * g + m[2][2] * b;
                        r = Math.max(0, r2);
                        g = Math.max(0, g2);
                        b = Math.max(0, b2);
                    }
                    double max = Math.max(r, Math.max(g, b));
                    double scale = max > KNEE ? rollOff(max) / max : 1;
                    bgr[0] = encode(b * scale);
                    bgr[1] = encode(g * scale);
                    bgr[2] = encode(r * scale);
                    o.put(y, x, bgr);
                }
            }
        }
        return out;
    }

    /** The tone curve on relative linear light: identity up to {@link #KNEE}, then an exponential roll-off to 1. */
    static double rollOff(double v) {
        if (v <= KNEE) {
            return v;
        }
        double span = 1 - KNEE;
        return KNEE + span * (1 - Math.exp(-(v - KNEE) / span));
    }

    private static int encode(double linear) {
        int i = (int) Math.round(Math.min(1, Math.max(0, linear)) * (SRGB.length - 1));
        return SRGB[i] & 0xFF;
    }

    /** Nits for every 16-bit code. */
    private static float[] table(Transfer t) {
        float[] out = new float[65536];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (t == Transfer.PQ ? pqToNits(i / 65535.0) : hlgToNits(i / 65535.0));
        }
        return out;
    }

    /** SMPTE ST 2084 EOTF: signal 0..1 to nits. */
    static double pqToNits(double e) {
        double m1 = 2610.0 / 16384;
        double m2 = 2523.0 / 4096 * 128;
        double c1 = 3424.0 / 4096;
        double c2 = 2413.0 / 4096 * 32;
        double c3 = 2392.0 / 4096 * 32;
        double p = Math.pow(Math.max(e, 0), 1 / m2);
        return 10000 * Math.pow(Math.max(p - c1, 0) / (c2 - c3 * p), 1 / m1);
    }

    /**
     * ARIB STD-B67 (HLG): inverse OETF to scene light, then the reference OOTF of a {@link #PEAK_NITS} display
     * (system gamma 1.2), applied per channel (close to the luminance-based OOTF for the colours of faces).
     */
    static double hlgToNits(double e) {
        double a = 0.17883277;
        double b = 1 - 4 * a;
        double c = 0.5 - a * Math.log(4 * a);
        double scene = e <= 0.5 ? e * e / 3 : (Math.exp((e - c) / a) + b) / 12;
        return PEAK_NITS * Math.pow(scene, 1.2);
    }

    private static byte[] srgbTable(int n) {
        byte[] t = new byte[n];
        for (int i = 0; i < n; i++) {
            double l = i / (double) (n - 1);
            double s = l <= 0.0031308 ? 12.92 * l : 1.055 * Math.pow(l, 1 / 2.4) - 0.055;
            t[i] = (byte) Math.round(Math.max(0, Math.min(1, s)) * 255);
        }
        return t;
    }
}
