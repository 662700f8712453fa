package kindred.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.FailedPhoto;
import kindred.library.FolderInfo;
import kindred.library.IndexJob;
import kindred.library.LibraryCounts;
import kindred.library.LibraryPhoto;
import kindred.library.LibraryStore;
import kindred.library.PhotoMetadata;
import kindred.library.PhotoQuery;
import kindred.library.StoredPhoto;
import kindred.model.DetectedFace;
import kindred.model.FaceBox;
import kindred.model.PhotoAnalysis;
import kindred.model.Source;
import kindred.model.State;

/** {@link LibraryStore} on a SQLite {@link Database}. Thread-safe. */
public final class SqliteLibraryStore implements LibraryStore {

    /**
     * A new detection overlapping a kept face (user-made, imported or decided) by at least this IoU is the
     * same face and is not stored twice. 0.5 is the usual detection-matching IoU (WIDER, Immich).
     */
    static final double SAME_FACE_IOU = 0.5;

    static final String KIND_INDEX = "index";

    private final Database db;

    public SqliteLibraryStore(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    @Override
    public <T> T transaction(Supplier<T> work) {
        return db.transaction(work);
    }

    // ---------------------------------------------------------------- folders

    @Override
    public long addFolder(String path) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO folders(path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING")) {
                ps.setString(1, path);
                ps.setLong(2, System.currentTimeMillis());
                ps.executeUpdate();
            }
            return queryLong(c, "SELECT id FROM folders WHERE path = ?", path);
        });
    }

    @Override
    public List<FolderInfo> folders() {
        return db.read(c -> {
            List<FolderInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT f.id, f.path, (SELECT count(*) FROM photos p WHERE p.folder_id = f.id AND p.missing = 0), f.volume
                    FROM folders f ORDER BY f.path""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(2);
                    String volume = rs.getString(4);
                    out.add(new FolderInfo(rs.getLong(1), path, rs.getInt(3),
                            kindred.library.FolderPresence.isThere(java.nio.file.Path.of(path), rs.getInt(3) > 0, volume), volume));
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- photos

    private static final String PHOTO_COLUMNS = "id, folder_id, path, size, mtime, content_hash, status, missing, detector_id";

    private static StoredPhoto photo(ResultSet rs) throws SQLException {
        return new StoredPhoto(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getInt(8) != 0, rs.getString(9));
    }

    @Override
    public Optional<StoredPhoto> photoByPath(String path) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PHOTO_COLUMNS + " FROM photos WHERE path = ?")) {
                ps.setString(1, path);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(photo(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredPhoto> photosByHash(String contentHash) {
        return db.read(c -> {
            List<StoredPhoto> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PHOTO_COLUMNS + " FROM photos WHERE content_hash = ? ORDER BY id")) {
                ps.setString(1, contentHash);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(photo(rs));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long addPhoto(long folderId, String path, long size, long mtimeMillis, String contentHash, long scanMillis) {
        return db.write(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO photos(folder_id, path, size, mtime, content_hash, status, first_seen_at, last_seen_at)
                    VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, folderId);
                ps.setString(2, path);
                ps.setLong(3, size);
                ps.setLong(4, mtimeMillis);
                ps.setString(5, contentHash);
                ps.setLong(6, scanMillis);
                ps.setLong(7, scanMillis);
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            enqueue(c, id);
            return id;
        });
    }

    @Override
    public void photoChanged(long photoId, long size, long mtimeMillis, String contentHash, long scanMillis) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE photos SET size = ?, mtime = ?, content_hash = ?, status = 'pending', missing = 0, last_seen_at = ?
                    WHERE id = ?""")) {
                ps.setLong(1, size);
                ps.setLong(2, mtimeMillis);
                ps.setString(3, contentHash);
                ps.setLong(4, scanMillis);
                ps.setLong(5, photoId);
                ps.executeUpdate();
            }
            enqueue(c, photoId);
            return null;
        });
    }

    /** Queues an index job for the photo (idempotent). */
    public void requestIndex(long photoId) {
        db.write(c -> {
            enqueue(c, photoId);
            return null;
        });
    }

    private static void enqueue(Connection c, long photoId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO jobs(kind, photo_id, state, created_at) VALUES (?, ?, 'queued', ?)
                ON CONFLICT(kind, photo_id) DO UPDATE SET state = 'queued'""")) {
            ps.setString(1, KIND_INDEX);
            ps.setLong(2, photoId);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    @Override
    public void photoMoved(long photoId, long folderId, String newPath, long size, long mtimeMillis, long scanMillis) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE photos SET folder_id = ?, path = ?, size = ?, mtime = ?, missing = 0, last_seen_at = ?
                    WHERE id = ?""")) {
                ps.setLong(1, folderId);
                ps.setString(2, newPath);
                ps.setLong(3, size);
                ps.setLong(4, mtimeMillis);
                ps.setLong(5, scanMillis);
                ps.setLong(6, photoId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void photosSeen(Collection<Long> photoIds, long scanMillis) {
        if (photoIds.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE photos SET last_seen_at = ?, missing = 0 WHERE id = ?")) {
                for (long id : photoIds) {
                    ps.setLong(1, scanMillis);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public int markMissing(String folderPrefix, long scanStartMillis) {
        String prefix = folderPrefix.endsWith(java.io.File.separator) ? folderPrefix : folderPrefix + java.io.File.separator;
        return db.write(c -> {
            // Range on the unique path index instead of LIKE: no escaping of '%' and '_' in user paths.
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE photos SET missing = 1 WHERE path >= ? AND path < ? AND last_seen_at < ? AND missing = 0")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix + Character.MAX_VALUE);
                ps.setLong(3, scanStartMillis);
                return ps.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------- folders that move or go

    private static String under(String folder) {
        return folder.endsWith(java.io.File.separator) ? folder : folder + java.io.File.separator;
    }

    @Override
    public FolderUsage folderUsage(String folderPath) {
        String prefix = under(folderPath);
        return db.read(c -> {
            int photos;
            int faces;
            int confirmed;
            // Ranges on the unique path index, not LIKE: no escaping of '%' and '_' in user paths.
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*),
                           (SELECT count(*) FROM faces f JOIN photos q ON q.id = f.photo_id WHERE q.path >= ? AND q.path < ?),
                           (SELECT count(*) FROM assignments a JOIN faces f ON f.id = a.face_id JOIN photos q ON q.id = f.photo_id
                             WHERE q.path >= ? AND q.path < ? AND a.state = 'confirmed')
                    FROM photos p WHERE p.path >= ? AND p.path < ?""")) {
                for (int i = 0; i < 3; i++) {
                    ps.setString(2 * i + 1, prefix);
                    ps.setString(2 * i + 2, prefix + Character.MAX_VALUE);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    photos = rs.getInt(1);
                    faces = rs.getInt(2);
                    confirmed = rs.getInt(3);
                }
            }
            List<String> people = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT DISTINCT pe.name FROM assignments a JOIN faces f ON f.id = a.face_id JOIN photos q ON q.id = f.photo_id
                    JOIN people pe ON pe.id = a.person_id
                    WHERE q.path >= ? AND q.path < ? AND a.state = 'confirmed' ORDER BY pe.name""")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix + Character.MAX_VALUE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        people.add(rs.getString(1));
                    }
                }
            }
            return new FolderUsage(photos, faces, confirmed, List.copyOf(people));
        });
    }

    @Override
    public int moveFolder(String from, String to, java.util.function.Predicate<String> missing) {
        String oldPrefix = under(from);
        String newPrefix = under(to);
        return db.write(c -> {
            if (queryLong(c, "SELECT count(*) FROM folders WHERE path = ? OR (path >= ? AND path < ?)", to, newPrefix,
                    newPrefix + Character.MAX_VALUE) > 0
                    || queryLong(c, "SELECT count(*) FROM photos WHERE path >= ? AND path < ?", newPrefix, newPrefix + Character.MAX_VALUE) > 0) {
                throw new kindred.library.LibraryException(to + " already holds photos of the library: scan it, or remove it "
                        + "from the library first (`kindred folders remove`), then move.");
            }
            List<long[]> ids = new ArrayList<>();
            List<String> paths = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, path FROM photos WHERE path >= ? AND path < ?")) {
                ps.setString(1, oldPrefix);
                ps.setString(2, oldPrefix + Character.MAX_VALUE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(new long[] {rs.getLong(1)});
                        paths.add(rs.getString(2));
                    }
                }
            }
            int there = 0;
            try (PreparedStatement ps = c.prepareStatement("UPDATE photos SET path = ?, missing = ? WHERE id = ?")) {
                for (int i = 0; i < ids.size(); i++) {
                    String moved = newPrefix + paths.get(i).substring(oldPrefix.length());
                    boolean gone = missing.test(moved);
                    there += gone ? 0 : 1;
                    ps.setString(1, moved);
                    ps.setInt(2, gone ? 1 : 0);
                    ps.setLong(3, ids.get(i)[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!ids.isEmpty() && there == 0) {
                // Not one of them is at the new place: most likely a wrong path. The transaction rolls back.
                throw new kindred.library.LibraryException("None of the " + ids.size() + " photos of " + from + " is in " + to
                        + ". Nothing was changed: check the new place.");
            }
            exec(c, "UPDATE photo_files SET path = ? || substr(path, ?) WHERE path >= ? AND path < ?", newPrefix,
                    oldPrefix.length() + 1, oldPrefix, oldPrefix + Character.MAX_VALUE);
            exec(c, "UPDATE folders SET path = ? || substr(path, ?) WHERE path >= ? AND path < ?", newPrefix,
                    oldPrefix.length() + 1, oldPrefix, oldPrefix + Character.MAX_VALUE);
            exec(c, "UPDATE folders SET path = ? WHERE path = ?", to, from);
            // The directories are listed again at the new place (their mtimes may differ there); nothing is indexed again.
            exec(c, "DELETE FROM folder_dirs WHERE path = ? OR (path >= ? AND path < ?)", from, oldPrefix, oldPrefix + Character.MAX_VALUE);
            return ids.size();
        });
    }

    @Override
    public int removeFolder(String folderPath) {
        String prefix = under(folderPath);
        return db.write(c -> {
            // Faces go with their photos (ON DELETE CASCADE: assignments, rejections, regions, jobs, failures, twins).
            int photos = exec(c, "DELETE FROM photos WHERE path >= ? AND path < ?", prefix, prefix + Character.MAX_VALUE);
            exec(c, "DELETE FROM folder_dirs WHERE path = ? OR (path >= ? AND path < ?)", folderPath, prefix, prefix + Character.MAX_VALUE);
            exec(c, "DELETE FROM folders WHERE path = ? OR (path >= ? AND path < ?)", folderPath, prefix, prefix + Character.MAX_VALUE);
            exec(c, "DELETE FROM clusters WHERE faces <= 0");
            return photos;
        });
    }

    // ---------------------------------------------------------------- twins

    @Override
    public void addTwin(long photoId, String path, long size, long mtimeMillis, long scanMillis) {
        db.write(c -> exec(c, """
                INSERT INTO photo_files(path, photo_id, size, mtime, last_seen_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET photo_id = excluded.photo_id, size = excluded.size, mtime = excluded.mtime,
                last_seen_at = excluded.last_seen_at, kind = 'twin'""", path, photoId, size, mtimeMillis, scanMillis));
    }

    @Override
    public void removeTwin(String path) {
        db.write(c -> exec(c, "DELETE FROM photo_files WHERE path = ?", path));
    }

    @Override
    public int removeUnseenTwins(String folderPrefix, long scanStartMillis) {
        String prefix = folderPrefix.endsWith(java.io.File.separator) ? folderPrefix : folderPrefix + java.io.File.separator;
        return db.write(c -> exec(c, "DELETE FROM photo_files WHERE path >= ? AND path < ? AND last_seen_at < ?",
                prefix, prefix + Character.MAX_VALUE, scanStartMillis));
    }

    /** Whether a photo holds anything a user decided: see {@link #deletePhotoWithoutDecisions}. */
    private static final String PHOTO_HAS_DECISIONS = """
            SELECT EXISTS (SELECT 1 FROM faces f WHERE f.photo_id = ?1 AND (f.source <> 'auto'
                       OR EXISTS (SELECT 1 FROM assignments a WHERE a.face_id = f.id AND (a.source <> 'auto' OR a.state <> 'unconfirmed'))
                       OR EXISTS (SELECT 1 FROM rejections r WHERE r.face_id = f.id)))
                OR EXISTS (SELECT 1 FROM suppressed_regions s WHERE s.photo_id = ?1)""";

    @Override
    public boolean deletePhotoWithoutDecisions(long photoId) {
        return db.write(c -> {
            if (queryLong(c, PHOTO_HAS_DECISIONS, photoId) != 0) {
                return false;
            }
            return exec(c, "DELETE FROM photos WHERE id = ?", photoId) > 0;
        });
    }

    @Override
    public List<String> twinsOf(long photoId) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT path FROM photo_files WHERE photo_id = ? AND kind = 'twin' ORDER BY path")) {
                ps.setLong(1, photoId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public java.util.Map<Long, List<String>> twins() {
        return db.read(c -> {
            java.util.Map<Long, List<String>> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT photo_id, path FROM photo_files WHERE kind = 'twin' ORDER BY path");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<StoredPhoto> photoOfTwin(String twinPath) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PHOTO_COLUMNS.replaceAll("(\\w+)", "p.$1")
                    + " FROM photo_files t JOIN photos p ON p.id = t.photo_id WHERE t.path = ?")) {
                ps.setString(1, twinPath);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(photo(rs)) : Optional.empty();
                }
            }
        });
    }

    // ---------------------------------------------------------------- jobs

    @Override
    public int requeueInterrupted() {
        return db.write(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE jobs SET state = 'queued' WHERE state = 'running'");
            }
        });
    }

    @Override
    public List<IndexJob> claimIndexJobs(int max) {
        return db.write(c -> {
            List<IndexJob> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT j.id, p.id, p.path, p.size, p.mtime FROM jobs j JOIN photos p ON p.id = j.photo_id
                    WHERE j.kind = ? AND j.state = 'queued' ORDER BY j.id LIMIT ?""")) {
                ps.setString(1, KIND_INDEX);
                ps.setInt(2, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new IndexJob(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'running', attempts = attempts + 1 WHERE id = ?")) {
                for (IndexJob j : out) {
                    ps.setLong(1, j.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return out;
        });
    }

    @Override
    public void releaseJobs(Collection<Long> jobIds) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'queued' WHERE id = ?")) {
                for (long id : jobIds) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private record KeptFace(long id, FaceBox box, boolean autoDetected) {
    }

    @Override
    public int saveIndexed(IndexJob job, PhotoMetadata md, PhotoAnalysis analysis) {
        return db.write(c -> {
            if (!jobExists(c, job.id())) {
                return 0; // the photo was removed meanwhile: nothing to store
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE photos SET width = ?, height = ?, orientation = ?, taken_at = ?, status = 'indexed',
                    detector_id = ?, embedder_id = ?, indexed_at = ? WHERE id = ?""")) {
                ps.setInt(1, analysis.width());
                ps.setInt(2, analysis.height());
                ps.setInt(3, md.orientation());
                ps.setString(4, md.takenAt() == null ? null : md.takenAt().toString());
                ps.setString(5, analysis.detectorId());
                ps.setString(6, analysis.embedderId());
                ps.setLong(7, now);
                ps.setLong(8, job.photoId());
                ps.executeUpdate();
            }
            exec(c, "DELETE FROM failures WHERE photo_id = ?", job.photoId());
            // Automatic, undecided faces are replaced; every face a user made, imported or decided on is kept.
            exec(c, """
                    DELETE FROM faces WHERE photo_id = ? AND source = 'auto'
                    AND id NOT IN (SELECT face_id FROM assignments WHERE source <> 'auto' OR state <> 'unconfirmed')
                    AND id NOT IN (SELECT face_id FROM rejections)""", job.photoId());
            List<KeptFace> kept = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, x, y, w, h, source FROM faces WHERE photo_id = ?")) {
                ps.setLong(1, job.photoId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        kept.add(new KeptFace(rs.getLong(1), new FaceBox(rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)),
                                "auto".equals(rs.getString(6))));
                    }
                }
            }
            List<FaceBox> suppressed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT x, y, w, h FROM suppressed_regions WHERE photo_id = ?")) {
                ps.setLong(1, job.photoId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        suppressed.add(new FaceBox(rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)));
                    }
                }
            }
            int stored = 0;
            try (PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO faces(photo_id, x, y, w, h, landmark_scheme, landmarks, score, quality, source,
                    detector_id, embedder_id, embedding, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'auto', ?, ?, ?, ?)""");
                 PreparedStatement upd = c.prepareStatement("""
                    UPDATE faces SET embedder_id = ?, embedding = ?, detector_id = ?, score = ?, quality = ?
                    WHERE id = ? AND embedding IS NOT NULL""")) {
                for (DetectedFace f : analysis.faces()) {
                    if (suppressed.stream().anyMatch(s -> s.iou(f.box()) >= SAME_FACE_IOU)) {
                        continue;
                    }
                    KeptFace same = kept.stream().filter(k -> k.box().iou(f.box()) >= SAME_FACE_IOU).findFirst().orElse(null);
                    if (same != null) {
                        if (same.autoDetected() && f.embedding() != null) {
                            // Same face under a new model: refresh its vector, keep its decisions.
                            upd.setString(1, f.embedding().modelId());
                            upd.setBytes(2, toBlob(f.embedding().vector()));
                            upd.setString(3, analysis.detectorId());
                            upd.setDouble(4, f.score());
                            upd.setDouble(5, f.quality());
                            upd.setLong(6, same.id());
                            upd.executeUpdate();
                        }
                        continue;
                    }
                    ins.setLong(1, job.photoId());
                    ins.setDouble(2, f.box().x());
                    ins.setDouble(3, f.box().y());
                    ins.setDouble(4, f.box().w());
                    ins.setDouble(5, f.box().h());
                    ins.setString(6, f.landmarks().scheme().name());
                    ins.setBytes(7, toBlob(f.landmarks().xy()));
                    ins.setDouble(8, f.score());
                    ins.setDouble(9, f.quality());
                    ins.setString(10, analysis.detectorId());
                    ins.setString(11, f.embedding() == null ? null : f.embedding().modelId());
                    ins.setBytes(12, f.embedding() == null ? null : toBlob(f.embedding().vector()));
                    ins.setLong(13, now);
                    ins.addBatch();
                    stored++;
                }
                ins.executeBatch();
            }
            // A job queued again while this photo was being indexed (a scan found the file changed meanwhile) stays
            // queued: the photo is indexed again from its new content.
            exec(c, "DELETE FROM jobs WHERE id = ? AND state = 'running'", job.id());
            return stored;
        });
    }

    @Override
    public void saveFailed(IndexJob job, String reason, String message) {
        db.write(c -> {
            if (!jobExists(c, job.id())) {
                return null;
            }
            exec(c, "UPDATE photos SET status = 'failed', indexed_at = ? WHERE id = ?", System.currentTimeMillis(), job.photoId());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO failures(photo_id, reason, message, at) VALUES (?, ?, ?, ?)
                    ON CONFLICT(photo_id) DO UPDATE SET reason = excluded.reason, message = excluded.message, at = excluded.at""")) {
                ps.setLong(1, job.photoId());
                ps.setString(2, reason.toLowerCase(Locale.ROOT));
                ps.setString(3, message);
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            exec(c, "DELETE FROM jobs WHERE id = ? AND state = 'running'", job.id());
            return null;
        });
    }

    private static boolean jobExists(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM jobs WHERE id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public int pendingJobs() {
        return db.read(c -> (int) queryLong(c, "SELECT count(*) FROM jobs"));
    }

    // ---------------------------------------------------------------- queries

    @Override
    public LibraryCounts counts() {
        return db.read(c -> new LibraryCounts(
                (int) queryLong(c, "SELECT count(*) FROM photos WHERE missing = 0"),
                (int) queryLong(c, "SELECT count(*) FROM faces f JOIN photos p ON p.id = f.photo_id WHERE p.missing = 0"),
                (int) queryLong(c, "SELECT count(*) FROM people"),
                (int) queryLong(c, "SELECT count(DISTINCT cluster_id) FROM faces WHERE cluster_id IS NOT NULL"),
                (int) queryLong(c, """
                        SELECT count(*) FROM faces f JOIN photos p ON p.id = f.photo_id
                        WHERE p.missing = 0 AND f.id NOT IN (SELECT face_id FROM assignments)"""),
                (int) queryLong(c, "SELECT count(*) FROM photos WHERE status = 'failed' AND missing = 0"),
                (int) queryLong(c, "SELECT count(*) FROM photos WHERE missing = 1"),
                (int) queryLong(c, "SELECT count(*) FROM jobs"),
                (int) queryLong(c, """
                        SELECT count(*) FROM assignments a JOIN people pe ON pe.id = a.person_id
                        JOIN faces f ON f.id = a.face_id JOIN photos p ON p.id = f.photo_id
                        WHERE a.state = 'unconfirmed' AND pe.hidden = 0 AND p.missing = 0""")));
    }

    /** What {@link #faces} and {@link #facesById} read of each face; conditions are appended to it. */
    private static final String FACE_INFO = """
            SELECT f.id, f.photo_id, p.path, f.x, f.y, f.w, f.h, f.score, f.quality, f.cluster_id, pe.name,
                   coalesce(a.source, f.source),
                   coalesce(a.state, CASE WHEN EXISTS (SELECT 1 FROM rejections r WHERE r.face_id = f.id)
                                          THEN 'rejected' ELSE 'unconfirmed' END)
            FROM faces f JOIN photos p ON p.id = f.photo_id
            LEFT JOIN assignments a ON a.face_id = f.id
            LEFT JOIN people pe ON pe.id = a.person_id
            WHERE 1 = 1""";

    @Override
    public List<FaceInfo> facesById(java.util.Collection<Long> faceIds) {
        List<FaceInfo> out = new ArrayList<>();
        List<Long> ids = List.copyOf(faceIds);
        for (int from = 0; from < ids.size(); from += 500) { // within SQLite's limit on bound parameters
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            out.addAll(faceInfos(FACE_INFO + " AND f.id IN (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                    new ArrayList<>(chunk)));
        }
        return out;
    }

    @Override
    public List<FaceInfo> faces(FaceQuery q) {
        StringBuilder sql = new StringBuilder(FACE_INFO);
        List<Object> args = new ArrayList<>();
        if (q.photoPath() != null) {
            sql.append(" AND p.path = ?");
            args.add(q.photoPath());
        }
        if (q.personName() != null) {
            sql.append(" AND pe.name = ?");
            args.add(q.personName());
        }
        if (q.clusterId() != null) {
            sql.append(" AND f.cluster_id = ?");
            args.add(q.clusterId());
        }
        sql.append(" ORDER BY p.path, f.x, f.id");
        return faceInfos(sql.toString(), args);
    }

    private List<FaceInfo> faceInfos(String sql, List<Object> args) {
        return db.read(c -> {
            List<FaceInfo> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long cluster = rs.getLong(10);
                        Long clusterId = rs.wasNull() ? null : cluster;
                        out.add(new FaceInfo(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                new FaceBox(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)),
                                rs.getDouble(8), rs.getDouble(9), clusterId, rs.getString(11),
                                Source.valueOf(rs.getString(12).toUpperCase(Locale.ROOT)),
                                State.valueOf(rs.getString(13).toUpperCase(Locale.ROOT))));
                    }
                }
            }
            return out;
        });
    }

    /** A face counts as unnamed unless it is confirmed as someone or ignored. */
    private static final String UNNAMED_FACE =
            " NOT EXISTS (SELECT 1 FROM assignments a WHERE a.face_id = f.id AND a.state IN ('confirmed', 'ignored'))";

    @Override
    public List<LibraryPhoto> photos(PhotoQuery q) {
        // Correlated counts instead of GROUP BY: SQLite then walks the unique path index in order and stops
        // after LIMIT rows, whatever the library's size.
        StringBuilder sql = new StringBuilder(LIBRARY_PHOTO_COLUMNS + " WHERE p.missing = 0");
        List<Object> args = new ArrayList<>();
        if (q.folder() != null) {
            String prefix = q.folder().endsWith(java.io.File.separator) ? q.folder() : q.folder() + java.io.File.separator;
            sql.append(" AND p.path >= ? AND p.path < ?");
            args.add(prefix);
            args.add(prefix + Character.MAX_VALUE);
        }
        if (q.afterPath() != null) {
            sql.append(" AND p.path > ?");
            args.add(q.afterPath());
        }
        if (q.withFaces()) {
            sql.append(" AND EXISTS (SELECT 1 FROM faces f WHERE f.photo_id = p.id)");
        }
        if (q.withUnnamedFaces()) {
            sql.append(" AND EXISTS (SELECT 1 FROM faces f WHERE f.photo_id = p.id AND").append(UNNAMED_FACE).append(")");
        }
        if (q.person() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM faces f JOIN assignments a ON a.face_id = f.id JOIN people pe ON pe.id = a.person_id"
                    + " WHERE f.photo_id = p.id AND a.state = 'confirmed' AND pe.name = ?)");
            args.add(q.person().strip());
        }
        sql.append(" ORDER BY p.path LIMIT ?");
        args.add(q.limit());
        return libraryPhotos(sql.toString(), args);
    }

    @Override
    public List<LibraryPhoto> photosOf(String person) {
        // From the person's assignments (index assignments_by_person) to their faces' photos: the cost follows the
        // person's photos, not the library's.
        String sql = LIBRARY_PHOTO_COLUMNS + " WHERE p.missing = 0 AND p.id IN (SELECT f.photo_id FROM assignments a"
                + " JOIN faces f ON f.id = a.face_id WHERE a.state = 'confirmed'"
                + " AND a.person_id = (SELECT pe.id FROM people pe WHERE pe.name = ?))";
        return libraryPhotos(sql, List.of(person.strip()));
    }

    /** The columns {@link #libraryPhotos} reads, over {@code photos p}. */
    private static final String LIBRARY_PHOTO_COLUMNS = "SELECT p.id, p.path, coalesce(p.width, 0), coalesce(p.height, 0), p.orientation, "
            + "p.taken_at, (SELECT count(*) FROM faces f WHERE f.photo_id = p.id), "
            + "(SELECT count(*) FROM faces f WHERE f.photo_id = p.id AND" + UNNAMED_FACE + "), "
            + "(SELECT group_concat(t.path, char(10)) FROM photo_files t WHERE t.photo_id = p.id AND t.kind = 'twin'), "
            + "(SELECT group_concat(t.path, char(10)) FROM photo_files t WHERE t.photo_id = p.id AND t.kind = 'copy'), p.mtime "
            + "FROM photos p";

    private List<LibraryPhoto> libraryPhotos(String sql, List<Object> args) {
        return db.read(c -> {
            List<LibraryPhoto> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String twins = rs.getString(9);
                        String copies = rs.getString(10);
                        out.add(new LibraryPhoto(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                                rs.getInt(7), rs.getInt(8), rs.getString(6),
                                twins == null ? List.of() : List.of(twins.split("\n")),
                                copies == null ? List.of() : List.of(copies.split("\n")), false, rs.getLong(11)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<FailedPhoto> failedPhotos() {
        return db.read(c -> {
            List<FailedPhoto> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.id, p.path, f.reason, f.message FROM failures f JOIN photos p ON p.id = f.photo_id
                    WHERE p.missing = 0 ORDER BY p.path""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new FailedPhoto(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        });
    }

    @Override
    public List<StoredPhoto> photos() {
        return db.read(c -> {
            List<StoredPhoto> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PHOTO_COLUMNS + " FROM photos ORDER BY path");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(photo(rs));
                }
            }
            return out;
        });
    }

    @Override
    public long addImportedFace(long photoId, FaceBox box, kindred.model.Embedding embedding, double quality) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO faces(photo_id, x, y, w, h, landmark_scheme, landmarks, score, quality, source,
                    detector_id, embedder_id, embedding, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, 1.0, ?, 'imported', NULL, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, photoId);
                ps.setDouble(2, box.x());
                ps.setDouble(3, box.y());
                ps.setDouble(4, box.w());
                ps.setDouble(5, box.h());
                ps.setString(6, kindred.model.LandmarkScheme.NONE.name());
                ps.setDouble(7, quality);
                ps.setString(8, embedding == null ? null : embedding.modelId());
                ps.setBytes(9, embedding == null ? null : toBlob(embedding.vector()));
                ps.setLong(10, System.currentTimeMillis());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override
    public String setting(String key) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Override
    public void setSetting(String key, String value) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void close() {
        db.close();
    }

    // ---------------------------------------------------------------- directories and identical copies (issue 18)

    /** The condition "directly in the directory ?1/" (not in a folder inside it) on {@code col}, with ?2 its end and ?3 the separator. */
    private static String directlyIn(String col) {
        return col + " >= ?1 AND " + col + " < ?2 AND instr(substr(" + col + ", length(?1) + 1), ?3) = 0";
    }

    @Override
    public void setFolderVolume(long folderId, String volume) {
        db.write(c -> exec(c, "UPDATE folders SET volume = ? WHERE id = ? AND volume IS NOT ?", volume, folderId, volume));
    }

    @Override
    public java.util.Map<String, Long> directories(String folderPath) {
        String prefix = under(folderPath);
        return db.read(c -> {
            java.util.Map<String, Long> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT path, mtime FROM folder_dirs WHERE path = ? OR (path >= ? AND path < ?)")) {
                ps.setString(1, folderPath);
                ps.setString(2, prefix);
                ps.setString(3, prefix + Character.MAX_VALUE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void saveDirectories(long folderId, java.util.Map<String, Long> mtimes) {
        if (mtimes.isEmpty()) {
            return;
        }
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO folder_dirs(path, folder_id, mtime) VALUES (?, ?, ?)
                    ON CONFLICT(path) DO UPDATE SET folder_id = excluded.folder_id, mtime = excluded.mtime""")) {
                for (var e : mtimes.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setLong(2, folderId);
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void forgetDirectories(String dir) {
        String prefix = under(dir);
        db.write(c -> exec(c, "DELETE FROM folder_dirs WHERE path = ? OR (path >= ? AND path < ?)", dir, prefix,
                prefix + Character.MAX_VALUE));
    }

    @Override
    public java.util.Map<String, long[]> filesIn(String dir) {
        String prefix = under(dir);
        return db.read(c -> {
            java.util.Map<String, long[]> out = new java.util.HashMap<>();
            for (String table : List.of("photos", "photo_files")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT path, size, mtime FROM " + table + " WHERE " + directlyIn("path"))) {
                    ps.setString(1, prefix);
                    ps.setString(2, prefix + Character.MAX_VALUE);
                    ps.setString(3, java.io.File.separator);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                        }
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int markMissingIn(String dir, long scanStartMillis) {
        String prefix = under(dir);
        return db.write(c -> {
            exec(c, "DELETE FROM photo_files WHERE " + directlyIn("path") + " AND last_seen_at < ?4",
                    prefix, prefix + Character.MAX_VALUE, java.io.File.separator, scanStartMillis);
            return exec(c, "UPDATE photos SET missing = 1 WHERE " + directlyIn("path") + " AND last_seen_at < ?4 AND missing = 0",
                    prefix, prefix + Character.MAX_VALUE, java.io.File.separator, scanStartMillis);
        });
    }

    @Override
    public java.util.Map<Long, List<String>> copies() {
        return db.read(c -> {
            java.util.Map<Long, List<String>> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT photo_id, path FROM photo_files WHERE kind = 'copy' ORDER BY path");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<PhotoFile> photoFile(String path) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT path, photo_id, size, mtime, kind FROM photo_files WHERE path = ?")) {
                ps.setString(1, path);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new PhotoFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getString(5))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void addCopy(long photoId, String path, long size, long mtimeMillis, long scanMillis) {
        db.write(c -> exec(c, """
                INSERT INTO photo_files(path, photo_id, size, mtime, last_seen_at, kind) VALUES (?, ?, ?, ?, ?, 'copy')
                ON CONFLICT(path) DO UPDATE SET photo_id = excluded.photo_id, size = excluded.size, mtime = excluded.mtime,
                last_seen_at = excluded.last_seen_at, kind = 'copy'""", path, photoId, size, mtimeMillis, scanMillis));
    }

    @Override
    public List<PhotoFile> copiesOfMissingPhotos() {
        return db.read(c -> {
            List<PhotoFile> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT t.path, t.photo_id, t.size, t.mtime, t.kind FROM photo_files t JOIN photos p ON p.id = t.photo_id
                    WHERE p.missing <> 0 AND t.kind = 'copy' ORDER BY t.photo_id, t.path""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PhotoFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5)));
                }
            }
            return out;
        });
    }

    @Override
    public List<PhotoFile> identicalPhotos() {
        return db.read(c -> {
            List<PhotoFile> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.path, (SELECT min(o.id) FROM photos o WHERE o.content_hash = p.content_hash AND o.missing = 0
                                                                        AND o.folder_id <> p.folder_id) AS first,
                           p.size, p.mtime, p.id
                    FROM photos p
                    WHERE p.missing = 0 AND p.content_hash IN (
                        SELECT content_hash FROM photos WHERE missing = 0 AND content_hash IS NOT NULL
                        GROUP BY content_hash HAVING count(*) > 1)
                    ORDER BY p.id""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long first = rs.getLong(2);
                    if (!rs.wasNull() && first < rs.getLong(5)) {
                        out.add(new PhotoFile(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), "copy"));
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- helpers

    static byte[] toBlob(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static float[] fromBlob(byte[] blob) {
        float[] v = new float[blob.length / 4];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v); // one bulk copy
        return v;
    }

    static long queryLong(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static int exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
