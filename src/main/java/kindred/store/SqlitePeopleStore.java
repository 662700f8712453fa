package kindred.store;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import kindred.library.FaceInfo;
import kindred.library.PeopleService.Page;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PeopleService.PhotoHit;
import kindred.library.PeopleStore;
import kindred.library.RemovedFace;
import kindred.model.Embedding;
import kindred.model.LandmarkScheme;
import kindred.model.FaceBox;
import kindred.model.Source;
import kindred.model.State;

/** {@link PeopleStore} on the SQLite library. Thread-safe. */
public final class SqlitePeopleStore implements PeopleStore {

    private final Database db;

    public SqlitePeopleStore(Database db) {
        this.db = db;
    }

    @Override
    public <T> T transaction(Supplier<T> work) {
        return db.transaction(work);
    }

    private static State state(String s) {
        return s == null ? null : State.valueOf(s.toUpperCase(Locale.ROOT));
    }

    private static Source source(String s) {
        return s == null ? null : Source.valueOf(s.toUpperCase(Locale.ROOT));
    }

    private static Long nullableLong(ResultSet rs, int col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

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

    @Override
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

    @Override
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

    /**
     * Reading every vector is split into this many id ranges read at once on separate connections (JDBC decoding
     * and SQLite's row steps run on both cores: 300,000 vectors in about half the time on two).
     */
    private static final int PARALLEL_VECTOR_READS = 2;

    @Override
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

    @Override
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

    @Override
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

    @Override
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

    /** Beside the database file: {@code neighbours.bin}. */
    @Override
    public java.nio.file.Path neighbourGraphFile() {
        return db.file().resolveSibling(NEIGHBOUR_GRAPH_FILE);
    }

    /** The clustering's neighbour graph, beside {@link Database#FILE_NAME}. */
    public static final String NEIGHBOUR_GRAPH_FILE = "neighbours.bin";

    /** Beside the database file: {@code suggestions.bin}. */
    @Override
    public java.nio.file.Path suggestionStateFile() {
        return db.file().resolveSibling(SUGGESTION_STATE_FILE);
    }

    /** What the last suggestion refresh saw and left, beside {@link Database#FILE_NAME}. */
    public static final String SUGGESTION_STATE_FILE = "suggestions.bin";

    @Override
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

    @Override
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

    @Override
    public String mainEmbedderId() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    // Kept by triggers (V004): counting the 300,000 faces' embedders took 50–90 ms per call.
                    "SELECT embedder_id FROM embedder_faces WHERE faces > 0 ORDER BY faces DESC, embedder_id LIMIT 1")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Override
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

    @Override
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

    @Override
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

    @Override
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

    @Override
    public int deleteEmptyClusters() {
        return db.write(c -> exec(c, "DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM faces WHERE cluster_id IS NOT NULL)"));
    }

