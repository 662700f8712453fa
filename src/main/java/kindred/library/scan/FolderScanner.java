package kindred.library.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import kindred.library.FolderPresence;
import kindred.library.IndexSettings;
import kindred.library.LibraryStore;
import kindred.library.MissingFolderException;
import kindred.library.ScanSummary;
import kindred.library.StoredPhoto;
import kindred.library.Twins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the user's folders and brings the library up to date with what is on disk, without decoding
 * anything: new and changed photos get an index job; moved or renamed photos are re-linked by content
 * hash so their faces and names survive; photos no longer found are marked missing (nothing deleted). A RAW or
 * HEIF file beside the JPEG of the same shot is recorded as that photo's twin, not as a photo ({@link Twins}).
 * Follows symbolic links and survives loops. Not thread-safe; one scan at a time.
 */
public final class FolderScanner {

    private static final Logger LOG = LoggerFactory.getLogger(FolderScanner.class);

    private final LibraryStore store;
    private final String activeDetectorId;

    /**
     * @param activeDetectorId the detector of the active model pack: photos indexed with another one are
     *                         queued again (their user-made faces and decisions are kept)
     */
    public FolderScanner(LibraryStore store, String activeDetectorId) {
        this.store = store;
        this.activeDetectorId = activeDetectorId;
    }

    /**
     * Registers every photo under {@code roots}.
     *
     * @throws MissingFolderException when a root does not exist (nothing is changed then)
     */
    public ScanSummary scan(List<Path> roots) throws MissingFolderException {
        return scan(roots, () -> { });
    }

    /**
     * The roots as real paths; throws what {@link #scan} would for a root that does not exist, before anything is
     * changed or started (the window checks the folders before it starts indexing beside the walk).
     */
    public static List<Path> realRoots(List<Path> roots) throws MissingFolderException {
        List<Path> real = new ArrayList<>();
        for (Path r : roots) {
            if (!Files.exists(r)) {
                throw new MissingFolderException(r);
            }
            try {
                real.add(r.toRealPath());
            } catch (IOException e) {
                throw new MissingFolderException(r);
            }
        }
        return real;
    }

    /**
     * Registers every photo under {@code roots}, calling {@code onJobsQueued} (on this thread) each time index
     * jobs were committed, so that indexing can start on them while the walk goes on.
     *
     * @throws MissingFolderException when a root does not exist (nothing is changed then)
     */
    public ScanSummary scan(List<Path> roots, Runnable onJobsQueued) throws MissingFolderException {
        List<Path> real = realRoots(roots);
        Walk walk = new Walk();
        walk.onJobsQueued = onJobsQueued;
        walk.hasher = newHasher();
        try {
            scanRoots(real, walk);
            walk.joinIdenticalPhotos();
        } finally {
            endHasher(walk.hasher);
        }
        return walk.summary();
    }

