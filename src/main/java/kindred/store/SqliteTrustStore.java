package kindred.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kindred.library.LibraryException;
import kindred.library.TrustStore;
import org.sqlite.SQLiteConfig;

/** {@link TrustStore} on the SQLite library: backups in {@code backups/}, the {@code privacy_log} table, JSON export. */
public final class SqliteTrustStore implements TrustStore {

    /** Every table of the library, in the order the export writes them. */
    static final List<String> TABLES = List.of("folders", "photos", "photo_files", "failures", "people", "clusters", "faces", "assignments",
            "rejections", "suppressed_regions", "decisions", "undo_entries", "privacy_log", "jobs", "settings", "folder_dirs");

    private final Database db;

    public SqliteTrustStore(Database db) {
        this.db = db;
    }

    static Path backupDir(Path libraryDir) {
        return libraryDir.resolve("backups");
    }

    @Override
    public Path backup(String label) {
        Path out = db.backup(label);
        log("backup", "The library was copied to " + out.getFileName() + " (" + label + ").");
        return out;
    }

    @Override
    public List<Path> backups() {
        return listBackups(db.file().getParent());
    }

    static List<Path> listBackups(Path libraryDir) {
        Path dir = backupDir(libraryDir);
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.db")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new LibraryException("Cannot list the backups in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    @Override
    public ScrubResult scrubPersonFromBackups(String name) {
        int scrubbed = 0;
        List<String> problems = new ArrayList<>();
        for (Path b : backups()) {
            try (Connection c = plainConnection(b, false)) {
                Optional<Long> id = Optional.empty();
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM people WHERE name = ? COLLATE NOCASE")) {
                    ps.setString(1, name.strip());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            id = Optional.of(rs.getLong(1));
                        }
                    }
                }
                if (id.isEmpty()) {
                    continue;
                }
                c.setAutoCommit(false);
                SqlitePersonDirectory.erasePerson(c, id.get(), false);
                c.commit();
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM"); // rewrites the file: no free page keeps the erased rows
                }
                scrubbed++;
            } catch (SQLException e) {
                problems.add(b + ": " + e.getMessage() + ". Delete this backup yourself: it may still hold the person's faces.");
            }
        }
        return new ScrubResult(scrubbed, problems);
    }

    /** A connection to a library file without migrating it (backups keep their own schema version). */
    static Connection plainConnection(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setReadOnly(readOnly);
        cfg.setBusyTimeout(30_000);
        cfg.enforceForeignKeys(true);
        cfg.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        return DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
    }

    @Override
    public void log(String event, String detail) {
        db.write(c -> SqliteLibraryStore.exec(c, "INSERT INTO privacy_log(at, event, detail) VALUES (?, ?, ?)",
                System.currentTimeMillis(), event, detail));
    }

    @Override
    public List<PrivacyEvent> privacyLog() {
        return db.read(c -> {
            List<PrivacyEvent> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT at, event, detail FROM privacy_log ORDER BY id")) {
                while (rs.next()) {
                    out.add(new PrivacyEvent(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ export

    @Override
    public Map<String, Integer> exportData(Path out, boolean withEmbeddings) {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".kindred-tmp"); // owner-only on POSIX
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream os = Channels.newOutputStream(ch);
                try (JsonGenerator g = new JsonFactory().createGenerator(os, JsonEncoding.UTF8)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the channel is forced to disk after
                    g.useDefaultPrettyPrinter();
                    writeDocument(g, withEmbeddings, counts);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new LibraryException("Could not write " + target + " (" + e + "). Check the folder is writable "
                    + "and has free space; nothing was written.", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
        log("export", "Everything the library stores was exported to " + target + (withEmbeddings ? " (with face embeddings)." : " (without face embeddings)."));
        return counts;
    }

    private void writeDocument(JsonGenerator g, boolean withEmbeddings, Map<String, Integer> counts) throws IOException {
        try {
            db.read(c -> {
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false); // one snapshot for the whole document
                try {
                    g.writeStartObject();
                    g.writeStringField("format", "kindred-library-export");
                    g.writeNumberField("format_version", 1);
                    g.writeNumberField("schema_version", Database.SCHEMA_VERSION);
                    g.writeStringField("exported_at", Instant.now().toString());
                    g.writeStringField("library", db.file().getParent().toString());
                    g.writeBooleanField("embeddings_included", withEmbeddings);
                    g.writeStringField("units", "times: milliseconds since the epoch (UTC); face boxes x, y, w, h: pixels of the "
                            + "photo as displayed (EXIF orientation applied); landmarks and embeddings: float arrays");
                    g.writeObjectFieldStart("tables");
                    for (String t : TABLES) {
                        counts.put(t, writeTable(c, g, t, withEmbeddings));
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new SQLException(new java.io.UncheckedIOException(e));
                } finally {
                    c.rollback();
                    c.setAutoCommit(auto);
                }
                return null;
            });
        } catch (LibraryException e) {
            if (e.getCause() instanceof SQLException s && s.getCause() instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }

    private static int writeTable(Connection c, JsonGenerator g, String table, boolean withEmbeddings) throws SQLException, IOException {
        g.writeArrayFieldStart(table);
        int rows = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                g.writeStartObject();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String col = md.getColumnName(i);
                    if ("embedding".equals(col) && !withEmbeddings) {
                        continue;
                    }
                    Object v = rs.getObject(i);
                    g.writeFieldName(col);
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof byte[] blob) {
                        float[] f = SqliteLibraryStore.fromBlob(blob);
                        g.writeStartArray();
                        for (float x : f) {
                            g.writeNumber(x);
                        }
                        g.writeEndArray();
                    } else if (v instanceof Integer || v instanceof Long) {
                        g.writeNumber(((Number) v).longValue());
                    } else if (v instanceof Number n) {
                        g.writeNumber(n.doubleValue());
                    } else {
                        g.writeString(v.toString());
                    }
                }
                g.writeEndObject();
                rows++;
            }
        }
        g.writeEndArray();
        return rows;
    }

    // ------------------------------------------------------------------ restore

    /**
     * Replaces the library in {@code libraryDir} with {@code backupFile}, after checking the backup is a sound Kindred
     * library (integrity_check, schema version). The current library is kept as another backup first; the file is
     * replaced atomically, so a crash leaves either the old library or the restored one. Nothing else may have the
     * library open (close the window first).
     *
     * @throws LibraryException when the backup is not usable (nothing is changed then)
     */
    public static RestoreResult restore(Path libraryDir, Path backupFile) {
        Path from = backupFile.toAbsolutePath();
        verifyBackup(from);
        Path file = libraryDir.resolve(Database.FILE_NAME);
        Path kept = null;
        try {
            Files.createDirectories(libraryDir);
            if (Files.exists(file)) {
                kept = keepCurrent(libraryDir, file);
            }
            Path tmp = Files.createTempFile(libraryDir, ".library.db.", ".restore-tmp");
            try {
                try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
                     FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    long pos = 0;
                    long size = in.size();
                    while (pos < size) {
                        pos += in.transferTo(pos, size - pos, out);
                    }
                    out.force(true);
                }
                // The current library was closed cleanly (its WAL checkpointed): its -wal/-shm must not be applied
                // to the restored file.
                Files.deleteIfExists(Database.sibling(file, "-wal"));
                Files.deleteIfExists(Database.sibling(file, "-shm"));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new LibraryException("Could not restore " + from + " (" + e.getMessage() + "). "
                    + (kept != null ? "The library as it was is kept in " + kept + "." : ""), e);
        }
        try (Database restored = Database.open(libraryDir)) { // migrates an older backup forward
            new SqliteTrustStore(restored).log("restore", "The library was restored from " + from.getFileName()
                    + (kept != null ? "; the library as it was before is kept as " + kept.getFileName() : "") + ".");
        }
        return new RestoreResult(from, kept);
    }

    private static void verifyBackup(Path backup) {
        if (!Files.isRegularFile(backup)) {
            throw new LibraryException("There is no backup file " + backup + "; nothing was changed. `kindred backup --list` lists the backups.");
        }
        try (Connection c = plainConnection(backup, true); Statement s = c.createStatement()) {
            String check;
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                check = rs.next() ? rs.getString(1) : "no answer";
            }
            if (!"ok".equals(check)) {
                throw new LibraryException("The backup " + backup + " is damaged (" + check + "); nothing was changed. Choose another backup.");
            }
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            if (version < 1 || !PeopleRows.hasTable(c, "people")) {
                throw new LibraryException(backup + " is not a Kindred library; nothing was changed.");
            }
            if (version > Database.SCHEMA_VERSION) {
                throw new LibraryException("The backup " + backup + " was written by a newer Kindred (schema version " + version
                        + "); update Kindred to restore it. Nothing was changed.");
            }
        } catch (SQLException e) {
            throw new LibraryException("The backup " + backup + " cannot be read as a library (" + e.getMessage()
                    + "); nothing was changed.", e);
        }
    }

    /** Keeps the current library as a backup before it is replaced; a damaged one is copied byte for byte. */
    private static Path keepCurrent(Path libraryDir, Path file) throws IOException {
        try (Database current = Database.open(libraryDir)) {
            Path kept = current.backup("before-restore");
            current.checkpointAndTruncateWal();
            return kept;
        } catch (LibraryException damaged) {
            Path dir = backupDir(libraryDir);
            Files.createDirectories(dir);
            Database.restrictToOwner(dir, true);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path kept = dir.resolve("library-" + stamp + "-damaged-before-restore.db");
            Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
            Database.restrictToOwner(kept, false);
            return kept;
        }
    }

}
