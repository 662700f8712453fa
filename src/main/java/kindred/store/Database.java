package kindred.store;

import java.io.IOException;
import kindred.library.LibraryException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite library file: opens it (WAL, foreign keys), applies forward-only numbered migrations,
 * and hands out connections. One writer connection, serialised by a lock and used for every
 * transaction; a small pool of reader connections for reads outside a transaction (WAL lets them run
 * beside the writer). Thread-safe.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Migration scripts in order; file N brings the schema to version N. */
    static final List<String> MIGRATIONS = List.of("V001__library.sql", "V002__decisions.sql", "V003__indexes.sql",
            "V004__counts.sql", "V005__twins.sql", "V006__undo.sql", "V007__watch.sql",
            "V008__reference_photos.sql", "V009__other_faces.sql");

    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    /** How long a connection waits for another process's lock before "database is locked": 30 s. */
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private static final int READERS = 3;

    /** Largest part of the library file SQLite maps into memory (address space, not heap). */
    private static final long MMAP_BYTES = 1L << 30;

    public static final String FILE_NAME = "library.db";

    private final Path file;
    private final Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new ArrayList<>();
    private int transactionDepth;
    /**
     * Set by {@link #close()}: a reader that comes later (a thread that outlived its command) is refused instead of
     * opening a new connection, which would write the -wal and -shm files into a library believed closed.
     */
    private volatile boolean closed;

    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
    }

    /**
     * Opens (creating if needed) the library in {@code dir}, migrating it to {@link #SCHEMA_VERSION}.
     * A copy of an existing library is kept in {@code dir/backups} before any migration.
     *
     * @throws LibraryException with a message for people when the folder is not writable, the file is not a
     *                          Kindred library, or it was made by a newer Kindred
     */
    public static Database open(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dir);
            restrictToOwner(dir, true);
            if (!Files.isWritable(dir)) {
                throw new AccessDeniedException(dir.toString(), null, "it is read-only for you");
            }
        } catch (AccessDeniedException e) {
            throw new LibraryException("Cannot use the library folder " + dir + ": it is read-only for you. "
                    + "Make it writable, or choose another with --library DIR. Nothing was changed.", e);
        } catch (IOException e) {
            throw new LibraryException("Cannot use the library folder " + dir + " (" + e.getMessage() + "). "
                    + "Check that it exists and is writable by you, or choose another with --library DIR.", e);
        }
        Connection c;
        try {
            createOwnerOnly(file);
            c = connect(file);
            // SQLite gives the -wal and -shm files the main file's permissions; older libraries may predate that.
            for (Path p : List.of(file, sibling(file, "-wal"), sibling(file, "-shm"))) {
                restrictToOwner(p, false);
            }
        } catch (SQLException | IOException e) {
            throw new LibraryException("Cannot open the library file " + file + " (" + e.getMessage() + "). "
                    + "Check that it is writable, or choose another with --library DIR.", e);
        }
        Database db = new Database(file, c);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static Connection connect(Path file) throws SQLException {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.enforceForeignKeys(true);
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        cfg.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Write transactions take the write lock when they begin (BEGIN IMMEDIATE), waiting up to the busy timeout
        // for another process. A deferred one that reads first and then writes cannot wait: when another process
        // wrote in between, SQLite answers SQLITE_BUSY at once ("database is locked"; ConcurrencyTest).
        cfg.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        // Deleted rows (a forgotten person's embeddings) are overwritten with zeros, not left in free pages.
        cfg.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        // Pages are read through a memory map and a 16 MB cache per connection instead of a read() per page
        // into the default 2 MB: on a 300,000-face library this cuts the system time of the big queries
        // several-fold (docs/decisions/0007-speed.md). Neither uses Java heap.
        cfg.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(MMAP_BYTES));
        cfg.setCacheSize(-16 * 1024);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, cfg.toProperties());
        c.setAutoCommit(true);
        return c;
    }

    static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Creates an empty file readable only by its owner (POSIX), so that it is never readable by others, not even briefly. */
    static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    /**
     * Takes away every permission of group and others (0700 for a folder, 0600 for a file at most). Never adds one:
     * a library the user made read-only stays read-only, and is reported as such.
     */
    static void restrictToOwner(Path p, boolean dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix") && Files.exists(p)) {
            var perms = Files.getPosixFilePermissions(p);
            var owner = java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
            for (var perm : perms) {
                if (perm.name().startsWith("OWNER_") && (dir || perm != java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE)) {
                    owner.add(perm);
                }
            }
            if (!owner.equals(perms)) {
                Files.setPosixFilePermissions(p, owner);
            }
        }
    }

    public Path file() {
        return file;
    }

    private void migrate() {
        int version;
        try (Statement s = writer.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        } catch (SQLException e) {
            throw new LibraryException("The file " + file + " is not a Kindred library (" + e.getMessage() + "). "
                    + "Choose another folder with --library DIR.", e);
        }
        if (version > SCHEMA_VERSION) {
            throw new LibraryException("This library was written by a newer Kindred (schema version " + version
                    + "; this Kindred knows up to " + SCHEMA_VERSION + "). Update Kindred to open it; nothing was changed.");
        }
        if (version == SCHEMA_VERSION) {
            return;
        }
        if (version > 0) {
            backup("before-v" + (version + 1));
        }
        for (int v = version + 1; v <= SCHEMA_VERSION; v++) {
            String name = MIGRATIONS.get(v - 1);
            String sql = resource("migrations/" + name);
            final int target = v;
            transaction(() -> {
                try (Statement s = writer.createStatement()) {
                    for (String stmt : statements(sql)) {
                        s.execute(stmt);
                    }
                    s.execute("PRAGMA user_version = " + target);
                } catch (SQLException e) {
                    throw new LibraryException("Upgrading the library to version " + target + " failed: " + e.getMessage()
                            + ". The library was left as it was.", e);
                }
                return null;
            });
            LOG.info("library {} migrated to schema version {}", file, v);
        }
    }

    /** Copies the library into {@code backups/} with SQLite's VACUUM INTO (consistent while open). */
    public Path backup(String label) {
        Path dir = file.getParent().resolve("backups");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
        Path out = dir.resolve("library-" + stamp + "-" + label + ".db");
        try {
            Files.createDirectories(dir);
            restrictToOwner(dir, true);
            writeLock.lock();
            try (Statement s = writer.createStatement()) {
                s.execute("VACUUM INTO '" + out.toString().replace("'", "''") + "'");
            } finally {
                writeLock.unlock();
            }
            restrictToOwner(out, false);
            return out;
        } catch (IOException | SQLException e) {
            throw new LibraryException("Could not back up the library to " + out + ": " + e.getMessage()
                    + ". Free some disk space and try again.", e);
        }
    }

    /** The statements of a migration: split at semicolons, except inside a trigger's BEGIN ... END. */
    static List<String> statements(String sql) {
        StringBuilder clean = new StringBuilder();
        for (String line : sql.split("\n")) {
            int c = line.indexOf("--");
            clean.append(c >= 0 ? line.substring(0, c) : line).append('\n');
        }
        List<String> out = new ArrayList<>();
        StringBuilder trigger = null;
        for (String s : clean.toString().split(";")) {
            if (trigger != null) {
                trigger.append(';').append(s);
                if (s.strip().toUpperCase(java.util.Locale.ROOT).equals("END")) {
                    out.add(trigger.toString().strip());
                    trigger = null;
                }
            } else if (s.strip().toUpperCase(java.util.Locale.ROOT).startsWith("CREATE TRIGGER")) {
                trigger = new StringBuilder(s);
            } else if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        if (trigger != null) {
            throw new IllegalStateException("a trigger without END in a migration");
        }
        return out;
    }

    private static String resource(String name) {
        try (InputStream in = Database.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Work that uses a connection and may throw SQLException. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one write transaction on the writer connection; nested calls join the outer one.
     * Rolls back and rethrows on any exception.
     */
    public <T> T transaction(java.util.function.Supplier<T> work) {
        writeLock.lock();
        boolean outer = transactionDepth == 0;
        try {
            if (outer) {
                writer.setAutoCommit(false);
            }
            transactionDepth++;
            T result;
            try {
                result = work.get();
            } finally {
                transactionDepth--;
            }
            if (outer) {
                writer.commit();
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly(outer);
            throw failure(e);
        } catch (RuntimeException | Error e) {
            rollbackQuietly(outer);
            throw e;
        } finally {
            if (outer) {
                try {
                    writer.setAutoCommit(true);
                } catch (SQLException e) {
                    if (alreadyRolledBack(e)) {
                        // the driver marks the connection autocommit before its COMMIT fails: nothing is left open
                        LOG.debug("autocommit restored; SQLite had already rolled the transaction back");
                    } else {
                        LOG.warn("could not restore autocommit", e);
                    }
                }
            }
            writeLock.unlock();
        }
    }

    /** SQLite ends a transaction by itself on some errors (SQLITE_FULL: a full disk); ending it again says so. */
    private static boolean alreadyRolledBack(SQLException e) {
        return String.valueOf(e.getMessage()).contains("no transaction is active");
    }

    private void rollbackQuietly(boolean outer) {
        if (outer) {
            try {
                writer.rollback();
            } catch (SQLException e) {
                if (alreadyRolledBack(e)) {
                    // SQLite rolled back by itself (e.g. SQLITE_FULL on a full disk): nothing is left to undo
                    LOG.debug("rollback: SQLite had already rolled the transaction back");
                } else {
                    LOG.warn("rollback failed", e);
                }
            }
        }
    }

    /** Runs {@code work} on the writer connection inside a transaction. */
    public <T> T write(SqlWork<T> work) {
        return transaction(() -> {
            try {
                return work.run(writer);
            } catch (SQLException e) {
                throw failure(e);
            }
        });
    }

    /** Runs {@code work} on a reader connection (or the writer when the caller is inside a transaction). */
    public <T> T read(SqlWork<T> work) {
        try {
            if (writeLock.isHeldByCurrentThread()) {
                return work.run(writer);
            }
            Connection c = borrowReader();
            try {
                return work.run(c);
            } finally {
                readers.offer(c);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Connection borrowReader() throws SQLException {
        Connection c = readers.poll();
        if (c != null) {
            return c;
        }
        synchronized (allReaders) {
            if (closed) {
                throw new LibraryException("The library " + file.getParent() + " is closed; nothing more is read from it.");
            }
            if (allReaders.size() < READERS) {
                Connection n = connect(file);
                allReaders.add(n);
                return n;
            }
        }
        try {
            return readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection");
        }
    }

    static LibraryException failure(SQLException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("SQLITE_FULL") || m.contains("disk is full") || m.contains("database or disk is full")) {
            return new LibraryException("The disk holding the library is full. Free some space and run again; "
                    + "work already saved is kept.", e);
        }
        if (m.contains("SQLITE_READONLY") || m.contains("readonly")) {
            return new LibraryException("The library is read-only. Make the folder writable, or choose another with --library DIR.", e);
        }
        return new LibraryException("Library database error: " + m, e);
    }

    /**
     * Copies every committed page from the WAL into the main file and truncates the WAL, so that content
     * deleted with secure_delete is gone from both files.
     */
    public void checkpointAndTruncateWal() {
        writeLock.lock();
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            synchronized (allReaders) {
                closed = true;
                for (Connection c : allReaders) {
                    closeQuietly(c);
                }
                allReaders.clear();
                readers.clear();
            }
            closeQuietly(writer);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("close", e);
        }
    }
}
