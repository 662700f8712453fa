package kindred.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kindred.library.ReferencePhotos;

/** {@link ReferencePhotos} in the library's {@code reference_photos} table (V008). Thread-safe, as {@link Database} is. */
public final class SqliteReferencePhotos implements ReferencePhotos {

    private final Database db;

    public SqliteReferencePhotos(Database db) {
        this.db = db;
    }

    @Override
    public boolean mark(long photoId, long personId) {
        return db.write(c -> {
            long same = SqliteLibraryStore.queryLong(c,
                    "SELECT COUNT(*) FROM reference_photos WHERE photo_id = ? AND person_id = ?", photoId, personId);
            if (same > 0) {
                return false;
            }
            SqliteLibraryStore.exec(c, "INSERT INTO reference_photos(photo_id, person_id, added_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT(photo_id) DO UPDATE SET person_id = excluded.person_id", photoId, personId,
                    System.currentTimeMillis());
            return true;
        });
    }

    @Override
    public Set<Long> photoIds() {
        return db.read(c -> {
            Set<Long> out = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT photo_id FROM reference_photos");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    @Override
    public List<Reference> all() {
        return db.read(c -> {
            List<Reference> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.photo_id, ph.path, pe.name FROM reference_photos r "
                    + "JOIN photos ph ON ph.id = r.photo_id LEFT JOIN people pe ON pe.id = r.person_id "
                    + "ORDER BY pe.name COLLATE NOCASE, ph.path");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Reference(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }
}
