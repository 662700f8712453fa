package kindred.vision;

import java.util.List;

/**
 * When a detector takes a second, finer look at a photo (issue 20): only where it can pay. The first, whole-photo
 * pass is coarse (the photo shrunk to about 640 px), which finds large faces and misses small ones; a photo
 * whose first pass found a small face, or a crowd, likely holds more small faces, so it is looked at again at a
 * finer scale. A photo with a few large faces is not.
 *
 * @param smallFace    a face whose height is below this fraction of the photo's long side is small
 * @param triggerScore detections from the first pass count from this score up (they may be below the product's
 *                     threshold: a face the coarse pass barely sees is the typical small face)
 * @param crowd        this many faces (at {@code triggerScore}) make a crowd, whatever their size; 0 = no such rule
 */
record FineLook(double smallFace, double triggerScore, int crowd) {

    /**
     * A finer look must see the photo at least this many times larger than the first pass, or it would find
     * nothing the first pass missed (a photo barely larger than the first pass's input is not looked at again).
     */
    static final double MIN_GAIN = 1.25;

    /** Whether the first pass's detections (in pixels of an image whose long side is {@code longSide}) call for it. */
    boolean wanted(List<FaceDetector.Detection> first, int longSide) {
        int count = 0;
        for (FaceDetector.Detection d : first) {
            if (d.score() < triggerScore) {
                continue;
            }
            if (d.h() < smallFace * longSide) {
                return true;
            }
            count++;
        }
        return crowd > 0 && count >= crowd;
    }
}
