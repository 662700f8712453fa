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
 * line of zeros.
 */
final class WiderGroundTruth {

    /** Faces shorter than this, in pixels, are not counted (a detection on one is neither right nor wrong). */
    static final double MIN_COUNTED_FACE_PX = 32;

    /** One annotated face; {@code counted} is false for small or invalid faces. */
    record Face(FaceBox box, boolean counted) {
    }

    record Image(String path, List<Face> faces) {

        long counted() {
            return faces.stream().filter(Face::counted).count();
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
                double x = Double.parseDouble(t[0]);
                double y = Double.parseDouble(t[1]);
                double w = Double.parseDouble(t[2]);
                double h = Double.parseDouble(t[3]);
                boolean invalid = t.length > 7 && !"0".equals(t[7]);
                faces.add(new Face(new FaceBox(x, y, w, h), !invalid && h >= MIN_COUNTED_FACE_PX && w > 0));
            }
            out.add(new Image(path, List.copyOf(faces)));
        }
        return out;
    }
}
