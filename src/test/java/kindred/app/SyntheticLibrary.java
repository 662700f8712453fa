package kindred.app;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes faces with chosen embeddings straight into a real library file (created by Kindred itself), so that people
 * commands can be scripted without running the vision models. Each face is on a photo of its own, 200 px, quality 0.9.
 */
final class SyntheticLibrary {

    static final String EMBEDDER = "synthetic-embedder";
    static final int DIM = 128;

    private final Path library;
    private final Random random;

    SyntheticLibrary(Path library, long seed) {
        this(library, seed, DIM);
    }

    private final int dim;

    SyntheticLibrary(Path library, long seed, int dim) {
        this.dim = dim;
        this.library = library;
        this.random = new Random(seed);
        var r = new CliHarness(library).run("status"); // creates and migrates the library
        if (r.exit() != 0) {
            throw new AssertionError(r.err());
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
    }

    /** A random unit vector. */
    float[] randomDirection() {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalize(v);
    }

    /** A unit vector at cosine {@code cos} to the unit vector {@code center}. */
    float[] atCosine(float[] center, double cos) {
        float[] other = randomDirection();
        double d = 0;
        for (int i = 0; i < dim; i++) {
            d += other[i] * center[i];
        }
        float[] orth = new float[dim];
        for (int i = 0; i < dim; i++) {
            orth[i] = (float) (other[i] - d * center[i]);
        }
        orth = normalize(orth);
        float[] v = new float[dim];
        double s = Math.sqrt(1 - cos * cos);
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (cos * center[i] + s * orth[i]);
        }
        return normalize(v);
    }

    static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) n;
        }
        return v;
    }

    /** Adds {@code vectors.size()} faces, each on a new photo under {@code folder}; returns their ids in order. */
    List<Long> addFaces(String folder, List<float[]> vectors) throws SQLException {
        return addFaces(folder, vectors, EMBEDDER);
    }

    /** The same, tagged with another embedder id (e.g. the real one of a scanned library). */
    List<Long> addFaces(String folder, List<float[]> vectors, String embedder) throws SQLException {
        List<Long> ids = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long folderId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO folders(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING")) {
                ps.setString(1, folder);
                ps.setLong(2, now);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM folders WHERE path = ?")) {
                ps.setString(1, folder);
                try (ResultSet rs = ps.executeQuery()) {
                    folderId = rs.getLong(1);
                }
            }
            int base;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM photos")) {
                base = rs.getInt(1);
            }
            try (PreparedStatement photo = c.prepareStatement("""
                    INSERT INTO photos(folder_id, path, size, mtime, content_hash, width, height, status, detector_id, embedder_id,
                      indexed_at, first_seen_at, last_seen_at) VALUES (?, ?, 1000, ?, ?, 1000, 800, 'indexed', 'synthetic', ?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement face = c.prepareStatement("""
                    INSERT INTO faces(photo_id, x, y, w, h, landmark_scheme, score, quality, source, detector_id, embedder_id,
                      embedding, created_at) VALUES (?, 100, 100, 200, 200, 'NONE', 0.95, 0.9, 'auto', 'synthetic', ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < vectors.size(); i++) {
                    photo.setLong(1, folderId);
                    photo.setString(2, folder + "/synthetic-" + (base + i) + ".jpg");
                    photo.setLong(3, now);
                    photo.setString(4, "hash-" + (base + i));
                    photo.setString(5, embedder);
                    photo.setLong(6, now);
                    photo.setLong(7, now);
                    photo.setLong(8, now);
                    photo.executeUpdate();
                    long photoId;
                    try (ResultSet k = photo.getGeneratedKeys()) {
                        k.next();
                        photoId = k.getLong(1);
                    }
                    face.setLong(1, photoId);
                    face.setString(2, embedder);
                    face.setBytes(3, blob(vectors.get(i)));
                    face.setLong(4, now);
                    face.executeUpdate();
                    try (ResultSet k = face.getGeneratedKeys()) {
                        k.next();
                        ids.add(k.getLong(1));
                    }
                }
            }
            c.commit();
        }
        return ids;
    }

    static byte[] blob(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }
}
