package kindred.library.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Directories watched one by one with the system's file notifications (java.nio's WatchService: inotify on Linux, one
 * watch per directory), and the ones that could not be: when the system's limit of watches is reached (Linux:
 * {@code fs.inotify.max_user_watches}), or notifications cannot be had at all, a directory is <em>polled</em> instead:
 * the watcher compares its modification time every {@link LibraryWatch#POLL_MILLIS}. Not thread-safe: the watcher's
 * event thread alone uses it ({@link #close} may come from any thread).
 */
final class DirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    /**
     * The most directories watched with notifications, for tests and the benchmark of the fallback (system property
     * {@code kindred.watch.maxWatches}); without it, as many as the system allows.
     */
    static final String MAX_WATCHES_PROPERTY = "kindred.watch.maxWatches";

    /** A raw notification: {@code path} in the watched directory {@code dir}; {@code path} null on an overflow. */
    record Raw(Path dir, Path path, WatchEvent.Kind<?> kind) {
        boolean overflow() {
            return kind == StandardWatchEventKinds.OVERFLOW;
        }
    }

    private final WatchService service;
    private final int maxWatches;
    private final Map<WatchKey, Path> dirs = new HashMap<>();
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Set<Path> polled = new HashSet<>();
    private boolean limitReached;

    DirectoryWatcher() {
        WatchService ws = null;
        try {
            ws = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. Linux's fs.inotify.max_user_instances reached: every directory is polled
            LOG.warn("file notifications are not available ({}); folders are looked at every {} s instead", e.getMessage(),
                    LibraryWatch.POLL_MILLIS / 1000);
        }
        this.service = ws;
        this.maxWatches = Integer.getInteger(MAX_WATCHES_PROPERTY, Integer.MAX_VALUE);
    }

    /** Watches {@code dir}, or polls it when the limit is reached. Returns whether it is watched with notifications. */
    boolean watch(Path dir) {
        if (keys.containsKey(dir)) {
            return true;
        }
        if (service == null || limitReached || keys.size() >= maxWatches) {
            if (!limitReached && service != null) {
                LOG.info("watching {} directories, the most allowed here ({}={}); the others are looked at every {} s",
                        keys.size(), MAX_WATCHES_PROPERTY, maxWatches, LibraryWatch.POLL_MILLIS / 1000);
            }
            limitReached = true;
            polled.add(dir);
            return false;
        }
        try {
            WatchKey k = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
            keys.put(dir, k);
            dirs.put(k, dir);
            polled.remove(dir);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (ClosedWatchServiceException e) {
            return false;
        } catch (IOException e) {
            // Linux says "User limit of inotify watches reached" (ENOSPC); any other refusal is handled the same way.
            LOG.warn("cannot watch {} ({}): it and the directories not watched yet are looked at every {} s instead "
                    + "(on Linux, raise fs.inotify.max_user_watches to watch them all)", dir, e.getMessage(), LibraryWatch.POLL_MILLIS / 1000);
            limitReached = true;
            polled.add(dir);
            return false;
        }
    }

    /** Stops watching or polling {@code dir} and every directory under it. */
    void forgetTree(Path dir) {
        for (Path d : List.copyOf(keys.keySet())) {
            if (d.startsWith(dir)) {
                WatchKey k = keys.remove(d);
                dirs.remove(k);
                k.cancel();
            }
        }
        polled.removeIf(d -> d.startsWith(dir));
    }

    boolean knows(Path dir) {
        return keys.containsKey(dir) || polled.contains(dir);
    }

    /** Directories watched with notifications. */
    int watched() {
        return keys.size();
    }

    /** Directories polled by their modification time. */
    Set<Path> polled() {
        return polled;
    }

    /** Every directory watched or polled. */
    Set<Path> all() {
        Set<Path> out = new HashSet<>(keys.keySet());
        out.addAll(polled);
        return out;
    }

    /**
     * Waits at most {@code timeoutMillis} for notifications and returns them (empty on a timeout or once closed). A
     * directory whose watch ended (it was removed, its drive unmounted) is forgotten.
     */
    List<Raw> take(long timeoutMillis) throws InterruptedException {
        List<Raw> out = new ArrayList<>();
        if (service == null) {
            Thread.sleep(timeoutMillis);
            return out;
        }
        WatchKey key;
        try {
            key = service.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            while (key != null) {
                Path dir = dirs.get(key);
                for (WatchEvent<?> e : key.pollEvents()) {
                    if (dir == null) {
                        continue;
                    }
                    if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                        out.add(new Raw(dir, null, e.kind()));
                    } else {
                        out.add(new Raw(dir, dir.resolve((Path) e.context()), e.kind()));
                    }
                }
                if (!key.reset() && dir != null) {
                    dirs.remove(key);
                    keys.remove(dir);
                }
                key = service.poll(); // what else is ready, without waiting
            }
        } catch (ClosedWatchServiceException e) {
            return out;
        }
        return out;
    }

    @Override
    public void close() {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debug("closing the watch service: {}", e.toString());
            }
        }
    }
}
