package kindred.store;

import static kindred.store.PeopleRows.hasTable;
import static kindred.store.PeopleRows.longs;
import static kindred.store.PeopleRows.nullableLong;
import static kindred.store.PeopleRows.source;
import static kindred.store.PeopleRows.state;
import static kindred.store.SqliteLibraryStore.exec;
import static kindred.store.SqliteLibraryStore.fromBlob;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kindred.library.FaceInfo;
import kindred.library.PeopleService.Page;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PeopleService.PhotoHit;
import kindred.library.PeopleStore.FaceWithVector;
import kindred.model.FaceBox;

/**
 * The people and clusters as pages list them: people rows (names, hidden, covers), person and cluster summaries,
 * a person's faces, search by people, and forgetting a person. Part of {@link SqlitePeopleStore}, on its
 * {@link Database} and transactions. Thread-safe.
 */
final class SqlitePersonDirectory {

    private final Database db;

    SqlitePersonDirectory(Database db) {
        this.db = db;
    }

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

    public void renamePerson(long personId, String name) {
        db.write(c -> exec(c, "UPDATE people SET name = ? WHERE id = ?", name.strip(), personId));
    }

    public void setHidden(long personId, boolean hidden) {
        db.write(c -> exec(c, "UPDATE people SET hidden = ? WHERE id = ?", hidden ? 1 : 0, personId));
    }

    public boolean isHidden(long personId) {
        return db.read(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT hidden FROM people WHERE id = ?")) {
                ps.setLong(1, personId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) != 0;
                }
            }
        });
    }

    public void deletePerson(long personId) {
        db.write(c -> exec(c, "DELETE FROM people WHERE id = ?", personId));
    }

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

    public List<PersonSummary> clusters(int minFaces) {
        return clusters(minFaces, 0, Integer.MAX_VALUE).items();
    }

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

    /**
     * The unnamed faces (no person, or only a suggestion) on photos not missing that no unnamed group of at least
     * {@code minGroupFaces} holds: faces too small to cluster, faces alone in their cluster, and the leftovers of
     * clusters that belong to a person. Best first: quality (size × sharpness × pose), then area.
     */
    public Page<FaceInfo> otherFaces(int minGroupFaces, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        // Candidates come from the faces_by_cluster_photo_order index (V009): faces without a cluster, faces of clusters whose stored
        // size (V004) is below the group size, and faces of the few special clusters (with a decided face or a face on a
        // missing photo) that are not an unnamed group of that size when counted exactly. The page is chosen on the
        // faces' ids and order keys alone, with the count of all in the same pass, and only its rows are read whole:
        // sorting every candidate's whole row cost 0.3 s of CPU for the first page at 300,000 faces (60,000 other
        // faces), this 0.2 s, and 0.09 s with the order keys in the index (V009; ScaleBenchmark's library).
        String candidates = """
                WITH gone AS (SELECT id FROM photos WHERE missing <> 0),
                special AS MATERIALIZED (
                  SELECT DISTINCT f.cluster_id AS id FROM assignments a JOIN faces f ON f.id = a.face_id
                  WHERE a.state IN ('confirmed', 'ignored') AND f.cluster_id IS NOT NULL
                  UNION SELECT DISTINCT cluster_id FROM faces WHERE photo_id IN gone AND cluster_id IS NOT NULL),
                loose AS MATERIALIZED (
                  SELECT id FROM clusters WHERE faces < ?1 AND id NOT IN special
                  UNION ALL SELECT s.id FROM special s
                  WHERE EXISTS (SELECT 1 FROM faces f JOIN assignments a ON a.face_id = f.id
                                WHERE f.cluster_id = s.id AND a.state = 'confirmed' AND f.photo_id NOT IN gone)
                     OR (SELECT count(*) FROM faces f LEFT JOIN assignments a ON a.face_id = f.id
                         WHERE f.cluster_id = s.id AND f.photo_id NOT IN gone
                           AND (a.face_id IS NULL OR a.state = 'unconfirmed')) < ?1),
                other AS (
                  SELECT f.id, f.quality AS q, f.w * f.h AS area FROM faces f LEFT JOIN assignments a ON a.face_id = f.id
                  WHERE f.photo_id NOT IN gone AND (a.face_id IS NULL OR a.state = 'unconfirmed')
                    AND (f.cluster_id IS NULL OR f.cluster_id IN loose))""";
        return db.read(c -> {
            int total = -1;
            List<FaceInfo> out = new ArrayList<>();
            if (limit > 0) {
                try (PreparedStatement ps = c.prepareStatement(candidates + """
                        , page AS MATERIALIZED (
                          SELECT id, q, area, count(*) OVER () AS total FROM other ORDER BY q DESC, area DESC, id LIMIT ?2 OFFSET ?3)
                        SELECT f.id, f.photo_id, p.path, f.x, f.y, f.w, f.h, f.score, f.quality, f.cluster_id, pe.name,
                          coalesce(a.source, f.source),
                          coalesce(a.state, CASE WHEN EXISTS (SELECT 1 FROM rejections r WHERE r.face_id = f.id)
                                                 THEN 'rejected' ELSE 'unconfirmed' END),
                          pg.total
                        FROM page pg JOIN faces f ON f.id = pg.id JOIN photos p ON p.id = f.photo_id
                        LEFT JOIN assignments a ON a.face_id = f.id LEFT JOIN people pe ON pe.id = a.person_id
                        ORDER BY pg.q DESC, pg.area DESC, f.id""")) {
                    ps.setInt(1, minGroupFaces);
                    ps.setInt(2, limit);
                    ps.setInt(3, offset);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new FaceInfo(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                    new FaceBox(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)),
                                    rs.getDouble(8), rs.getDouble(9), nullableLong(rs, 10), rs.getString(11),
                                    source(rs.getString(12)), state(rs.getString(13))));
                            total = rs.getInt(14);
                        }
                    }
                }
            }
            if (total < 0) { // no row on this page: counted alone
                try (PreparedStatement ps = c.prepareStatement(candidates + " SELECT count(*) FROM other")) {
                    ps.setInt(1, minGroupFaces);
                    try (ResultSet rs = ps.executeQuery()) {
                        total = rs.getInt(1);
                    }
                }
            }
            return new Page<>(out, total);
        });
    }

    public List<Long> unnamedFacesOfCluster(long clusterId) {
        return db.read(c -> longs(c, new ArrayList<>(), """
                    SELECT f.id FROM faces f LEFT JOIN assignments a ON a.face_id = f.id
                    WHERE f.cluster_id = ? AND (a.face_id IS NULL OR a.state = 'unconfirmed') ORDER BY f.id""", clusterId));
    }

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

    public int forget(long personId) {
        int n = db.write(c -> erasePerson(c, personId, true));
        db.checkpointAndTruncateWal();
        return n;
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
}
