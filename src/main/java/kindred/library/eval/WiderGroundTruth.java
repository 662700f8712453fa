package kindred.library.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import kindred.model.FaceBox;

/**
 * The WIDER FACE ground-truth format: per image a path line, a count line, then one line per face
 * {@code x y w h blur expression illumination invalid occlusion pose}. A count of 0 is followed by one dummy
 * line of zeros. The labels after {@code h} are optional; a missing one reads as {@link #UNLABELLED}.
 */
final class WiderGroundTruth {

    /** Faces shorter than this, in pixels, are not counted (a detection on one is neither right nor wrong). */
    static final double MIN_COUNTED_FACE_PX = 32;

    /** A label the file does not give. */
    static final int UNLABELLED = -1;

    /**
     * One annotated face; {@code counted} is false for small or invalid faces. Labels as WIDER defines them:
     * blur 0 clear, 1 normal, 2 heavy; occlusion 0 none, 1 partial, 2 heavy; pose 0 typical, 1 atypical.
     */
    record Face(FaceBox box, boolean counted, int blur, int occlusion, int pose) {

        Face(FaceBox box, boolean counted) {
            this(box, counted, UNLABELLED, UNLABELLED, UNLABELLED);
        }
    }

    record Image(String path, List<Face> faces) {

        long counted() {
            return faces.stream().filter(Face::counted).count();
        }

        /** The first folder of the path: WIDER's event, e.g. {@code 19--Couple}; empty for a path without one. */
        String event() {
            int slash = path.replace('\\', '/').indexOf('/');
            return slash < 0 ? "" : path.substring(0, slash);
        }

        /** The file name, without folders. */
        String fileName() {
            String p = path.replace('\\', '/');
            return p.substring(p.lastIndexOf('/') + 1);
        }
    }

    private WiderGroundTruth() {
    }

    static List<Image> parse(Reader reader) throws IOException {
        BufferedReader r = new BufferedReader(reader);
        List<Image> out = new ArrayList<>();
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            String path = line.strip();
            if (path.isEmpty()) {
                continue;
            }
            String countLine = r.readLine();
            lineNo++;
            if (countLine == null) {
                throw new IOException("ground truth line " + lineNo + ": " + path + " has no face count");
            }
            int n;
            try {
                n = Integer.parseInt(countLine.strip());
            } catch (NumberFormatException e) {
                throw new IOException("ground truth line " + lineNo + ": expected a face count, got \"" + countLine.strip() + "\"");
            }
            List<Face> faces = new ArrayList<>(n);
            int lines = Math.max(n, 1);
            for (int i = 0; i < lines; i++) {
                String f = r.readLine();
                lineNo++;
                if (f == null) {
                    throw new IOException("ground truth line " + lineNo + ": " + path + " ends before its " + n + " faces");
                }
                if (n == 0) {
                    continue;
                }
                String[] t = f.strip().split("\\s+");
                if (t.length < 4) {
                    throw new IOException("ground truth line " + lineNo + ": expected x y w h ..., got \"" + f.strip() + "\"");
                }
                try {
                    double x = Double.parseDouble(t[0]);
                    double y = Double.parseDouble(t[1]);
                    double w = Double.parseDouble(t[2]);
                    double h = Double.parseDouble(t[3]);
                    boolean invalid = t.length > 7 && !"0".equals(t[7]);
                    faces.add(new Face(new FaceBox(x, y, w, h), !invalid && h >= MIN_COUNTED_FACE_PX && w > 0,
                            label(t, 4), label(t, 8), label(t, 9)));
                } catch (NumberFormatException e) {
                    throw new IOException("ground truth line " + lineNo + ": expected numbers, got \"" + f.strip() + "\"");
                }
            }
            out.add(new Image(path, List.copyOf(faces)));
        }
        return out;
    }

    private static int label(String[] t, int column) {
        return t.length > column ? Integer.parseInt(t[column]) : UNLABELLED;
    }
}
