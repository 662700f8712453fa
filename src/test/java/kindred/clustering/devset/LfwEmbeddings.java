package kindred.clustering.devset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cache of MobileFaceNet embeddings of the LFW development faces, written once by the EmbedLfw tool to
 * {@code /tmp} (never into the repository): for each image, the person, the image number and the unit vector
 * of the face nearest the image centre.
 */
public final class LfwEmbeddings {

    public static final Path CACHE = Path.of(System.getProperty("kindred.lfwEmbeddings", "/tmp/kindred-lfw-embeddings.bin"));
    private static final int MAGIC = 0x4b4c4657; // "KLFW"

    private LfwEmbeddings() {
    }

    /** One embedded LFW image. */
    public record Face(String person, int image, float[] vector) {
    }

    public static List<Face> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not an LFW embedding cache");
            }
            int n = in.readInt();
            int dims = in.readInt();
            List<Face> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String person = in.readUTF();
                int image = in.readInt();
                float[] v = new float[dims];
                for (int d = 0; d < dims; d++) {
                    v[d] = in.readFloat();
                }
                out.add(new Face(person, image, v));
            }
            return out;
        }
    }

    public static void write(Path file, List<Face> faces) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(MAGIC);
            out.writeInt(faces.size());
            out.writeInt(faces.isEmpty() ? 0 : faces.get(0).vector().length);
            for (Face f : faces) {
                out.writeUTF(f.person());
                out.writeInt(f.image());
                for (float x : f.vector()) {
                    out.writeFloat(x);
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
