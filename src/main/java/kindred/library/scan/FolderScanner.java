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
        int cores = Runtime.getRuntime().availableProcessors();
        walk.hasher = java.util.concurrent.Executors.newFixedThreadPool(cores, r -> {
            Thread t = new Thread(r, "kindred-scan-hash");
            t.setDaemon(true);
            return t;
        });
        try {
            scanRoots(real, walk);
        } finally {
            walk.hasher.shutdownNow();
            try {
                // A hash under way reads one file; the pool's threads do not outlive the scan.
                if (!walk.hasher.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    LOG.warn("a photo's content hash still runs after the scan");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new ScanSummary(walk.seen, walk.added, walk.changed, walk.moved, walk.unchanged, walk.missing,
                walk.twins, List.copyOf(walk.warnings));
    }

    private void scanRoots(List<Path> real, Walk walk) {
        for (Path root : real) {
            boolean isDir = Files.isDirectory(root);
            Path folder = isDir ? root : root.getParent();
            long folderId = store.addFolder(folder.toString());
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
            }
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
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
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
            return known.isEmpty() || known.get().size() != attrs.size() || known.get().mtimeMillis() != attrs.lastModifiedTime().toMillis();
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
            String hash = hashOf(file, prehashed);
            for (StoredPhoto candidate : store.photosByHash(hash)) {
                if (candidate.missing() || !Files.exists(Path.of(candidate.path()))) {
                    store.photoMoved(candidate.id(), folderId, path, size, mtime, scanMillis);
                    moved++;
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
