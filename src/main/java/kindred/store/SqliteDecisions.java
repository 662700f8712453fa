package kindred.store;

import static kindred.store.PeopleRows.longs;
import static kindred.store.PeopleRows.nullableLong;
import static kindred.store.SqliteLibraryStore.exec;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kindred.model.Source;
import kindred.model.State;

/**
 * The user's and the suggestion pass's decisions about faces: assignments (name, confirm, ignore, suggest), rejections,
 * and the history of decisions the audit reads and an undo takes back. Part of {@link SqlitePeopleStore}, on its
 * {@link Database} and transactions. Thread-safe.
 */
final class SqliteDecisions {

    private final Database db;

    SqliteDecisions(Database db) {
        this.db = db;
    }

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

    public void unreject(long faceId, long personId) {
        db.write(c -> exec(c, "DELETE FROM rejections WHERE face_id = ? AND person_id = ?", faceId, personId));
    }

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

    public void moveAssignments(long from, long into) {
        db.write(c -> {
            exec(c, "UPDATE assignments SET person_id = ? WHERE person_id = ?", into, from);
            exec(c, "INSERT OR IGNORE INTO rejections(face_id, person_id, at) SELECT face_id, ?, at FROM rejections WHERE person_id = ?", into, from);
            exec(c, "DELETE FROM rejections WHERE person_id = ?", from);
            return null;
        });
    }

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

    public void reject(long faceId, long personId) {
        db.write(c -> {
            exec(c, "INSERT OR IGNORE INTO rejections(face_id, person_id, at) VALUES (?, ?, ?)", faceId, personId, System.currentTimeMillis());
            exec(c, "DELETE FROM assignments WHERE face_id = ? AND person_id = ?", faceId, personId);
            return null;
        });
    }

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

    public Set<Long> photosWithConfirmed(long personId) {
        return db.read(c -> longs(c, new HashSet<>(), """
                    SELECT DISTINCT f.photo_id FROM assignments a JOIN faces f ON f.id = a.face_id
                    WHERE a.person_id = ? AND a.state = 'confirmed'""", personId));
    }

    public List<Long> facesAssignedTo(long personId) {
        return db.read(c -> longs(c, new ArrayList<>(), "SELECT face_id FROM assignments WHERE person_id = ? ORDER BY face_id", personId));
    }

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

    public void recordMerge(long from, long into) {
        db.write(c -> exec(c, "INSERT INTO decisions(at, action, subject_person_id, person_after) VALUES (?, 'merge', ?, ?)",
                System.currentTimeMillis(), from, into));
    }

    public long lastDecisionId() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM decisions")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

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
}
