package kindred.library.watch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kindred.library.Counted;
import kindred.library.FolderInfo;
import kindred.library.IndexProgress;
import kindred.library.IndexSettings;
import kindred.library.Indexer;
import kindred.library.LibraryException;
import kindred.library.LibraryStore;
import kindred.library.ScanSummary;
import kindred.library.scan.LibraryScan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A library that keeps itself current (issue 18): while it runs (the window, or {@code kindred watch}), new, changed,
 * renamed and removed photos in the library's folders are found within seconds and indexed in the background.
 *
 * <ul>
 * <li>Every directory of every folder is watched ({@link DirectoryWatcher}); past the system's watch limit, the rest
 * are polled by their modification time every {@link #POLL_MILLIS}.</li>
 * <li>Changes wait in {@link PendingChanges} until the files stop changing (never read half-written) and the burst is
 * over; each batch is brought in by {@link LibraryScan#rescan} (the directories that changed, one by one: unchanged
 * files are skipped by size and time, renamed ones re-linked by content, removed ones marked missing), and indexed by
 * one run that takes every batch arriving while it goes ({@link #IDLE_END_MILLIS}); the new faces are grouped when it
 * ends.</li>
 * <li>At start, the look at what changed since last time: each directory's modification time against the one stored
 * ({@code folder_dirs}); only the directories that differ are listed again. Nothing is hashed unless it changed.</li>
 * <li>Every {@link #PRESENCE_MILLIS} each folder is checked: one whose drive or share went away is offline
 * ({@link kindred.library.FolderPresence}), its photos kept as they are; when it comes back, the same look at what
 * changed runs for it, so nothing is indexed again.</li>
 * </ul>
 * One watcher per library at a time, across processes (a lock file beside the library). Indexing runs at the indexing
 * service's priority (the window's and {@code kindred watch}'s workers run at nice 19). Thread-safe.
 */
public final class LibraryWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LibraryWatch.class);

    /**
     * How often a directory the system could not watch is looked at, in milliseconds: one stat per directory. A round
     * over 5,001 directories took 76 ms (median of 3 processes, 61–98 ms, load average 4.4 on 2 cores:
     * docs/bench/watch.md), so every 10 s is under 1 % of a core, and a photo copied into a polled directory is found
     * within about 10 s.
     */
    static final long POLL_MILLIS = 10_000;

    /**
     * How often each folder's root is checked for being there, in milliseconds (a stat and the start of a listing per
     * folder): a drive unplugged shows as offline within this long.
     */
    static final long PRESENCE_MILLIS = 5_000;

    /** The event thread's longest wait, in milliseconds: how often waiting files are looked at (a stat each). */
    static final long TICK_MILLIS = 250;

    /**
     * An indexing run waits this long for another batch before it ends and groups the new faces, in milliseconds:
     * longer than {@link PendingChanges#MAX_BATCH_MILLIS}, so that the batches of one long copy feed one run (one job
     * list, one grouping at the end) instead of a run and a grouping each.
     */
    static final long IDLE_END_MILLIS = PendingChanges.MAX_BATCH_MILLIS + 2_000;

    /** What the watcher did, for the window's status and {@code kindred watch}'s lines. */
    public enum What {
        /** Watching started, or what is watched changed ({@link Event#text} says how much). */
        WATCHING,
        /** Photos new or changed, queued for indexing ({@link Event#count}). */
        QUEUED,
        /** A photo indexed ({@link Event#path}, {@link Event#count} faces). */
        INDEXED,
        /** A photo that could not be read ({@link Event#text}: why). */
        FAILED,
        /** Photos gone from a folder that is there, marked missing ({@link Event#count}). */
        MISSING,
        /** Photos found at a new place (renamed or moved), faces and names kept ({@link Event#count}). */
        MOVED,
        /** Identical copies of photos of the library found in another place ({@link Event#count}). */
        COPIES,
        /** A folder's drive or share went away ({@link Event#path}). */
        OFFLINE,
        /** It came back ({@link Event#path}). */
        ONLINE,
        /** A run ended and its new faces were grouped ({@link Event#count} faces). */
        GROUPED,
        /** Something went wrong ({@link Event#text}); watching goes on. */
        ERROR
    }

    /**
     * One thing the watcher did.
     *
     * @param path  the photo or folder, or null
     * @param count how many (photos, faces), or 0
     * @param text  the same in words
     */
    public record Event(What what, String path, int count, String text) {
    }

    /** Told what the watcher does, from its threads. */
    public interface Listener {
        void event(Event e);

        /** The indexing run's progress, as the window's status shows it (from worker threads). */
        default void progress(IndexProgress p) {
        }
    }

    private final LibraryStore store;
    private final LibraryScan scans;
    private final Path lockFile;
    private final Object lifecycle = new Object();
    private volatile boolean closed;
    private volatile boolean started;
    private Listener listener = e -> { };
    private FileChannel lockChannel;
    private FileLock lock;
    private DirectoryWatcher watcher;
    private Thread events;
    private Thread indexing;
    private final PendingChanges pending = new PendingChanges();
    /** Each library folder's root and whether it is there, as last checked. */
    private final Map<Path, Boolean> roots = new ConcurrentHashMap<>();
    /** Polled directories' modification times as last seen. */
    private final Map<Path, Long> polledMtimes = new HashMap<>();
    private final BlockingQueue<PendingChanges.Batch> batches = new LinkedBlockingQueue<>();
    private static final PendingChanges.Batch STOP = new PendingChanges.Batch(Set.of(), Set.of());
    private volatile Indexer.IndexRun run;
    private volatile Status status = new Status(0, 0, 0, 0, 0, false);

    /**
     * What is watched now.
     *
     * @param folders     library folders that are there
     * @param offline     library folders whose drive or share is not there
     * @param watchedDirs directories watched with notifications
     * @param polledDirs  directories polled (past the system's watch limit)
     * @param waiting     files waiting to stop changing
     * @param indexing    whether a run is indexing what the watcher found
     */
    public record Status(int folders, int offline, int watchedDirs, int polledDirs, int waiting, boolean indexing) {

        /** "Watching 3 folders, 1 offline" and the like. */
        public String text() {
            String s = folders == 0 && offline > 0 ? Counted.of(offline, "folder") + " offline, none to watch"
                    : "Watching " + Counted.of(folders, "folder") + (offline > 0 ? ", " + offline + " offline" : "");
            if (polledDirs > 0) {
                s += ", " + Counted.of(polledDirs, "directory", "directories") + " looked at every " + POLL_MILLIS / 1000 + " s";
            }
            return s;
        }
    }

    /** @param lockFile held while watching, so that one watcher at a time works on the library */
    public LibraryWatch(LibraryStore store, LibraryScan scans, Path lockFile) {
        this.store = store;
        this.scans = scans;
        this.lockFile = lockFile;
    }

    /**
     * Starts watching every folder of the library (and folders added later), in the background: the look at what changed
     * since last time runs first. Returns at once.
     *
     * @throws LibraryException when another process watches this library already, or it was started already
     */
    public void start(Listener l) {
        synchronized (lifecycle) {
            if (started || closed) {
                throw new LibraryException("This library is watched already.");
            }
            takeLock();
            this.listener = l;
            watcher = new DirectoryWatcher();
            started = true;
            events = new Thread(this::eventLoop, "kindred-watch");
            events.setDaemon(true);
            indexing = new Thread(this::indexLoop, "kindred-watch-index");
            indexing.setDaemon(true);
            indexing.setPriority(Thread.NORM_PRIORITY - 1);
            events.start();
            indexing.start();
        }
    }

    /** Whether it is watching. */
    public boolean running() {
        return started && !closed;
    }

    /** What is watched now. */
    public Status status() {
        return status;
    }

    private void takeLock() {
        try {
            if (!Files.exists(lockFile)) {
                try {
                    Files.createFile(lockFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(lockFile);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another process made it meanwhile
                }
            }
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new LibraryException("Another Kindred (the window or `kindred watch`) is watching this library already; "
                        + "it keeps the library current meanwhile.");
            }
        } catch (IOException e) {
            throw new LibraryException("Cannot take " + lockFile + " to watch the library: " + e.getMessage());
        }
    }

    private void emit(What what, String path, int count, String text) {
        try {
            listener.event(new Event(what, path, count, text));
        } catch (RuntimeException e) {
            LOG.warn("a watch listener failed", e);
        }
    }

    // ---------------------------------------------------------------- the event thread

    private void eventLoop() {
        // Both of the watcher's threads run below the window (the indexing workers' priority): the look at what changed
        // walks whole folders and writes the library, which took a core from the window's scrolling (docs/bench/fx-stall.md).
        scans.lowerCurrentThreadToWorkers();
        long lastPoll = System.currentTimeMillis();
        long lastPresence = 0;
        try {
            checkFolders(System.currentTimeMillis()); // the look at what changed since last time, folder by folder
            if (store.pendingJobs() > 0) {
                batches.add(new PendingChanges.Batch(Set.of(), Set.of())); // what a previous session left queued
            }
            lastPresence = System.currentTimeMillis();
            publishStatus(true);
            while (!closed) {
                List<DirectoryWatcher.Raw> raws = watcher.take(TICK_MILLIS);
                long now = System.currentTimeMillis();
                for (DirectoryWatcher.Raw r : raws) {
                    handle(r, now);
                }
                if (now - lastPoll >= POLL_MILLIS) {
                    lastPoll = now;
                    pollUnwatched(now);
                }
                if (now - lastPresence >= PRESENCE_MILLIS) {
                    lastPresence = now;
                    checkFolders(now);
                }
                for (Path p; (p = lateFiles.poll()) != null; ) {
                    pending.fileChanged(p, now);
                }
                PendingChanges.Batch b = pending.tick(now);
                if (b != null) {
                    batches.add(b);
                }
                publishStatus(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("watching stopped", e);
                emit(What.ERROR, null, 0, "Watching stopped: " + e.getMessage());
            }
        }
    }

    private void publishStatus(boolean always) {
        int there = 0;
        int away = 0;
        for (boolean b : roots.values()) {
            if (b) {
                there++;
            } else {
                away++;
            }
        }
        Status s = new Status(there, away, watcher.watched(), watcher.polled().size(), pending.waiting(), run != null);
        Status before = status;
        status = s;
        boolean changed = s.folders() != before.folders() || s.offline() != before.offline() || s.polledDirs() != before.polledDirs();
        if (always || changed) {
            emit(What.WATCHING, null, s.folders(), s.text());
        }
    }

    private void handle(DirectoryWatcher.Raw r, long now) {
        if (r.overflow()) {
            // Notifications were lost: every directory is compared with its stored modification time.
            for (Path root : List.copyOf(roots.keySet())) {
                if (roots.get(root)) {
                    lookAgain(root, now);
                }
            }
            return;
        }
        Path p = r.path();
        String name = p.getFileName().toString();
        if (name.startsWith(".")) {
            return; // hidden: caches, trash, a copy's temporary file (rsync's .name.XXXXXX)
        }
        if (r.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
            if (watcher.knows(p)) {
                watcher.forgetTree(p); // a directory removed or renamed away: its photos are looked for
                pending.dropUnder(p);
                pending.dirChanged(r.dir(), now);
            } else if (IndexSettings.isPhotoFileName(name)) {
                pending.fileRemoved(p, now);
            }
            return;
        }
        if (Files.isDirectory(p)) {
            if (r.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                newTree(p, now);
                pending.dirChanged(r.dir(), now);
            }
        } else if (IndexSettings.isPhotoFileName(name)) {
            pending.fileChanged(p, now);
        }
    }

    /**
     * Checks each folder of the library: newly added ones and ones back from offline are watched and looked at (what
     * changed since last time); ones gone offline or removed from the library are no longer watched.
     */
    private void checkFolders(long now) {
        List<FolderInfo> folders = store.folders();
        Set<Path> current = new HashSet<>();
        for (FolderInfo f : folders) {
            Path root = Path.of(f.path());
            current.add(root);
            Boolean was = roots.get(root);
            boolean there = f.present();
            if (was != null && was == there) {
                continue;
            }
            roots.put(root, there);
            if (there && f.photos() > 0) {
                String volume = kindred.library.FolderPresence.mountPointOf(root);
                if (volume != null && !volume.equals(f.volume())) {
                    store.setFolderVolume(f.id(), volume); // what tells its unmounted drive from an emptied folder later
                }
            }
            if (there) {
                lookAgain(root, now);
                if (was != null) {
                    emit(What.ONLINE, root.toString(), f.photos(), root + " is back: " + Counted.of(f.photos(), "photo")
                            + ", nothing to index again unless it changed meanwhile");
                }
            } else {
                watcher.forgetTree(root);
                pending.dropUnder(root);
                emit(What.OFFLINE, root.toString(), f.photos(), root + " is offline (its drive or share is not there): "
                        + Counted.of(f.photos(), "photo") + " kept with their faces and names");
            }
        }
        for (Path gone : List.copyOf(roots.keySet())) {
            if (!current.contains(gone)) {
                roots.remove(gone); // removed from the library or moved: its new place is a folder of its own
                watcher.forgetTree(gone);
                pending.dropUnder(gone);
            }
        }
    }

    /**
     * The look at what changed in {@code root} since last time: each directory stored is watched, and listed again
     * only when its modification time differs from the stored one (or it is gone). A folder with no directory stored
     * yet (scanned before watching existed, or just moved) is listed whole once.
     */
    private void lookAgain(Path root, long now) {
        Map<String, Long> recorded = store.directories(root.toString());
        if (recorded.isEmpty()) {
            newTree(root, now);
            return;
        }
        List<String> dirs = new ArrayList<>(recorded.keySet());
        dirs.sort(null); // parents before children
        for (String d : dirs) {
            Path dir = Path.of(d);
            if (!dir.startsWith(root) || hiddenUnder(root, dir) || nestedRootOtherThan(root, dir)) {
                continue;
            }
            Long mtime = mtimeOrNull(dir);
            if (mtime == null) {
                pending.dirChanged(dir, now); // gone: its photos are marked missing (the folder itself is there)
                continue;
            }
            boolean watched = watcher.watch(dir);
            if (!watched) {
                polledMtimes.put(dir, mtime);
            }
            if (mtime.longValue() != recorded.get(d)) {
                listChanged(dir, now);
            }
        }
    }

    /** Whether {@code dir} lies in another library folder nested inside {@code root} (that one watches it). */
    private boolean nestedRootOtherThan(Path root, Path dir) {
        for (Path r : roots.keySet()) {
            if (!r.equals(root) && r.startsWith(root) && dir.startsWith(r)) {
                return true;
            }
        }
        return false;
    }

    /** A directory that appeared: it and every directory in it are watched, and their photos wait to settle. */
    private void newTree(Path top, long now) {
        List<Path> dirs = new ArrayList<>();
        try {
            Files.walkFileTree(top, java.util.EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new java.nio.file.SimpleFileVisitor<>() {
                        @Override
                        public java.nio.file.FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(top) && dir.getFileName().toString().startsWith(".")) {
                                return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                            }
                            dirs.add(dir);
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }

                        @Override
                        public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                            return java.nio.file.FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            LOG.debug("watch: cannot walk {}: {}", top, e.toString());
        }
        for (Path d : dirs) {
            if (!watcher.watch(d)) { // watched before it is listed: nothing created in between is missed
                Long m = mtimeOrNull(d);
                polledMtimes.put(d, m == null ? -1 : m);
            }
            listChanged(d, now);
        }
    }

    /**
     * Lists a directory whose changes were not seen one by one: photos the library does not know as they are wait to
     * settle, new directories are watched, and the directory is looked at again (for what is gone).
     */
    private void listChanged(Path dir, long now) {
        Map<String, long[]> known = store.filesIn(dir.toString());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(e, BasicFileAttributes.class);
                } catch (IOException gone) {
                    continue;
                }
                if (a.isDirectory()) {
                    if (!watcher.knows(e) && !roots.containsKey(e)) {
                        newTree(e, now);
                    }
                } else if (a.isRegularFile() && IndexSettings.isPhotoFileName(name)) {
                    long[] k = known.get(e.toString());
                    if (k == null || k[0] != a.size() || k[1] != a.lastModifiedTime().toMillis()) {
                        pending.fileChanged(e, now);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("watch: cannot list {}: {}", dir, e.toString());
        }
        pending.dirChanged(dir, now);
    }

    /** Directories past the watch limit: listed again when their modification time moved. */
    private void pollUnwatched(long now) {
        for (Path d : List.copyOf(watcher.polled())) {
            Long m = mtimeOrNull(d);
            Long before = polledMtimes.get(d);
            if (m == null) {
                watcher.forgetTree(d);
                polledMtimes.keySet().removeIf(p -> p.startsWith(d));
                if (d.getParent() != null) {
                    pending.dirChanged(d.getParent(), now);
                }
            } else if (!m.equals(before)) {
                polledMtimes.put(d, m);
                listChanged(d, now);
            }
        }
    }

    private static Long mtimeOrNull(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class);
            return a.isDirectory() ? a.lastModifiedTime().toMillis() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean hiddenUnder(Path root, Path dir) {
        for (Path n : root.relativize(dir)) {
            if (n.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- the indexing thread

    private void indexLoop() {
        scans.lowerCurrentThreadToWorkers();
        while (!closed) {
            PendingChanges.Batch first;
            try {
                first = batches.poll(TICK_MILLIS * 4, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null || first == STOP) {
                continue;
            }
            try {
                bringIn(first, () -> { });
                if (store.pendingJobs() == 0) {
                    continue; // nothing new to index (a removal, a rename, an unchanged listing): no run, no grouping
                }
                Indexer.IndexRun r = scans.startRun(this::progress);
                run = r;
                r.scan(queued -> {
                    queued.run(); // what the first batch queued
                    PendingChanges.Batch next;
                    try {
                        while (!closed && (next = batches.poll(IDLE_END_MILLIS, TimeUnit.MILLISECONDS)) != null && next != STOP) {
                            bringIn(next, queued);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new ScanSummary(0, 0, 0, 0, 0, 0, 0, List.of());
                });
                IndexProgress done = r.await();
                if (!closed && done.photosDone() > 0) {
                    LibraryScan.AfterIndexing after = scans.afterIndexing();
                    emit(What.GROUPED, null, after.facesClustered(), Counted.of(done.photosDone(), "photo") + " indexed, "
                            + Counted.of(done.facesFound(), "face") + " found, " + Counted.of(after.facesClustered(), "new face")
                            + " grouped");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | kindred.library.MissingFolderException e) {
                if (!closed) {
                    LOG.error("watch: indexing what changed failed", e);
                    emit(What.ERROR, null, 0, "Indexing what changed failed: " + e.getMessage());
                }
            } finally {
                run = null;
            }
        }
    }

    /** One batch: each folder's changed directories brought up to date; what they queued is indexed by the run. */
    private void bringIn(PendingChanges.Batch b, Runnable queued) {
        Map<Path, List<Path>> byRoot = new HashMap<>();
        for (Path d : b.dirs()) {
            Path root = rootOf(d);
            if (root != null) {
                byRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(d);
            }
        }
        for (Map.Entry<Path, List<Path>> e : byRoot.entrySet()) {
            if (closed) {
                return;
            }
            ScanSummary s = scans.rescan(e.getKey(), e.getValue(), p -> b.notYet().contains(p) || late(p), queued);
            if (s.added() + s.changed() > 0) {
                emit(What.QUEUED, e.getKey().toString(), s.added() + s.changed(), Counted.of(s.added() + s.changed(), "photo")
                        + " new or changed in " + e.getKey() + ", indexing");
            }
            if (s.moved() > 0) {
                emit(What.MOVED, e.getKey().toString(), s.moved(), Counted.of(s.moved(), "photo") + " renamed or moved in "
                        + e.getKey() + " (faces and names kept)");
            }
            if (s.copies() > 0) {
                emit(What.COPIES, e.getKey().toString(), s.copies(), Counted.of(s.copies(), "identical copy", "identical copies")
                        + " of photos of the library in " + e.getKey() + " (sharing their faces and names)");
            }
            if (s.missing() > 0) {
                emit(What.MISSING, e.getKey().toString(), s.missing(), Counted.of(s.missing(), "photo") + " gone from "
                        + e.getKey() + " (marked missing; faces and names kept)");
            }
        }
    }

    /**
     * Whether a file the listing found was written too recently to be read: one the watcher never saw settle (it came
     * while its directory was being listed, or its directory is polled). It waits to settle like any other.
     */
    private boolean late(Path p) {
        try {
            long age = System.currentTimeMillis() - Files.getLastModifiedTime(p).toMillis();
            if (age < PendingChanges.SETTLE_MILLIS) {
                lateFiles.add(p);
                return true;
            }
        } catch (IOException e) {
            return false; // gone: the listing's walk says so
        }
        return false;
    }

    /** Files {@link #late} held back, for the event thread to wait on. */
    private final java.util.Queue<Path> lateFiles = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** The deepest library folder that is there and holds {@code p}, or null. */
    private Path rootOf(Path p) {
        Path best = null;
        for (Map.Entry<Path, Boolean> e : roots.entrySet()) {
            if (e.getValue() && p.startsWith(e.getKey()) && (best == null || e.getKey().getNameCount() > best.getNameCount())) {
                best = e.getKey();
            }
        }
        return best;
    }

    private void progress(IndexProgress p) {
        if (p.lastPhoto() != null) {
            if (p.lastFailure() != null) {
                emit(What.FAILED, p.lastPhoto(), 0, p.lastPhoto() + " could not be read (" + p.lastFailure() + ")");
            } else {
                emit(What.INDEXED, p.lastPhoto(), p.lastFaces(), p.lastPhoto() + ": " + Counted.of(p.lastFaces(), "face"));
            }
        }
        try {
            listener.progress(p);
        } catch (RuntimeException e) {
            LOG.warn("a watch listener failed", e);
        }
    }

    /**
     * Stops watching: the photos being indexed are finished and saved, the rest stays queued for next time (the look
     * at start finds what changed meanwhile). Waits for its threads, bounded.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            if (!started) {
                return;
            }
        }
        watcher.close();
        batches.add(STOP);
        Indexer.IndexRun r = run;
        if (r != null) {
            r.cancel();
        }
        join(events);
        join(indexing);
        try {
            if (lock != null) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            LOG.debug("watch lock: {}", e.toString());
        }
    }

    /** How long {@link #close} waits for each of its threads, in milliseconds (a photo in progress is finished first). */
    static final long CLOSE_WAIT_MILLIS = 60_000;

    private static void join(Thread t) {
        try {
            t.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("{} still runs after {} s", t.getName(), CLOSE_WAIT_MILLIS / 1000);
        }
    }
}