    @Override
    public Optional<Long> personId(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM people WHERE name = ?")) {
                ps.setString(1, name.strip());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<String> personName(long personId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM people WHERE id = ?")) {
                ps.setLong(1, personId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public long createPerson(String name) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO people(name, created_at) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name.strip());
                ps.setLong(2, System.currentTimeMillis());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    return k.getLong(1);
                }
            }
        });
    }

    @Override
    public void renamePerson(long personId, String name) {
        db.write(c -> exec(c, "UPDATE people SET name = ? WHERE id = ?", name.strip(), personId));
    }

    @Override
    public void setHidden(long personId, boolean hidden) {
        db.write(c -> exec(c, "UPDATE people SET hidden = ? WHERE id = ?", hidden ? 1 : 0, personId));
    }

    @Override
    public void deletePerson(long personId) {
        db.write(c -> exec(c, "DELETE FROM people WHERE id = ?", personId));
    }

    @Override
    public void assign(Collection<Long> faceIds, long personId, Source source, State state, Double confidence) {
        if (faceIds.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO assignments(face_id, person_id, source, state, confidence, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(face_id) DO UPDATE SET person_id = excluded.person_id, source = excluded.source,
                      state = excluded.state, confidence = excluded.confidence, updated_at = excluded.updated_at""")) {
                long now = System.currentTimeMillis();
                for (long id : faceIds) {
                    ps.setLong(1, id);
                    ps.setLong(2, personId);
                    ps.setString(3, source.json());
                    ps.setString(4, state.json());
                    ps.setObject(5, confidence);
                    ps.setLong(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public int ignore(Collection<Long> faceIds) {
        return db.write(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO assignments(face_id, person_id, source, state, confidence, updated_at)
                    VALUES (?, NULL, 'manual', 'ignored', NULL, ?)
                    ON CONFLICT(face_id) DO UPDATE SET person_id = NULL, source = 'manual', state = 'ignored',
                      confidence = NULL, updated_at = excluded.updated_at""")) {
                for (long id : faceIds) {
                    ps.setLong(1, id);
                    ps.setLong(2, System.currentTimeMillis());
                    n += ps.executeUpdate();
                }
            }
            exec(c, "UPDATE faces SET cluster_id = NULL WHERE id IN (SELECT face_id FROM assignments WHERE state = 'ignored')");
            return n;
        });
    }

    @Override
    public boolean suggest(long faceId, long personId, double confidence) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO assignments(face_id, person_id, source, state, confidence, updated_at)
                    SELECT f.id, p.id, 'auto', 'unconfirmed', ?, ? FROM faces f, people p
                    WHERE f.id = ? AND p.id = ?
                      AND NOT EXISTS (SELECT 1 FROM rejections r WHERE r.face_id = f.id AND r.person_id = p.id)
                      AND NOT EXISTS (SELECT 1 FROM assignments a JOIN faces o ON o.id = a.face_id
                                      WHERE a.person_id = p.id AND a.state = 'confirmed' AND o.photo_id = f.photo_id)
                    ON CONFLICT(face_id) DO NOTHING""")) {
                ps.setDouble(1, confidence);
                ps.setLong(2, System.currentTimeMillis());
                ps.setLong(3, faceId);
                ps.setLong(4, personId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void unreject(long faceId, long personId) {
        db.write(c -> exec(c, "DELETE FROM rejections WHERE face_id = ? AND person_id = ?", faceId, personId));
    }

    @Override
    public void unassign(Collection<Long> faceIds) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM assignments WHERE face_id = ?")) {
                for (long id : faceIds) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public int setState(Collection<Long> faceIds, State state) {
        return db.write(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE assignments SET state = ?, source = CASE WHEN source = 'auto' THEN 'manual' ELSE source END, updated_at = ? WHERE face_id = ?")) {
                for (long id : faceIds) {
                    ps.setString(1, state.json());
                    ps.setLong(2, System.currentTimeMillis());
                    ps.setLong(3, id);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    @Override
    public void moveAssignments(long from, long into) {
        db.write(c -> {
            exec(c, "UPDATE assignments SET person_id = ? WHERE person_id = ?", into, from);
            exec(c, "INSERT OR IGNORE INTO rejections(face_id, person_id, at) SELECT face_id, ?, at FROM rejections WHERE person_id = ?", into, from);
            exec(c, "DELETE FROM rejections WHERE person_id = ?", from);
            return null;
        });
    }

    @Override
    public int clearSuggestions(Collection<Long> onlyFaces) {
        return db.write(c -> {
            if (onlyFaces == null) {
                return exec(c, "DELETE FROM assignments WHERE source = 'auto' AND state = 'unconfirmed'");
            }
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM assignments WHERE face_id = ? AND source = 'auto' AND state = 'unconfirmed'")) {
                for (long id : onlyFaces) {
                    ps.setLong(1, id);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    @Override
    public void reject(long faceId, long personId) {
        db.write(c -> {
            exec(c, "INSERT OR IGNORE INTO rejections(face_id, person_id, at) VALUES (?, ?, ?)", faceId, personId, System.currentTimeMillis());
            exec(c, "DELETE FROM assignments WHERE face_id = ? AND person_id = ?", faceId, personId);
            return null;
        });
    }

    @Override
    public Map<Long, List<Long>> rejections() {
        return db.read(c -> {
            Map<Long, List<Long>> out = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT face_id, person_id FROM rejections")) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
            return out;
        });
    }

    @Override
    public Set<Long> photosWithConfirmed(long personId) {
        return db.read(c -> longs(c, new HashSet<>(), """
                    SELECT DISTINCT f.photo_id FROM assignments a JOIN faces f ON f.id = a.face_id
                    WHERE a.person_id = ? AND a.state = 'confirmed'""", personId));
    }

    @Override
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

    @Override
    public List<PersonSummary> people(boolean includeHidden) {
        return db.read(c -> {
            List<PersonSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT pe.id, pe.name, pe.hidden, pe.cover_face_id, coalesce(s.faces, 0), coalesce(s.photos, 0),
                      (SELECT min(a.face_id) FROM assignments a WHERE a.person_id = pe.id AND a.state = 'confirmed')
                    FROM people pe LEFT JOIN (
                      -- one pass over the confirmed faces, each read from the narrow (id, photo_id) index
                      SELECT a.person_id, count(*) AS faces, count(DISTINCT f.photo_id) AS photos
                      FROM assignments a JOIN faces f ON f.id = a.face_id
                      WHERE a.state = 'confirmed' AND f.photo_id NOT IN (SELECT id FROM photos WHERE missing <> 0)
                      GROUP BY a.person_id) s ON s.person_id = pe.id
                    WHERE ? OR pe.hidden = 0""")) {
                ps.setBoolean(1, includeHidden);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Long cover = nullableLong(rs, 4);
                        out.add(new PersonSummary(rs.getLong(1), rs.getString(2), "person", rs.getInt(5), rs.getInt(6),
                                cover != null ? cover : nullableLong(rs, 7), rs.getInt(3) != 0));
                    }
                }
            }
            out.sort((a, b) -> a.faces() != b.faces() ? Integer.compare(b.faces(), a.faces()) : a.name().compareToIgnoreCase(b.name()));
            return out;
        });
    }

    @Override
    public List<PersonSummary> clusters(int minFaces) {
        return clusters(minFaces, 0, Integer.MAX_VALUE).items();
    }

    /**
     * Clusters whose stored size ({@code clusters.faces}, kept by triggers) may differ from their unnamed count: those
     * holding a confirmed or ignored face, or a face on a missing photo. Few; counted exactly. Those with a confirmed
     * face on a photo not missing belong to a person and are not listed ({@code named} 1).
     */
    private static final String SPECIAL_CLUSTERS = """
            WITH gone AS (SELECT id FROM photos WHERE missing <> 0),
            decided AS MATERIALIZED (SELECT f.cluster_id AS id, max(a.state = 'confirmed' AND f.photo_id NOT IN gone) AS named
                        FROM assignments a JOIN faces f ON f.id = a.face_id
                        WHERE a.state IN ('confirmed', 'ignored') AND f.cluster_id IS NOT NULL GROUP BY f.cluster_id),
            special AS (SELECT id, named FROM decided
                        UNION ALL SELECT DISTINCT f.cluster_id, 0 FROM faces f
                        WHERE f.photo_id IN gone AND f.cluster_id IS NOT NULL AND f.cluster_id NOT IN (SELECT id FROM decided))
            SELECT s.id, s.named,
              CASE WHEN s.named THEN 0 ELSE
              (SELECT coalesce(sum(a.face_id IS NULL OR a.state = 'unconfirmed'), 0) FROM faces f
               LEFT JOIN assignments a ON a.face_id = f.id WHERE f.cluster_id = s.id AND f.photo_id NOT IN gone) END AS unnamed,
              (SELECT faces FROM clusters WHERE id = s.id) AS stored
            FROM special s""";

    @Override
    public Page<PersonSummary> clusters(int minFaces, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        // The largest clusters come from the clusters_by_size index (V004): for a cluster without a decided face or a
        // face on a missing photo its stored size is its unnamed count; the few others are counted exactly and merged
        // in. 180 ms CPU → a few ms for the first page at 300,000 faces (docs/decisions/0007-speed.md).
        return db.read(c -> {
            int min = Math.max(1, minFaces);
            Set<Long> special = new HashSet<>();
            int specialStoredListed = 0; // specials the stored sizes alone would have listed
            List<long[]> exact = new ArrayList<>(); // (id, unnamed) of listed special clusters
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SPECIAL_CLUSTERS)) {
                while (rs.next()) {
                    special.add(rs.getLong(1));
                    if (rs.getInt(4) >= min) {
                        specialStoredListed++;
                    }
                    if (rs.getInt(2) == 0 && rs.getInt(3) >= min) {
                        exact.add(new long[] {rs.getLong(1), rs.getInt(3)});
                    }
                }
            }
            long end = Math.min((long) offset + limit, Integer.MAX_VALUE);
            int regularTotal;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM clusters WHERE faces >= ?")) {
                ps.setInt(1, min);
                try (ResultSet rs = ps.executeQuery()) {
                    regularTotal = rs.getInt(1) - specialStoredListed;
                }
            }
            List<long[]> regular = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, faces FROM clusters WHERE faces >= ? ORDER BY faces DESC, id LIMIT ?")) {
                ps.setInt(1, min);
                ps.setLong(2, Math.min(end + special.size(), Integer.MAX_VALUE));
                try (ResultSet rs = ps.executeQuery()) {
                    // In index order, only as far as the page needs.
                    while (rs.next() && regular.size() < end) {
                        if (!special.contains(rs.getLong(1))) {
                            regular.add(new long[] {rs.getLong(1), rs.getInt(2)});
                        }
                    }
                }
            }
            java.util.Comparator<long[]> largestFirst = (a, b) -> a[1] != b[1] ? Long.compare(b[1], a[1]) : Long.compare(a[0], b[0]);
            exact.sort(largestFirst);
            List<long[]> merged = new ArrayList<>(regular);
            merged.addAll(exact);
            merged.sort(largestFirst);
            List<long[]> page = merged.subList(Math.min(offset, merged.size()), (int) Math.min(merged.size(), end));
            Map<Long, long[]> photosAndCover = new HashMap<>();
            if (!page.isEmpty()) {
                String in = String.join(",", page.stream().map(p -> String.valueOf(p[0])).toList());
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                        SELECT f.cluster_id, count(DISTINCT f.photo_id), min(f.id) FROM faces f LEFT JOIN assignments a ON a.face_id = f.id
                        WHERE f.cluster_id IN (%s) AND f.photo_id NOT IN (SELECT id FROM photos WHERE missing <> 0)
                          AND (a.face_id IS NULL OR a.state = 'unconfirmed')
                        GROUP BY f.cluster_id""".formatted(in))) {
                    while (rs.next()) {
                        photosAndCover.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
            }
            List<PersonSummary> out = new ArrayList<>();
            for (long[] p : page) {
                long[] pc = photosAndCover.getOrDefault(p[0], new long[] {0, 0});
                out.add(new PersonSummary(p[0], null, "cluster", (int) p[1], (int) pc[0], pc[1], false));
            }
            return new Page<>(out, regularTotal + exact.size());
        });
    }

    @Override
    public List<Long> unnamedFacesOfCluster(long clusterId) {
        return db.read(c -> longs(c, new ArrayList<>(), """
                    SELECT f.id FROM faces f LEFT JOIN assignments a ON a.face_id = f.id
                    WHERE f.cluster_id = ? AND (a.face_id IS NULL OR a.state = 'unconfirmed') ORDER BY f.id""", clusterId));
    }

    @Override
    public List<FaceInfo> facesOfPerson(long personId) {
        return db.read(c -> {
            List<FaceInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.id, f.photo_id, p.path, f.x, f.y, f.w, f.h, f.score, f.quality, f.cluster_id, pe.name, a.source, a.state
                    FROM assignments a JOIN faces f ON f.id = a.face_id JOIN photos p ON p.id = f.photo_id
                    JOIN people pe ON pe.id = a.person_id
                    WHERE a.person_id = ? AND a.state IN ('confirmed', 'unconfirmed') AND p.missing = 0
                    ORDER BY a.state = 'confirmed', coalesce(a.confidence, 0) DESC, f.id""")) {
                ps.setLong(1, personId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FaceInfo(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                new FaceBox(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)),
                                rs.getDouble(8), rs.getDouble(9), nullableLong(rs, 10), rs.getString(11),
                                source(rs.getString(12)), state(rs.getString(13))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<FaceWithVector> unconfirmedFaces(long personId) {
        return db.read(c -> {
            List<FaceWithVector> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.id, f.photo_id, p.path, f.x, f.y, f.w, f.h, f.score, f.quality, f.cluster_id, pe.name, a.source, a.state,
                      f.embedding
                    FROM assignments a JOIN faces f ON f.id = a.face_id JOIN photos p ON p.id = f.photo_id
                    JOIN people pe ON pe.id = a.person_id
                    WHERE a.person_id = ? AND a.state = 'unconfirmed' AND p.missing = 0
                    ORDER BY coalesce(a.confidence, 0) DESC, f.id""")) {
                ps.setLong(1, personId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] blob = rs.getBytes(14);
                        out.add(new FaceWithVector(new FaceInfo(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                new FaceBox(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)),
                                rs.getDouble(8), rs.getDouble(9), nullableLong(rs, 10), rs.getString(11),
                                source(rs.getString(12)), state(rs.getString(13))), blob == null ? null : fromBlob(blob)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<PhotoHit> search(List<Long> personIds, boolean any) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        String in = String.join(",", personIds.stream().map(String::valueOf).toList());
        String sql = "SELECT p.id, p.path, group_concat(DISTINCT pe.name) FROM assignments a JOIN faces f ON f.id = a.face_id "
                + "JOIN photos p ON p.id = f.photo_id JOIN people pe ON pe.id = a.person_id "
                + "WHERE a.state = 'confirmed' AND p.missing = 0 AND a.person_id IN (" + in + ") "
                + "GROUP BY p.id " + (any ? "" : "HAVING count(DISTINCT a.person_id) = " + personIds.size() + " ")
                + "ORDER BY coalesce(p.taken_at, ''), p.path";
        return db.read(c -> {
            List<PhotoHit> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    List<String> names = new ArrayList<>(List.of(rs.getString(3).split(",")));
                    names.sort(String.CASE_INSENSITIVE_ORDER);
                    out.add(new PhotoHit(rs.getLong(1), rs.getString(2), names));
                }
            }
            return out;
        });
    }

    @Override
    public void recordDecisions(String action, Collection<Long> faceIds, Long subjectPersonId, Long personAfter, String stateAfter) {
        if (faceIds.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO decisions(at, action, face_id, subject_person_id, person_before, state_before, source_before,
                      confidence_before, person_after, state_after)
                    SELECT ?, ?, f.id, ?, a.person_id, a.state, a.source, a.confidence, ?, ?
                    FROM faces f LEFT JOIN assignments a ON a.face_id = f.id WHERE f.id = ?""")) {
                long now = System.currentTimeMillis();
                for (long id : faceIds) {
                    ps.setLong(1, now);
                    ps.setString(2, action);
                    ps.setObject(3, subjectPersonId);
                    ps.setObject(4, personAfter);
                    ps.setString(5, stateAfter);
                    ps.setLong(6, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void recordMerge(long from, long into) {
        db.write(c -> exec(c, "INSERT INTO decisions(at, action, subject_person_id, person_after) VALUES (?, 'merge', ?, ?)",
                System.currentTimeMillis(), from, into));
    }

    @Override
    public long lastDecisionId() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM decisions")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public int deleteDecisionsAfter(long decisionId, Collection<Long> faceIds, boolean merges) {
        return db.write(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM decisions WHERE id > ? AND face_id = ?")) {
                for (long id : faceIds) {
                    ps.setLong(1, decisionId);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                for (int k : ps.executeBatch()) {
                    n += Math.max(0, k);
                }
            }
            if (merges) {
                n += exec(c, "DELETE FROM decisions WHERE id > ? AND action = 'merge'", decisionId);
            }
            return n;
        });
    }

    @Override
    public List<kindred.library.Decision> decisions() {
        return db.read(c -> {
            List<kindred.library.Decision> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                    SELECT id, at, action, face_id, subject_person_id, person_before, state_before, source_before,
                      confidence_before, person_after, state_after FROM decisions ORDER BY id""")) {
                while (rs.next()) {
                    double conf = rs.getDouble(9);
                    Double confidence = rs.wasNull() ? null : conf;
                    out.add(new kindred.library.Decision(rs.getLong(1), rs.getLong(2), rs.getString(3), nullableLong(rs, 4),
                            nullableLong(rs, 5), nullableLong(rs, 6), rs.getString(7), rs.getString(8), confidence,
                            nullableLong(rs, 10), rs.getString(11)));
                }
            }
            return out;
        });
    }

    @Override
    public int forget(long personId) {
        int n = db.write(c -> erasePerson(c, personId, true));
        db.checkpointAndTruncateWal();
        return n;
    }

    // ---------------------------------------------------------------- faces drawn or removed by the user

    @Override
    public long addManualFace(long photoId, FaceBox box, Embedding embedding, double quality) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO faces(photo_id, x, y, w, h, landmark_scheme, landmarks, score, quality, source, detector_id, "
                            + "embedder_id, embedding, created_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 1.0, ?, 'manual', NULL, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, photoId);
                ps.setDouble(2, box.x());
                ps.setDouble(3, box.y());
                ps.setDouble(4, box.w());
                ps.setDouble(5, box.h());
                ps.setString(6, LandmarkScheme.NONE.name());
                ps.setDouble(7, quality);
                ps.setString(8, embedding == null ? null : embedding.modelId());
                ps.setBytes(9, embedding == null ? null : SqliteLibraryStore.toBlob(embedding.vector()));
                ps.setLong(10, System.currentTimeMillis());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    return k.getLong(1);
                }
            }
        });
    }

    /**
     * A removed face's rows, column by column (its embedding apart, in {@link RemovedFace#embedding}), and the
     * suppression that stands in for it; kept as JSON in {@link RemovedFace#stored} so that the undo history can keep it.
     */
    record StoredFace(Map<String, Object> face, Map<String, Object> assignment, List<long[]> rejections, long suppressionId) {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
        /** How a blob column other than the embedding (the landmarks) is written in JSON: {"blob": base64}. */
        private static final String BLOB = "blob";

        String toJson() {
            try {
                return JSON.writeValueAsString(Map.of("face", blobsAsText(face),
                        "assignment", assignment == null ? Map.of() : blobsAsText(assignment),
                        "rejections", rejections, "suppression", suppressionId));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @SuppressWarnings("unchecked")
        static StoredFace fromJson(String json) {
            try {
                Map<String, Object> m = JSON.readValue(json, Map.class);
                Map<String, Object> a = (Map<String, Object>) m.get("assignment");
                List<long[]> rejections = new ArrayList<>();
                for (List<Number> r : (List<List<Number>>) m.get("rejections")) {
                    rejections.add(new long[] {r.get(0).longValue(), r.get(1).longValue()});
                }
                return new StoredFace(blobsFromText((Map<String, Object>) m.get("face")), a == null || a.isEmpty() ? null
                        : blobsFromText(a), rejections, ((Number) m.get("suppression")).longValue());
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException("not a face this store removed", e);
            }
        }

        private static Map<String, Object> blobsAsText(Map<String, Object> row) {
            Map<String, Object> out = new LinkedHashMap<>();
            row.forEach((k, v) -> out.put(k, v instanceof byte[] b ? Map.of(BLOB, java.util.Base64.getEncoder().encodeToString(b)) : v));
            return out;
        }

        private static Map<String, Object> blobsFromText(Map<String, Object> row) {
            Map<String, Object> out = new LinkedHashMap<>();
            row.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> b && b.get(BLOB) instanceof String t
                    ? java.util.Base64.getDecoder().decode(t) : v));
            return out;
        }
    }

    /** Runs a query and adds its first column, as longs, to {@code out}; parameters bound in order. */
    private static <C extends Collection<Long>> C longs(Connection c, C out, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static Map<String, Object> row(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                var md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    out.put(md.getColumnName(i), rs.getObject(i));
                }
                return out;
            }
        }
    }

    private static void insert(Connection c, String table, Map<String, Object> row) throws SQLException {
        String cols = String.join(", ", row.keySet());
        String qs = String.join(", ", java.util.Collections.nCopies(row.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + "(" + cols + ") VALUES (" + qs + ")")) {
            int i = 1;
            for (Object v : row.values()) {
                ps.setObject(i++, v);
            }
            ps.executeUpdate();
        }
    }

    @Override
    public Optional<RemovedFace> removeFace(long faceId) {
        return db.write(c -> {
            Map<String, Object> face = row(c, "SELECT * FROM faces WHERE id = ?", faceId);
            if (face == null) {
                return Optional.<RemovedFace>empty();
            }
            Map<String, Object> assignment = row(c, "SELECT * FROM assignments WHERE face_id = ?", faceId);
            List<long[]> rejections = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT person_id, at FROM rejections WHERE face_id = ?")) {
                ps.setLong(1, faceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rejections.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            long photoId = ((Number) face.get("photo_id")).longValue();
            FaceBox box = new FaceBox(((Number) face.get("x")).doubleValue(), ((Number) face.get("y")).doubleValue(),
                    ((Number) face.get("w")).doubleValue(), ((Number) face.get("h")).doubleValue());
            long suppression;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO suppressed_regions(photo_id, x, y, w, h, reason, at) VALUES (?, ?, ?, ?, ?, 'removed', ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, photoId);
                ps.setDouble(2, box.x());
                ps.setDouble(3, box.y());
                ps.setDouble(4, box.w());
                ps.setDouble(5, box.h());
                ps.setLong(6, System.currentTimeMillis());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    suppression = k.getLong(1);
                }
            }
            exec(c, "DELETE FROM faces WHERE id = ?", faceId);
            byte[] embedding = (byte[]) face.remove("embedding");
            return Optional.of(new RemovedFace(faceId, photoId, box, new StoredFace(face, assignment, rejections, suppression).toJson(),
                    embedding));
        });
    }

    @Override
    public void restoreFace(RemovedFace removed) {
        StoredFace s = StoredFace.fromJson(removed.stored());
        db.write(c -> {
            exec(c, "DELETE FROM suppressed_regions WHERE id = ?", s.suppressionId());
            if (count(c, "SELECT count(*) FROM photos WHERE id = ?", removed.photoId()) == 0
                    || count(c, "SELECT count(*) FROM faces WHERE id = ?", removed.faceId()) > 0) {
                return null; // the photo is gone, or the face is back already
            }
            Map<String, Object> face = new LinkedHashMap<>(s.face());
            face.put("embedding", removed.embedding());
            Object cluster = face.get("cluster_id");
            if (cluster != null && count(c, "SELECT count(*) FROM clusters WHERE id = ?", cluster) == 0) {
                face.put("cluster_id", null);
            }
            insert(c, "faces", face);
            Map<String, Object> a = s.assignment();
            if (a != null && (a.get("person_id") == null
                    || count(c, "SELECT count(*) FROM people WHERE id = ?", a.get("person_id")) > 0)) {
                insert(c, "assignments", a);
            }
            for (long[] r : s.rejections()) {
                if (count(c, "SELECT count(*) FROM people WHERE id = ?", r[0]) > 0) {
                    exec(c, "INSERT OR IGNORE INTO rejections(face_id, person_id, at) VALUES (?, ?, ?)", removed.faceId(), r[0], r[1]);
                }
            }
            return null;
        });
    }

    @Override
    public void deleteFace(long faceId) {
        db.write(c -> exec(c, "DELETE FROM faces WHERE id = ?", faceId));
    }

    @Override
    public List<Long> facesAssignedTo(long personId) {
        return db.read(c -> longs(c, new ArrayList<>(), "SELECT face_id FROM assignments WHERE person_id = ? ORDER BY face_id", personId));
    }

    @Override
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

    /**
     * Erases a person from a library file: their confirmed faces (rows, embeddings, landmarks; assignments and
     * rejections cascade), remembered as suppressed regions so scans do not re-create them; their decision history
     * (including people merged into them); the person. Works on every schema version (backups may be older).
     *
     * @param log whether to record it in the privacy log (without the name)
     * @return the number of faces erased
     */
    static int erasePerson(Connection c, long personId, boolean log) throws SQLException {
        Map<Long, double[]> boxes = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.photo_id, f.x, f.y, f.w, f.h FROM assignments a JOIN faces f ON f.id = a.face_id
                WHERE a.person_id = ? AND a.state = 'confirmed'""")) {
            ps.setLong(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boxes.put(rs.getLong(1), new double[] {rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)});
                }
            }
        }
        long now = System.currentTimeMillis();
        try (PreparedStatement sup = c.prepareStatement(
                "INSERT INTO suppressed_regions(photo_id, x, y, w, h, reason, at) VALUES (?, ?, ?, ?, ?, 'forgotten', ?)");
             PreparedStatement del = c.prepareStatement("DELETE FROM faces WHERE id = ?")) {
            for (var e : boxes.entrySet()) {
                double[] b = e.getValue();
                sup.setLong(1, (long) b[0]);
                sup.setDouble(2, b[1]);
                sup.setDouble(3, b[2]);
                sup.setDouble(4, b[3]);
                sup.setDouble(5, b[4]);
                sup.setLong(6, now);
                sup.addBatch();
                del.setLong(1, e.getKey());
                del.addBatch();
            }
            sup.executeBatch();
            del.executeBatch();
        }
        if (hasTable(c, "decisions")) {
            // Their decision history goes too (it names their faces), including people merged into them earlier.
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH RECURSIVE gone(id) AS (SELECT ? UNION SELECT d.subject_person_id FROM decisions d JOIN gone g
                      ON d.action = 'merge' AND d.person_after = g.id)
                    DELETE FROM decisions WHERE person_before IN gone OR person_after IN gone OR subject_person_id IN gone""")) {
                ps.setLong(1, personId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM decisions WHERE face_id = ?")) {
                for (long faceId : boxes.keySet()) {
                    ps.setLong(1, faceId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (hasTable(c, "undo_entries")) {
            // An undo entry may hold their faces and name (and a removed face's embedding): nothing may bring them back.
            exec(c, "DELETE FROM undo_entries");
        }
        // Suggestions for the person are not theirs: they go back to unnamed.
        exec(c, "DELETE FROM people WHERE id = ?", personId);
        if (log && hasTable(c, "privacy_log")) {
            // The user can read that it happened; the name itself is not kept (that would keep them).
            exec(c, "INSERT INTO privacy_log(at, event, detail) VALUES (?, 'forget', ?)", now,
                    "A person was forgotten: " + kindred.library.Counted.of(boxes.size(), "face") + " erased with their embeddings, assignments and "
                            + "decision history. Their name is not kept in this log.");
        }
        return boxes.size();
    }

    static boolean hasTable(Connection c, String table) throws SQLException {
        return queryLong(c, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table) > 0;
    }

    static long count(Connection c, String sql, Object... args) throws SQLException {
        return queryLong(c, sql, args);
    }
}
