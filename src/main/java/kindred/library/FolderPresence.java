package kindred.library;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a library folder is there now, or offline: its drive unplugged, its share not mounted, its parent renamed,
 * or no longer readable. An offline folder's photos are kept with their faces and names and still found by search;
 * they are never marked missing (only a photo gone from a folder that is there is missing), and nothing is indexed
 * again when the folder comes back (issue 18).
 *
 * <p>A folder is offline when its root does not exist, is not a directory, or cannot be listed (permissions, a share
 * that stopped answering). An unmounted drive or share may also leave its mount point behind as an empty directory (a
 * bind mount of the same file system even keeps the device number): an empty root is offline when the mount point the
 * folder was on ({@link FolderInfo#volume}, read from {@code /proc/self/mountinfo} on Linux) is no longer mounted, and,
 * where that is not known (other systems, a library from before), whenever the library holds photos in it. An empty
 * root whose mount point is still there was emptied: its photos are missing. Thread-safe; each call reads the disk.
 */
public final class FolderPresence {

    private FolderPresence() {
    }

    /** The Linux table of mounts, for the mount point a folder is on. */
    static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /**
     * @param knowsPhotos whether the library holds present photos in the folder
     * @param volume      the mount point the folder was on when last seen with photos, or null when not known
     */
    public static boolean isThere(Path root, boolean knowsPhotos, String volume) {
        return whyOffline(root, knowsPhotos, volume) == null;
    }

    /** Why the folder is offline, in words ("not found", "cannot be read", ...), or null when it is there. */
    public static String whyOffline(Path root, boolean knowsPhotos, String volume) {
        if (!Files.isDirectory(root)) {
            return Files.exists(root) ? "not a folder" : "not found";
        }
        boolean empty;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            empty = !entries.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
        if (!empty) {
            return null;
        }
        if (volume != null) {
            String now = mountPointOf(root);
            return now == null || now.equals(volume) ? null : "empty, and " + volume + " is not mounted";
        }
        return knowsPhotos ? "empty: its drive or share is not mounted" : null;
    }

    /**
     * The mount point {@code dir} is on: the longest mount point of {@code /proc/self/mountinfo} that holds its real
     * path; null where that table does not exist (not Linux) or cannot be read.
     */
    public static String mountPointOf(Path dir) {
        if (!Files.isReadable(MOUNTINFO)) {
            return null;
        }
        try {
            Path real = dir.toRealPath();
            String best = null;
            List<String> lines = Files.readAllLines(MOUNTINFO);
            for (String line : lines) {
                String[] f = line.split(" ");
                if (f.length < 5) {
                    continue;
                }
                String mp = unescape(f[4]);
                if (real.startsWith(Path.of(mp)) && (best == null || mp.length() > best.length())) {
                    best = mp;
                }
            }
            return best;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** mountinfo writes a space as \040, a tab \011, a newline \012, a backslash \134. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
