package kindred.store;

import static kindred.store.PeopleRows.longs;
import static kindred.store.PeopleRows.nullableLong;
import static kindred.store.PeopleRows.source;
import static kindred.store.PeopleRows.state;
import static kindred.store.SqliteLibraryStore.exec;
import static kindred.store.SqliteLibraryStore.fromBlob;
import static kindred.store.SqliteLibraryStore.queryLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kindred.library.PeopleStore.FaceKey;
import kindred.library.PeopleStore.FaceVectorRow;
import kindred.model.Source;
import kindred.model.State;

/**
 * The faces as clustering and matching read them, and the clusters they are grouped in: the clusterable faces' keys
 * and vectors (a whole read, or only what was added since a fingerprint), assignments as rows, automatic clusters.
 * Part of {@link SqlitePeopleStore}, on its {@link Database} and transactions. Thread-safe.
 */
final class SqliteFaceVectors {

    private final Database db;

    SqliteFaceVectors(Database db) {
        this.db = db;
    }

    /**
     * Reading every vector is split into this many id ranges read at once on separate connections (JDBC decoding
     * and SQLite's row steps run on both cores: 300,000 vectors in about half the time on two).
     */
    private static final int PARALLEL_VECTOR_READS = 2;

    /** Reads rows of (id, photo_id, embedding, cluster_id, person_id, state, source). */
    private static List<FaceVectorRow> vectorRows(PreparedStatement ps) throws SQLException {
        List<FaceVectorRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new FaceVectorRow(rs.getLong(1), rs.getLong(2), fromBlob(rs.getBytes(3)), nullableLong(rs, 4),
                        nullableLong(rs, 5), state(rs.getString(6)), source(rs.getString(7))));
            }
        }
        return out;
    }

    /**
     * The clusterable faces with their vectors, clusters and assignments, read in one join: what
     * {@link #clusterableFaceKeys} and {@link #assignmentRows} give together, read the slow way (tests compare them).
     */
    public List<FaceVectorRow> clusterableFaces(String embedderId, double minFacePx, double minQuality) {
        return db.read(c -> {
            List<FaceVectorRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.id, f.photo_id, f.embedding, f.cluster_id, a.person_id, a.state, a.source
                    FROM faces f JOIN photos p ON p.id = f.photo_id LEFT JOIN assignments a ON a.face_id = f.id
                    WHERE f.embedding IS NOT NULL AND f.embedder_id = ? AND p.missing = 0
                      AND min(f.w, f.h) >= ? AND f.quality >= ? AND coalesce(a.state, '') <> 'ignored'
                    ORDER BY f.id""")) {
                ps.setString(1, embedderId);
                ps.setDouble(2, minFacePx);
                ps.setDouble(3, minQuality);
                out.addAll(vectorRows(ps));
            }
            return out;
        });
    }

    public List<FaceKey> clusterableFaceKeys(String embedderId, double minFacePx, double minQuality, boolean withVectors) {
        // Every face at once: the faces table alone is scanned, and each face's photo and assignment are looked
        // up in arrays read before it. SQLite joining them row by row cost the whole read a third more at
        // 300,000 faces (docs/decisions/0007-speed.md). The faces added since a read (clusterableFacesAdded) are
        // scanned the same way, with the photos and assignments of their id range.
        PhotoStates photos = db.read(c -> PhotoStates.read(c, Long.MIN_VALUE, Long.MAX_VALUE));
        Assignments assigned = db.read(c -> Assignments.read(c, Long.MIN_VALUE, Long.MAX_VALUE));
        long[] range = db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT min(id), max(id) FROM faces")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        });
        int parts = withVectors ? PARALLEL_VECTOR_READS : 1;
        long span = (range[1] - range[0]) / parts + 1;
        List<List<FaceKey>> got = java.util.stream.IntStream.range(0, parts).parallel()
                .mapToObj(k -> db.read(c -> scanFaceKeys(c, photos, assigned, embedderId, minFacePx, minQuality, withVectors,
                        range[0] + k * span, k == parts - 1 ? Long.MAX_VALUE : range[0] + (k + 1) * span - 1)))
                .toList();
        if (parts == 1) {
            return got.get(0);
        }
        List<FaceKey> out = new ArrayList<>(got.stream().mapToInt(List::size).sum());
        got.forEach(out::addAll);
        return out;
    }

    /**
     * The photos of the faces with ids in [fromId, toId] (every photo when that is every id), ascending by id: whether
     * each is missing and when it was indexed (0: never).
     */
    private record PhotoStates(long[] ids, boolean[] missing, long[] indexedAt) {
        static PhotoStates read(Connection c, long fromId, long toId) throws SQLException {
            boolean all = fromId == Long.MIN_VALUE && toId == Long.MAX_VALUE;
            String which = all ? "" : " WHERE id IN (SELECT photo_id FROM faces WHERE id BETWEEN ?1 AND ?2)";
            int n = Math.toIntExact(all ? queryLong(c, "SELECT count(*) FROM photos")
                    : queryLong(c, "SELECT count(*) FROM photos" + which, fromId, toId));
            long[] ids = new long[n];
            boolean[] missing = new boolean[n];
            long[] at = new long[n];
            int k = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, missing, coalesce(indexed_at, 0) FROM photos" + which
                    + " ORDER BY id")) {
                if (!all) {
                    ps.setLong(1, fromId);
                    ps.setLong(2, toId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && k < n) {
                        ids[k] = rs.getLong(1);
                        missing[k] = rs.getInt(2) != 0;
                        at[k] = rs.getLong(3);
                        k++;
                    }
                }
            }
            return new PhotoStates(java.util.Arrays.copyOf(ids, k), missing, at);
        }
    }

    /** The assignments of the faces with ids in [fromId, toId], ascending by face id. */
    private record Assignments(long[] faceIds, long[] personIds, State[] states, Source[] sources) {
        static Assignments read(Connection c, long fromId, long toId) throws SQLException {
            int n = Math.toIntExact(queryLong(c, "SELECT count(*) FROM assignments WHERE face_id BETWEEN ? AND ?", fromId, toId));
            long[] faces = new long[n];
            long[] persons = new long[n];
            State[] states = new State[n];
            Source[] sources = new Source[n];
            int k = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT face_id, coalesce(person_id, 0), state, source FROM assignments "
                    + "WHERE face_id BETWEEN ? AND ? ORDER BY face_id")) {
                ps.setLong(1, fromId);
                ps.setLong(2, toId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && k < n) {
                        faces[k] = rs.getLong(1);
                        persons[k] = rs.getLong(2);
                        states[k] = state(rs.getString(3));
                        sources[k] = source(rs.getString(4));
                        k++;
                    }
                }
            }
            return new Assignments(java.util.Arrays.copyOf(faces, k), persons, states, sources);
        }
    }

    /**
     * The clusterable faces with ids in [fromId, toId]: the faces table alone is scanned, each face's photo and
     * assignment looked up in {@code photos} and {@code assigned} (read for the same ids just before).
     */
    private static List<FaceKey> scanFaceKeys(Connection c, PhotoStates photos, Assignments assigned, String embedderId,
                                              double minFacePx, double minQuality, boolean withVectors, long fromId, long toId)
            throws SQLException {
        List<FaceKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.photo_id, coalesce(f.cluster_id, -1)"
                + (withVectors ? ", f.embedding" : "") + """

                FROM faces f
                WHERE f.embedding IS NOT NULL AND f.embedder_id = ? AND min(f.w, f.h) >= ? AND f.quality >= ?
                  AND f.id BETWEEN ? AND ?
                ORDER BY f.id""")) {
            ps.setString(1, embedderId);
            ps.setDouble(2, minFacePx);
            ps.setDouble(3, minQuality);
            ps.setLong(4, fromId);
            ps.setLong(5, toId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long face = rs.getLong(1);
                    long photo = rs.getLong(2);
                    int p = java.util.Arrays.binarySearch(photos.ids(), photo);
                    if (p >= 0 && photos.missing()[p]) {
                        continue;
                    }
                    long indexedAt = p >= 0 ? photos.indexedAt()[p] : 0; // a photo added since it was read: new
                    long cluster = rs.getLong(3);
                    int a = java.util.Arrays.binarySearch(assigned.faceIds(), face);
                    if (a >= 0 && assigned.states()[a] == State.IGNORED) {
                        continue;
                    }
                    out.add(new FaceKey(face, photo, indexedAt, cluster, withVectors ? fromBlob(rs.getBytes(4)) : null));
                }
            }
        }
        return out;
    }

    public Optional<List<FaceKey>> clusterableFacesAdded(String before, String now, String embedderId, double minFacePx,
                                                         double minQuality) {
        long[] b = fingerprintParts(before);
        long[] n = fingerprintParts(now);
        if (b == null || n == null || b[2] != n[2] || b[4] != n[4] || n[1] < b[1]) {
            return Optional.empty(); // a photo went missing or came back, or a face was ignored: not only additions
        }
        boolean onlyAdded = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT (SELECT count(*) FROM faces WHERE id <= ?1),
                           (SELECT count(*) FROM photos p WHERE p.indexed_at > ?2
                              AND EXISTS (SELECT 1 FROM faces f WHERE f.photo_id = p.id AND f.id <= ?1))""")) {
                ps.setLong(1, b[1]);
                ps.setLong(2, b[3]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == b[0] && rs.getLong(2) == 0; // none of the faces then was deleted or re-indexed
                }
            }
        });
        long from = b[1] + 1;
        long to = n[1];
        return onlyAdded ? Optional.of(db.read(c -> scanFaceKeys(c, PhotoStates.read(c, from, to), Assignments.read(c, from, to),
                embedderId, minFacePx, minQuality, true, from, to))) : Optional.empty();
    }

    /** count of faces, max face id, photos missing, latest indexing time, faces ignored; null when not ours. */
    private static long[] fingerprintParts(String fingerprint) {
        String[] f = fingerprint == null ? new String[0] : fingerprint.split(":");
        if (f.length != 5) {
            return null;
        }
        long[] out = new long[5];
        try {
            for (int i = 0; i < 5; i++) {
                out[i] = Long.parseLong(f[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return out;
    }

    public boolean hasUnclusteredFaces(String embedderId, double minFacePx, double minQuality) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT EXISTS (SELECT 1
                    FROM faces f JOIN photos p ON p.id = f.photo_id LEFT JOIN assignments a ON a.face_id = f.id
                    WHERE f.cluster_id IS NULL AND f.embedding IS NOT NULL AND f.embedder_id = ? AND p.missing = 0
                      AND min(f.w, f.h) >= ? AND f.quality >= ? AND coalesce(a.state, '') <> 'ignored')""")) {
                ps.setString(1, embedderId);
                ps.setDouble(2, minFacePx);
                ps.setDouble(3, minQuality);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        });
    }

    public Map<Long, Long> clusterOfFaces(String embedderId) {
        return db.read(c -> {
            Map<Long, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, cluster_id FROM faces WHERE cluster_id IS NOT NULL AND embedder_id = ?")) {
                ps.setString(1, embedderId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    public List<Long> confirmedFaceIds(long personId, String embedderId, double minFacePx, double minQuality) {
        return db.read(c -> longs(c, new ArrayList<>(), """
                    SELECT f.id
                    FROM assignments a JOIN faces f ON f.id = a.face_id JOIN photos p ON p.id = f.photo_id
                    WHERE a.person_id = ? AND a.state = 'confirmed'
                      AND f.embedding IS NOT NULL AND f.embedder_id = ? AND p.missing = 0
                      AND min(f.w, f.h) >= ? AND f.quality >= ?
                    ORDER BY f.id""", personId, embedderId, minFacePx, minQuality));
    }

    /**
     * The clusterable faces that have an assignment, without their vectors: what {@link #assignmentRows} gives for the
     * clusterable faces, read with a join (tests compare them).
     */
    public List<FaceVectorRow> decidedFaces(String embedderId, double minFacePx, double minQuality) {
        return db.read(c -> {
            List<FaceVectorRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.id, f.photo_id, f.cluster_id, a.person_id, a.state, a.source
                    FROM assignments a JOIN faces f ON f.id = a.face_id JOIN photos p ON p.id = f.photo_id
                    WHERE f.embedding IS NOT NULL AND f.embedder_id = ? AND p.missing = 0
                      AND min(f.w, f.h) >= ? AND f.quality >= ? AND a.state <> 'ignored'
                    ORDER BY f.id""")) {
                ps.setString(1, embedderId);
                ps.setDouble(2, minFacePx);
                ps.setDouble(3, minQuality);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FaceVectorRow(rs.getLong(1), rs.getLong(2), null, nullableLong(rs, 3),
                                nullableLong(rs, 4), state(rs.getString(5)), source(rs.getString(6))));
                    }
                }
            }
            return out;
        });
    }

    public List<FaceVectorRow> assignmentRows() {
        return db.read(c -> {
            Assignments all = Assignments.read(c, Long.MIN_VALUE, Long.MAX_VALUE);
            List<FaceVectorRow> out = new ArrayList<>(all.faceIds().length);
            for (int k = 0; k < all.faceIds().length; k++) {
                if (all.states()[k] != State.IGNORED) {
                    out.add(new FaceVectorRow(all.faceIds()[k], -1, null, null, all.personIds()[k], all.states()[k], all.sources()[k]));
                }
            }
            return out;
        });
    }

    public String clusterableFingerprint() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT (SELECT count(*) FROM faces), (SELECT max(id) FROM faces),
                           (SELECT count(*) FROM photos WHERE missing <> 0), (SELECT max(indexed_at) FROM photos),
                           (SELECT count(*) FROM assignments WHERE state = 'ignored')""")) {
                rs.next();
                return rs.getLong(1) + ":" + rs.getLong(2) + ":" + rs.getLong(3) + ":" + rs.getLong(4) + ":" + rs.getLong(5);
            }
        });
    }

    public Map<Long, float[]> vectors(Collection<Long> faceIds) {
        Map<Long, float[]> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(faceIds);
        db.read(c -> {
            for (int from = 0; from < ids.size(); from += 500) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
                String in = String.join(",", chunk.stream().map(String::valueOf).toList());
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT id, embedding FROM faces WHERE embedding IS NOT NULL AND id IN (" + in + ")")) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), fromBlob(rs.getBytes(2)));
                    }
                }
            }
            return null;
        });
        return out;
    }

    public Optional<FaceVectorRow> face(long faceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.id, f.photo_id, f.embedding, f.cluster_id, a.person_id, a.state, a.source
                    FROM faces f LEFT JOIN assignments a ON a.face_id = f.id WHERE f.id = ?""")) {
                ps.setLong(1, faceId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    byte[] blob = rs.getBytes(3);
                    return Optional.of(new FaceVectorRow(rs.getLong(1), rs.getLong(2), blob == null ? null : fromBlob(blob),
                            nullableLong(rs, 4), nullableLong(rs, 5), state(rs.getString(6)), source(rs.getString(7))));
                }
            }
        });
    }

    public String mainEmbedderId() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    // Kept by triggers (V004): counting the 300,000 faces' embedders took 50–90 ms per call.
                    "SELECT embedder_id FROM embedder_faces WHERE faces > 0 ORDER BY faces DESC, embedder_id LIMIT 1")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    public long newCluster() {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO clusters(created_at) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, System.currentTimeMillis());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    return k.getLong(1);
                }
            }
        });
    }

    public long[] newClusters(int n) {
        return db.write(c -> {
            long[] ids = new long[n];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO clusters(created_at) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < n; i++) {
                    ps.setLong(1, now);
                    ps.executeUpdate();
                    try (ResultSet k = ps.getGeneratedKeys()) {
                        k.next();
                        ids[i] = k.getLong(1);
                    }
                }
            }
            return ids;
        });
    }

    public void deleteEmptyClusters(Collection<Long> clusterIds) {
        if (clusterIds.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM clusters WHERE id = ? AND NOT EXISTS (SELECT 1 FROM faces WHERE cluster_id = ?)")) {
                for (long id : clusterIds) {
                    ps.setLong(1, id);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public int deleteEmptyClusters() {
        return db.write(c -> exec(c, "DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM faces WHERE cluster_id IS NOT NULL)"));
    }

    public void setClusters(Map<Long, Long> clusterOfFace) {
        if (clusterOfFace.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE faces SET cluster_id = ? WHERE id = ?")) {
                for (var e : clusterOfFace.entrySet()) {
                    ps.setObject(1, e.getValue());
                    ps.setLong(2, e.getKey());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    public Set<Long> existingClusters(Collection<Long> clusterIds) {
        return db.read(c -> {
            Set<Long> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM clusters WHERE id = ?")) {
                for (long id : clusterIds) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.add(id);
                        }
                    }
                }
            }
            return out;
        });
    }
}
