package kindred.library.eval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which photos of a development set an evaluation runs on. Operating points are chosen on {@link #CHOOSE} and
 * reported on {@link #REPORT}, so that a figure is not measured on the photos that tuned it. A photo's half
 * follows from its file name alone (the lowest bit of the first byte of the SHA-256 of its UTF-8 bytes, 0 = choose,
 * 1 = report): the same on every machine and run, independent of the order or the other photos in the file.
 * (CRC-32 was tried first: it is linear, so names that differ in one character, like p1.jpg … p6.jpg, all fell
 * into one half.) On wider-family-dev it gives 193 photos (907 counted faces) to choose on and 184 photos
 * (890 faces) to report on.
 */
public enum EvalHalf {
    /** Every photo. */
    ALL,
    /** The half operating points are chosen on. */
    CHOOSE,
    /** The held-out half results are reported on. */
    REPORT;

    /** Whether the photo with this file name (folders ignored) is in this half. */
    public boolean contains(String fileName) {
        return this == ALL || halfOf(fileName) == this;
    }

    /** {@link #CHOOSE} or {@link #REPORT}. */
    static EvalHalf halfOf(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return (hash[0] & 1) == 0 ? CHOOSE : REPORT;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
