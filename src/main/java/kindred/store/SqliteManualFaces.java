package kindred.store;

import static kindred.store.SqliteLibraryStore.exec;
import static kindred.store.SqliteLibraryStore.queryLong;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kindred.library.RemovedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;

/**
 * Faces the user draws or removes: a drawn face's row, and a removed face kept whole (rows as JSON, embedding apart)
 * so that its undo puts it back as it was. Part of {@link SqlitePeopleStore}, on its {@link Database} and transactions.
 * Thread-safe.
 */
final class SqliteManualFaces {

    private final Database db;

    SqliteManualFaces(Database db) {
        this.db = db;
    }


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

    public void restoreFace(RemovedFace removed) {
        StoredFace s = StoredFace.fromJson(removed.stored());
        db.write(c -> {
            exec(c, "DELETE FROM suppressed_regions WHERE id = ?", s.suppressionId());
            if (queryLong(c, "SELECT count(*) FROM photos WHERE id = ?", removed.photoId()) == 0
                    || queryLong(c, "SELECT count(*) FROM faces WHERE id = ?", removed.faceId()) > 0) {
                return null; // the photo is gone, or the face is back already
            }
            Map<String, Object> face = new LinkedHashMap<>(s.face());
            face.put("embedding", removed.embedding());
            Object cluster = face.get("cluster_id");
            if (cluster != null && queryLong(c, "SELECT count(*) FROM clusters WHERE id = ?", cluster) == 0) {
                face.put("cluster_id", null);
            }
            insert(c, "faces", face);
            Map<String, Object> a = s.assignment();
            if (a != null && (a.get("person_id") == null
                    || queryLong(c, "SELECT count(*) FROM people WHERE id = ?", a.get("person_id")) > 0)) {
                insert(c, "assignments", a);
            }
            for (long[] r : s.rejections()) {
                if (queryLong(c, "SELECT count(*) FROM people WHERE id = ?", r[0]) > 0) {
                    exec(c, "INSERT OR IGNORE INTO rejections(face_id, person_id, at) VALUES (?, ?, ?)", removed.faceId(), r[0], r[1]);
                }
            }
            return null;
        });
    }

    public void deleteFace(long faceId) {
        db.write(c -> exec(c, "DELETE FROM faces WHERE id = ?", faceId));
    }
}
