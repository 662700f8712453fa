package kindred.ui;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import kindred.store.Database;

/**
 * A large library for the window's benchmarks, written straight into a new library file (no scan, no face models):
 * {@code photos} photos over 25 years (one in ten without a date taken, placed by its file time), each file a link
 * to one of the demo photos so that thumbnails are real decodes; Alice's confirmed face on {@code alicePhotos} of
 * them and Bob's on 100. A benchmark fixture, not a test.
 */
final class DatedLibrary {

    /** One photo in this many has no date taken (a scan, a copy that lost its EXIF). */
    static final int UNDATED_EVERY = 10;

    private DatedLibrary() {
    }

    /** Writes the library into {@code dir}/library and the photo links into {@code dir}/photos; returns the library. */
    static Path create(Path dir, int photos, int alicePhotos) throws Exception {
        List<Path> demo;
        try (var s = Files.list(UiTestSupport.testPhotos())) {
            demo = s.filter(p -> p.toString().endsWith(".jpg")).map(Path::toAbsolutePath).sorted().toList();
        }
        Path folder = Files.createDirectories(dir.resolve("photos"));
        Path library = dir.resolve("library");
        Database db = Database.open(library);
        Random rnd = new Random(17);
        long now = System.currentTimeMillis();
        LocalDateTime newest = LocalDateTime.of(2024, 12, 31, 18, 0);
        long span = 25L * 365 * 24 * 3600; // seconds
        db.transaction(() -> db.write(c -> {
            long folderId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO folders(path, added_at) VALUES (?, ?)")) {
                ps.setString(1, folder.toString());
                ps.setLong(2, now);
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement(); ResultSet k = st.executeQuery("SELECT last_insert_rowid()")) {
                k.next();
                folderId = k.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO photos(id, folder_id, path, size, mtime, content_hash, width, height, orientation, taken_at, status,
                      indexed_at, first_seen_at, last_seen_at)
                    VALUES (?, ?, ?, ?, ?, ?, 1000, 800, 1, ?, 'indexed', ?, ?, ?)""")) {
                for (int i = 0; i < photos; i++) {
                    Path sub = folder.resolve(String.format(Locale.ROOT, "set-%03d", i / 1000));
                    Path link = sub.resolve(String.format(Locale.ROOT, "IMG_%06d.jpg", i));
                    try {
                        Files.createDirectories(sub);
                        Files.createSymbolicLink(link, demo.get(i % demo.size()));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    LocalDateTime when = newest.minusSeconds(span * i / photos + rnd.nextInt(3600));
                    ps.setLong(1, i + 1);
                    ps.setLong(2, folderId);
                    ps.setString(3, link.toString());
                    ps.setLong(4, 200_000);
                    ps.setLong(5, when.toInstant(ZoneOffset.UTC).toEpochMilli());
                    ps.setString(6, Long.toHexString(rnd.nextLong()));
                    ps.setString(7, i % UNDATED_EVERY == 0 ? null : when.toString());
                    ps.setLong(8, now);
                    ps.setLong(9, now);
                    ps.setLong(10, now);
                    ps.addBatch();
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO people(id, name, created_at) VALUES (1, 'Alice', " + now + "), (2, 'Bob', " + now + ")");
            }
            try (PreparedStatement fs = c.prepareStatement("""
                    INSERT INTO faces(id, photo_id, x, y, w, h, landmark_scheme, score, quality, source, detector_id, embedder_id,
                      embedding, created_at) VALUES (?, ?, 300, 200, 200, 200, 'YUNET_5', 0.9, 0.8, 'auto', 'det', 'mobilefacenet', ?, ?)""");
                 PreparedStatement as = c.prepareStatement("""
                    INSERT INTO assignments(face_id, person_id, source, state, confidence, updated_at)
                    VALUES (?, ?, 'manual', 'confirmed', NULL, ?)""")) {
                long face = 0;
                int step = Math.max(1, photos / Math.max(1, alicePhotos));
                for (int k = 0; k < alicePhotos + 100; k++) {
                    boolean alice = k < alicePhotos;
                    long photo = alice ? 1 + (long) k * step % photos : 1 + (k * 997L + 3) % photos;
                    fs.setLong(1, ++face);
                    fs.setLong(2, photo);
                    fs.setBytes(3, vector(rnd));
                    fs.setLong(4, now);
                    fs.addBatch();
                    as.setLong(1, face);
                    as.setLong(2, alice ? 1 : 2);
                    as.setLong(3, now);
                    as.addBatch();
                }
                fs.executeBatch();
                as.executeBatch();
            }
            return null;
        }));
        db.close();
        return library;
    }

    private static byte[] vector(Random rnd) {
        float[] v = new float[192];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
            norm += v[i] * v[i];
        }
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat((float) (f / Math.sqrt(norm)));
        }
        return b.array();
    }
}
