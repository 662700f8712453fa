package kindred.library.watch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the watcher saw and has not handed on yet: photo files that appeared or changed, waiting until they have
 * stopped changing (a file still being copied is never read half-way), and the directories to look at again. Debounced:
 * changes are handed on as one batch once nothing has happened for {@link #QUIET_MILLIS}, so a card copy of 500 files
 * becomes a few batches fed to one indexing run, not 500 runs. Time is passed in (milliseconds), so that the rules are
 * tested without waiting. Not thread-safe: the watcher's event thread alone uses it.
 */
final class PendingChanges {

    /**
     * A batch goes once no event came for this long, in milliseconds. A copy sends an event per file and per write, so
     * a gap this long means the copy ended or paused; shorter would split a copy into more batches (harmless: they feed
     * one run), longer would delay "within seconds". Chosen, not measured on many writers: a local `cp` of the test
     * photos sends its events within milliseconds of each other (WatchCommandTest, LibraryWatchTest).
     */
    static final long QUIET_MILLIS = 1_500;

    /**
     * A file is read once its size and modification time have not changed for this long, in milliseconds. A writer
     * that stalls for longer would be read half-way, so it is well above the pauses of a local or USB copy (writes
     * follow each other within milliseconds) while adding little to the ~0.5 s it takes to index a photo; a JPEG cut
     * short is held back longer anyway ({@link #INCOMPLETE_MAX_MILLIS}). The slow-writer test writes a photo in 8
     * pieces 600 ms apart and checks that it is indexed once, complete (LibraryWatchTest).
     */
    static final long SETTLE_MILLIS = 2_000;

    /**
     * While files keep coming, a batch goes at the latest this long after its first change, in milliseconds, so that
     * the first photos of a long copy are indexed while the rest still arrives (the batches feed one run).
     */
    static final long MAX_BATCH_MILLIS = 10_000;

    /**
     * A JPEG whose last two bytes are not the end-of-image marker (FF D9) looks cut short: a writer may have paused
     * longer than {@link #SETTLE_MILLIS}. It waits until it ends with the marker, at most this long in milliseconds
     * (some cameras and phones append data after the marker: such a file is then read anyway). 60 s: several times
     * the spin-up of a sleeping disk or a stalled network copy (seconds to ~10 s), while a photo with a trailer is
     * still indexed within a minute.
     */
    static final long INCOMPLETE_MAX_MILLIS = 60_000;

    /** One file waiting to settle. */
    private static final class Waiting {
        long size = -1;
        long mtime = -1;
        long lastChange;
        final long firstSeen;

        Waiting(long now) {
            this.firstSeen = now;
            this.lastChange = now;
        }
    }

    /** A batch of work: directories to look at again; {@code notYet} files are still being written. */
    record Batch(Set<Path> dirs, Set<Path> notYet) {
    }

    private final Map<Path, Waiting> files = new HashMap<>();
    private final Set<Path> dirty = new HashSet<>();
    private long lastEvent;
    private long batchStart = -1;

    /** A photo file appeared or changed (or a listing found it new or changed). */
    void fileChanged(Path file, long now) {
        Waiting w = files.get(file);
        if (w == null) {
            files.put(file, new Waiting(now));
        } else {
            w.lastChange = now;
        }
        event(now);
    }

    /** A file was removed (or renamed away): it waits no more; its directory is looked at. */
    void fileRemoved(Path file, long now) {
        files.remove(file);
        dirChanged(file.getParent(), now);
    }

    /** A directory is to be looked at again (an entry removed or renamed, a new folder, a missed change). */
    void dirChanged(Path dir, long now) {
        if (dirty.add(dir) && batchStart < 0) {
            batchStart = now;
        }
        event(now);
    }

    private void event(long now) {
        lastEvent = now;
        if (batchStart < 0) {
            batchStart = now;
        }
    }

    /** Forgets everything under {@code root} (its drive went away). */
    void dropUnder(Path root) {
        files.keySet().removeIf(p -> p.startsWith(root));
        dirty.removeIf(p -> p.startsWith(root));
    }

    /** Files waiting to settle. */
    int waiting() {
        return files.size();
    }

    /**
     * Looks at each waiting file: one that has not changed for {@link #SETTLE_MILLIS} (and does not look cut short)
     * is done waiting, and its directory joins the batch. Returns the batch when it is due, else null.
     */
    Batch tick(long now) {
        for (Iterator<Map.Entry<Path, Waiting>> it = files.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, Waiting> e = it.next();
            Waiting w = e.getValue();
            Path file = e.getKey();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException gone) {
                it.remove(); // removed meanwhile: its directory is looked at
                dirChanged(file.getParent(), now);
                continue;
            }
            long mtime = a.lastModifiedTime().toMillis();
            if (a.size() != w.size || mtime != w.mtime) {
                w.size = a.size();
                w.mtime = mtime;
                w.lastChange = now;
                continue;
            }
            if (now - w.lastChange < SETTLE_MILLIS) {
                continue;
            }
            if (now - w.firstSeen < INCOMPLETE_MAX_MILLIS && looksCutShort(file, w.size)) {
                continue;
            }
            it.remove();
            if (dirty.add(file.getParent()) && batchStart < 0) {
                batchStart = now;
            }
        }
        // Quiet and nothing left settling: hand it all on (a rename's removal and its new name go together). During a
        // long copy, or beside a file that keeps changing, hand on what has settled so far every MAX_BATCH_MILLIS.
        boolean quiet = now - lastEvent >= QUIET_MILLIS && files.isEmpty();
        boolean longEnough = batchStart >= 0 && now - batchStart >= MAX_BATCH_MILLIS;
        if (dirty.isEmpty() || !(quiet || longEnough)) {
            return null;
        }
        Batch b = new Batch(Set.copyOf(dirty), Set.copyOf(files.keySet()));
        dirty.clear();
        batchStart = files.isEmpty() ? -1 : now;
        return b;
    }

    /** A JPEG that does not end with the end-of-image marker (other formats are not checked). */
    static boolean looksCutShort(Path file, long size) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".jpe") || name.endsWith(".jfif")) || size < 4) {
            return false;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            f.seek(size - 2);
            return f.read() != 0xFF || f.read() != 0xD9;
        } catch (IOException e) {
            return false; // unreadable: indexing says why
        }
    }
}