    /**
     * Brings the given directories of the library folder {@code root} up to date, each on its own (not the folders
     * inside it): what the watcher and the look at start call for directories that changed ({@code kindred.library
     * .watch}). Photos in a listed directory that are gone are marked missing, and so are those under a directory that
     * is gone; a file {@code notYet} holds (still being written) is left for later, neither read nor marked missing.
     * Nothing is done for a folder that is offline ({@link FolderPresence}). Calls {@code onJobsQueued} each time index
     * jobs were committed.
     */
    public ScanSummary rescan(Path root, java.util.Collection<Path> dirs, java.util.function.Predicate<Path> notYet,
                              Runnable onJobsQueued) {
        Walk walk = new Walk();
        walk.onJobsQueued = onJobsQueued;
        walk.notYet = notYet;
        String why = offlineReason(root);
        if (why != null) {
            walk.offline.add(root.toString());
            return walk.summary();
        }
        walk.hasher = newHasher();
        try {
            long start = System.currentTimeMillis();
            walk.root = root;
            walk.folderId = store.addFolder(root.toString());
            walk.scanMillis = start;
            java.util.Map<String, Long> known = store.directories(root.toString());
            for (Path dir : new java.util.TreeSet<>(dirs)) {
                if (!dir.startsWith(root) || isHiddenUnder(root, dir)) {
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    goneDirectory(walk, dir.toString(), start);
                    continue;
                }
                int incompleteBefore = walk.incomplete.size();
                try {
                    Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), 1, walk);
                } catch (IOException e) {
                    walk.warnings.add(dir + ": " + e.getMessage());
                    walk.incomplete.add(dir);
                }
                walk.registerPending();
                walk.flushSeen();
                walk.registerTwins();
                walk.flushSeen();
                if (walk.incomplete.size() == incompleteBefore) {
                    walk.missing += store.markMissingIn(dir.toString(), start);
                    String prefix = dir + java.io.File.separator;
                    for (String k : known.keySet()) {
                        // a folder inside it that is gone (its own delete may have gone unseen)
                        if (k.startsWith(prefix) && k.indexOf(java.io.File.separatorChar, prefix.length()) < 0 && !Files.isDirectory(Path.of(k))) {
                            goneDirectory(walk, k, start);
                        }
                    }
                } else {
                    walk.dirMtimes.put(dir.toString(), -1L);
                }
            }
            walk.notYetDirs.forEach(d -> walk.dirMtimes.computeIfPresent(d, (k, v) -> -1L));
            store.saveDirectories(walk.folderId, walk.dirMtimes);
            walk.promoteCopies();
        } finally {
            endHasher(walk.hasher);
        }
        return walk.summary();
    }

    private void goneDirectory(Walk walk, String dir, long start) {
        walk.missing += store.markMissing(dir, start);
        store.removeUnseenTwins(dir, start);
        store.forgetDirectories(dir);
        walk.dirMtimes.keySet().removeIf(d -> d.equals(dir) || d.startsWith(dir + java.io.File.separator));
    }

    private static boolean isHiddenUnder(Path root, Path dir) {
        for (Path name : root.relativize(dir)) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the library folder {@code root} is offline ({@link FolderPresence}), or null when it is there or is not a
     * folder of the library with photos (a folder scanned for the first time is never offline).
     */
    private String offlineReason(Path root) {
        String path = root.toString();
        for (kindred.library.FolderInfo f : store.folders()) {
            if (f.path().equals(path)) {
                String why = FolderPresence.whyOffline(root, f.photos() > 0, f.volume());
                if (why == null && f.photos() > 0) {
                    seenOn(f);
                }
                return why;
            }
        }
        return null; // not a folder of the library yet
    }

    /** Records the mount point a folder that is there (with photos) is on, for telling an unmounted drive later. */
    private void seenOn(kindred.library.FolderInfo f) {
        String volume = FolderPresence.mountPointOf(Path.of(f.path()));
        if (volume != null && !volume.equals(f.volume())) {
            store.setFolderVolume(f.id(), volume);
        }
    }

    private static java.util.concurrent.ExecutorService newHasher() {
        int cores = Runtime.getRuntime().availableProcessors();
        return java.util.concurrent.Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "kindred-scan-hash");
            t.setDaemon(true);
            return t;
        });
    }

    private static void endHasher(java.util.concurrent.ExecutorService hasher) {
        hasher.shutdownNow();
        try {
            // A hash under way reads one file; the pool's threads do not outlive the scan.
            if (!hasher.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("a photo's content hash still runs after the scan");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scanRoots(List<Path> real, Walk walk) {
        for (Path root : real) {
            boolean isDir = Files.isDirectory(root);
            Path folder = isDir ? root : root.getParent();
            String why = isDir ? offlineReason(root) : null;
            if (why != null) {
                walk.offline.add(root.toString());
                walk.warnings.add(root + ": offline (" + why + "); its photos, faces and names are kept as they were");
                continue;
            }
            long folderId = store.addFolder(folder.toString());
            walk.dirMtimes.clear();
            long start = System.currentTimeMillis();
            walk.root = root;
            walk.folderId = folderId;
            walk.scanMillis = start;
            try {
                Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, walk);
            } catch (IOException e) {
                walk.warnings.add(root + ": " + e.getMessage());
            }
            walk.registerPending();
            walk.flushSeen(); // a primary back from missing is present again before its twins look for it
            walk.registerTwins();
            walk.flushSeen();
            if (isDir && walk.completed(root)) {
                walk.missing += store.markMissing(root.toString(), start);
                store.removeUnseenTwins(root.toString(), start);
                for (String d : store.directories(root.toString()).keySet()) {
                    if (!walk.dirMtimes.containsKey(d) && (d.equals(root.toString()) || d.startsWith(root + java.io.File.separator))) {
                        store.forgetDirectories(d); // gone since the last walk
                    }
                }
            }
            if (isDir) {
                store.saveDirectories(folderId, walk.dirMtimes);
                String volume = FolderPresence.mountPointOf(root);
                if (volume != null) {
                    store.setFolderVolume(folderId, volume);
                }
            }
            walk.promoteCopies();
        }
    }

    private final class Walk extends SimpleFileVisitor<Path> {
        Path root;
        long folderId;
        long scanMillis;
        int seen;
        int added;
        int changed;
        int moved;
        int unchanged;
        int missing;
        int twins;
        Runnable onJobsQueued;
        /** Twin files found, registered once the walk of the root has registered their primaries. */
        final List<FoundTwin> foundTwins = new ArrayList<>();
        /** For the folders being walked: each twin's primary, by file name (see {@link Twins#primaries}). */
        final java.util.Map<Path, java.util.Map<String, String>> primariesByFolder = new java.util.HashMap<>();
        final List<String> warnings = new ArrayList<>();
        final List<Path> incomplete = new ArrayList<>();
        final List<Long> seenIds = new ArrayList<>();
        int copies;
        final List<String> offline = new ArrayList<>();
        /** Directories listed, with their mtimes as read before listing them (-1: not to be trusted). */
        final java.util.Map<String, Long> dirMtimes = new java.util.HashMap<>();
        /** Files still being written (the watcher's): left for a later rescan. */
        java.util.function.Predicate<Path> notYet = p -> false;
        /** Directories where a file was left for later. */
        final java.util.Set<String> notYetDirs = new java.util.HashSet<>();

        ScanSummary summary() {
            return new ScanSummary(seen, added, changed, moved, unchanged, missing, twins, List.copyOf(warnings), copies,
                    List.copyOf(offline));
        }

        /** A photo marked missing whose identical copy is here lives on at the copy's place (faces and names kept). */
        void promoteCopies() {
            java.util.Set<Long> promoted = new java.util.HashSet<>();
            for (LibraryStore.PhotoFile c : store.copiesOfMissingPhotos()) {
                Path p = Path.of(c.path());
                if (promoted.contains(c.photoId()) || !Files.isRegularFile(p)) {
                    continue;
                }
                store.removeTwin(c.path());
                store.photoMoved(c.photoId(), folderIdOf(c.path()), c.path(), c.size(), c.mtimeMillis(), System.currentTimeMillis());
                promoted.add(c.photoId());
                moved++;
            }
        }

        /**
         * Two photo rows with one content (scanned before identical copies were joined): the newer becomes the older
         * one's copy when none of its faces carries a decision (else both stay, so that no decision is lost).
         */
        void joinIdenticalPhotos() {
            for (LibraryStore.PhotoFile dup : store.identicalPhotos()) {
                Optional<StoredPhoto> own = store.photoByPath(dup.path());
                if (own.isEmpty()) {
                    continue;
                }
                if (store.deletePhotoWithoutDecisions(own.get().id())) {
                    store.addCopy(dup.photoId(), dup.path(), dup.size(), dup.mtimeMillis(), System.currentTimeMillis());
                    copies++;
                } else {
                    LOG.info("scan: {} has the same content as another photo but stays a photo of its own: faces of it "
                            + "carry your decisions, which are never dropped", dup.path());
                }
            }
        }

        boolean completed(Path root) {
            // A folder we could not list must not make its photos look missing.
            return incomplete.stream().noneMatch(p -> p.startsWith(root) || root.startsWith(p));
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (name.startsWith(".") && !dir.equals(root)) {
                return FileVisitResult.SKIP_SUBTREE; // hidden folders: caches, trash, other programs' data
            }
            dirMtimes.put(dir.toAbsolutePath().normalize().toString(), trustedMtime(attrs.lastModifiedTime().toMillis()));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                dirMtimes.put(dir.toAbsolutePath().normalize().toString(), -1L); // not fully listed: list it again
            }
            primariesByFolder.remove(dir.toAbsolutePath().normalize());
            return FileVisitResult.CONTINUE;
        }

        /** The name of the file's primary when another file of the same shot is in its folder, else null. */
        private String primaryOnDisk(Path file) {
            Path dir = file.getParent();
            java.util.Map<String, String> primaries = primariesByFolder.computeIfAbsent(dir, d -> {
                List<String> names = new ArrayList<>();
                try (java.util.stream.Stream<Path> list = Files.list(d)) {
                    list.map(p -> p.getFileName().toString()).filter(IndexSettings::isPhotoFileName).forEach(names::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    LOG.debug("scan: cannot list {} for twins: {}", d, e.toString());
                }
                return Twins.primaries(names);
            });
            String primary = primaries.get(file.getFileName().toString());
            return primary != null && Files.isRegularFile(dir.resolve(primary)) ? primary : null;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (e instanceof FileSystemLoopException) {
                warnings.add(file + ": folder link loop, skipped");
            } else if (e instanceof NoSuchFileException) {
                warnings.add(file + ": vanished during the scan");
                incomplete.add(file);
            } else {
                warnings.add(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
                incomplete.add(file);
            }
            LOG.debug("scan: {}", warnings.get(warnings.size() - 1));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!attrs.isRegularFile() || !IndexSettings.isPhotoFileName(file.getFileName().toString())) {
                return FileVisitResult.CONTINUE;
            }
            Path abs = file.toAbsolutePath().normalize();
            if (notYet.test(abs)) {
                // Still being written: read later; a known photo is not missing meanwhile, and its folder is listed
                // again at the next look even if this process ends first.
                notYetDirs.add(abs.getParent().toString());
                store.photoByPath(abs.toString()).ifPresent(p -> seenIds.add(p.id()));
                store.photoFile(abs.toString()).ifPresent(f -> {
                    if ("copy".equals(f.kind())) {
                        store.addCopy(f.photoId(), f.path(), f.size(), f.mtimeMillis(), scanMillis);
                    } else {
                        store.addTwin(f.photoId(), f.path(), f.size(), f.mtimeMillis(), scanMillis);
                    }
                });
                return FileVisitResult.CONTINUE;
            }
            if (Twins.mayBeTwin(abs.getFileName().toString())) {
                String primary = primaryOnDisk(abs);
                if (primary != null) {
                    foundTwins.add(new FoundTwin(abs, attrs, abs.resolveSibling(primary)));
                    return FileVisitResult.CONTINUE;
                }
            }
            seen++;
            // Files are hashed ahead on every core while the walk goes on; they are registered in walk order.
            CompletableFuture<String> hash = needsHash(abs, attrs)
                    ? CompletableFuture.supplyAsync(() -> hashOrNull(abs), hasher) : CompletableFuture.completedFuture(null);
            pending.add(new Pending(abs, attrs, hash));
            // Register what is hashed already (indexing can start on it), and wait only when too far ahead.
            while (!pending.isEmpty() && (pending.size() >= HASH_AHEAD || pending.peek().hash().isDone())) {
                registerNext();
            }
            return FileVisitResult.CONTINUE;
        }

        /** Photos visited whose hash is being computed, in walk order. */
        final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
        java.util.concurrent.ExecutorService hasher;

        private boolean needsHash(Path file, BasicFileAttributes attrs) {
            Optional<StoredPhoto> known = store.photoByPath(file.toString());
            if (known.isEmpty()) {
                Optional<LibraryStore.PhotoFile> copy = store.photoFile(file.toString());
                return copy.isEmpty() || copy.get().size() != attrs.size() || copy.get().mtimeMillis() != attrs.lastModifiedTime().toMillis();
            }
            return known.get().size() != attrs.size() || known.get().mtimeMillis() != attrs.lastModifiedTime().toMillis();
        }

        void registerPending() {
            while (!pending.isEmpty()) {
                registerNext();
            }
        }

        /** Registers the oldest visited photo, waiting for its hash. */
        private void registerNext() {
            Pending p = pending.poll();
            registerPhoto(p.file(), p.attrs(), p.hash().join());
        }

        /** Registers a photo of its own (not a twin); {@code hash} may be null (computed now). */
        private void registerPhoto(Path file, BasicFileAttributes attrs, String hash) {
            int queuedBefore = added + changed;
            if (Twins.mayBeTwin(file.getFileName().toString())) {
                store.removeTwin(file.toString()); // it was a twin until its primary went away
            }
            try {
                register(file, attrs, hash);
            } catch (IOException e) {
                // Unreadable for hashing: record it so that indexing reports why.
                LOG.debug("scan: cannot hash {}: {}", file, e.toString());
                registerUnhashable(file, attrs);
            }
            if (added + changed != queuedBefore) {
                onJobsQueued.run();
            }
            if (seenIds.size() >= IndexSettings.SEEN_BATCH) {
                flushSeen();
            }
        }

        /**
         * Registers the twins found by the walk, now that their primaries are registered. A twin whose primary is not
         * a present photo is a photo of its own. A twin path that is a photo row from before (a library scanned before
         * twins existed recorded RAW and HEIF files as failed, or the JPEG appeared later) gives its row up, unless a
         * face of it carries a user's decision: then it stays a photo of its own, so that no decision is lost.
         */
        void registerTwins() {
            for (FoundTwin t : foundTwins) {
                String path = t.file().toString();
                Optional<StoredPhoto> primary = store.photoByPath(t.primary().toString());
                if (primary.isEmpty() || primary.get().missing()) {
                    seen++;
                    registerPhoto(t.file(), t.attrs(), null);
                    continue;
                }
                Optional<StoredPhoto> own = store.photoByPath(path);
                if (own.isPresent()) {
                    if (!store.deletePhotoWithoutDecisions(own.get().id())) {
                        LOG.info("scan: {} stays a photo of its own beside {}: faces of it carry your decisions (names, "
                                + "drawn or removed faces), which are never dropped", path, t.primary().getFileName());
                        seen++;
                        registerPhoto(t.file(), t.attrs(), null);
                        continue;
                    }
                    LOG.info("scan: {} is now a twin of {} (its own row, without decisions, was removed)", path, t.primary());
                }
                store.addTwin(primary.get().id(), path, t.attrs().size(), t.attrs().lastModifiedTime().toMillis(), scanMillis);
                twins++;
            }
            foundTwins.clear();
        }

        void flushSeen() {
            store.photosSeen(seenIds, scanMillis);
            seenIds.clear();
        }

        private void register(Path file, BasicFileAttributes attrs, String prehashed) throws IOException {
            String path = file.toString();
            long size = attrs.size();
            long mtime = attrs.lastModifiedTime().toMillis();
            Optional<StoredPhoto> known = store.photoByPath(path);
            if (known.isPresent()) {
                StoredPhoto p = known.get();
                boolean sameFile = p.size() == size && p.mtimeMillis() == mtime;
                boolean staleModel = "indexed".equals(p.status()) && activeDetectorId != null
                        && p.detectorId() != null && !activeDetectorId.equals(p.detectorId());
                if (sameFile && !staleModel) {
                    unchanged++;
                    seenIds.add(p.id());
                } else {
                    store.photoChanged(p.id(), size, mtime, sameFile ? p.contentHash() : hashOf(file, prehashed), scanMillis);
                    changed++;
                }
                return;
            }
            Optional<LibraryStore.PhotoFile> asCopy = store.photoFile(path).filter(f -> "copy".equals(f.kind()));
            if (asCopy.isPresent() && asCopy.get().size() == size && asCopy.get().mtimeMillis() == mtime) {
                store.addCopy(asCopy.get().photoId(), path, size, mtime, scanMillis); // seen, unchanged
                unchanged++;
                return;
            }
            String hash = hashOf(file, prehashed);
            List<StoredPhoto> same = store.photosByHash(hash);
            if (asCopy.isPresent()) {
                if (same.stream().anyMatch(p -> p.id() == asCopy.get().photoId())) {
                    store.addCopy(asCopy.get().photoId(), path, size, mtime, scanMillis); // touched, same content
                    unchanged++;
                    return;
                }
                store.removeTwin(path); // edited: no longer a copy, a photo of its own
            }
            for (StoredPhoto candidate : same) {
                if (candidate.missing() || !Files.exists(Path.of(candidate.path()))) {
                    store.photoMoved(candidate.id(), folderId, path, size, mtime, scanMillis);
                    moved++;
                    return;
                }
            }
            for (StoredPhoto candidate : same) {
                // The same content in another library folder (a backup drive beside the working folder): an identical
                // copy, sharing the photo's faces and names. Within one library folder two files with one content stay
                // two photos, as they always were (an album of copies, an export beside its original).
                if (!candidate.missing() && !sameLibraryFolder(candidate.folderId(), folderId)) {
                    store.addCopy(candidate.id(), path, size, mtime, scanMillis);
                    copies++;
                    return;
                }
            }
            store.addPhoto(folderId, path, size, mtime, hash, scanMillis);
            added++;
        }

        private void registerUnhashable(Path file, BasicFileAttributes attrs) {
            String path = file.toString();
            Optional<StoredPhoto> known = store.photoByPath(path);
            if (known.isPresent()) {
                store.photoChanged(known.get().id(), attrs.size(), attrs.lastModifiedTime().toMillis(), null, scanMillis);
                changed++;
            } else {
                store.addPhoto(folderId, path, attrs.size(), attrs.lastModifiedTime().toMillis(), null, scanMillis);
                added++;
            }
        }
    }

    /**
     * A directory mtime read this recently, in milliseconds, is stored as -1 (list it again next time): a file added in
     * the same clock tick after the read would not move it. 2,000 ms is the coarsest mtime resolution of the file
     * systems photos live on (FAT/exFAT on memory cards: 2 s; ext4, APFS, NTFS are finer).
     */
    static final long DIR_MTIME_TRUST_MILLIS = 2_000;

    static long trustedMtime(long mtimeMillis) {
        return System.currentTimeMillis() - mtimeMillis < DIR_MTIME_TRUST_MILLIS ? -1 : mtimeMillis;
    }

    /** Whether two library folders are one, or one lies inside the other. */
    private boolean sameLibraryFolder(long a, long b) {
        if (a == b) {
            return true;
        }
        String pa = null;
        String pb = null;
        for (kindred.library.FolderInfo f : store.folders()) {
            if (f.id() == a) {
                pa = f.path();
            }
            if (f.id() == b) {
                pb = f.path();
            }
        }
        if (pa == null || pb == null) {
            return false;
        }
        String sep = java.io.File.separator;
        return pa.startsWith(pb + sep) || pb.startsWith(pa + sep);
    }

    /** The id of the deepest library folder holding {@code path}. */
    private long folderIdOf(String path) {
        kindred.library.FolderInfo best = null;
        for (kindred.library.FolderInfo f : store.folders()) {
            if (path.startsWith(f.path() + java.io.File.separator) && (best == null || f.path().length() > best.path().length())) {
                best = f;
            }
        }
        return best != null ? best.id() : store.addFolder(Path.of(path).getParent().toString());
    }

    /** How many visited photos may wait for their hash before they are registered. */
    private static final int HASH_AHEAD = 16;

    private record Pending(Path file, BasicFileAttributes attrs, CompletableFuture<String> hash) {
    }

    /** A RAW or HEIF file found beside {@code primary}, the file of the same shot that is indexed. */
    private record FoundTwin(Path file, BasicFileAttributes attrs, Path primary) {
    }

    private static String hashOrNull(Path file) {
        try {
            return sha256(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** The hash computed ahead, or computed now (also to get the IOException of an unreadable file). */
    private static String hashOf(Path file, String prehashed) throws IOException {
        return prehashed != null ? prehashed : sha256(file);
    }

    /** SHA-256 of a file's content, hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
