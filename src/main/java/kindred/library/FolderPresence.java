package kindred.library;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a library folder is there now, or offline: its drive unplugged, its share not mounted, its parent renamed,
 * or no longer readable. An offline folder's photos are kept with their faces and names and still found by search;
 * they are never marked missing (only a photo gone from a folder that is there is missing), and nothing is indexed
 * again when the folder comes back (issue 18).
 *
 * <p>A folder is offline when its root does not exist, is not a directory, or cannot be listed (permissions, a share
 * that stopped answering), and also when its root is an empty directory while the library knows photos in it: an
 * unmounted drive or share leaves its mount point behind as an empty directory (a bind mount of the same file system
 * even keeps the device number, so nothing else tells them apart). A folder emptied on purpose therefore shows as
 * offline too; `kindred folders remove` drops it. Thread-safe; each call reads the disk.
 */
public final class FolderPresence {

    private FolderPresence() {
    }

    /**
     * @param knowsPhotos whether the library holds present photos in the folder (an empty root is then a mount point
     *                    whose drive is not there)
     */
    public static boolean isThere(Path root, boolean knowsPhotos) {
        return whyOffline(root, knowsPhotos) == null;
    }

    /** Why the folder is offline, in words ("not found", "cannot be read", "empty: drive or share not mounted?"), or null when it is there. */
    public static String whyOffline(Path root, boolean knowsPhotos) {
        if (!Files.isDirectory(root)) {
            return Files.exists(root) ? "not a folder" : "not found";
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            if (knowsPhotos && !entries.iterator().hasNext()) {
                return "empty: its drive or share is not mounted";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
    }
}
