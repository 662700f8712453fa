package kindred.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.function.Consumer;

/**
 * Replaces a file's content so that a crash at any moment leaves either the old file or the new one, never a
 * mix: the content goes to a temporary file in the same folder, is flushed to the disk (fsync), then renamed over
 * the target in one atomic step, and the folder is flushed so the rename itself survives a power cut.
 * Thread-safe for different targets.
 */
final class AtomicFiles {

    /** Suffix of the temporary files; a crash may leave one behind, the next write of the same target removes it. */
    static final String TEMP_SUFFIX = ".kindred-tmp";

    private final Consumer<Path> beforeRename;

    /** @param beforeRename runs between the flushed temporary file and the rename (tests inject crashes here) */
    AtomicFiles(Consumer<Path> beforeRename) {
        this.beforeRename = beforeRename;
    }

    void write(Path target, byte[] content) throws IOException {
        write(target, content, target);
    }

    /**
     * @param like a new file takes this file's permissions (and its owner and group when Kindred runs as root, as in
     *             CI or on a NAS): a sidecar next to a photo is readable by whoever reads the photo. A file that exists
     *             keeps its own.
     */
    void write(Path target, byte[] content, Path like) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        removeStaleTemps(dir, target.getFileName().toString());
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            copyPermissions(Files.exists(target) ? target : like, tmp);
            beforeRename.accept(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    private static void copyPermissions(Path from, Path to) {
        if (!Files.exists(from)) {
            return;
        }
        PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (src != null && dst != null) {
            try {
                PosixFileAttributes a = src.readAttributes();
                dst.setPermissions(a.permissions());
                if (runningAsRoot(to) && !a.owner().equals(dst.getOwner())) {
                    // Root may give the file away; an ordinary user's file stays theirs.
                    dst.setOwner(a.owner());
                    dst.setGroup(a.group());
                }
            } catch (IOException e) {
                // Keep the temporary file's own (owner-only) permissions: safe, and the content is what matters.
            }
        }
    }

    /** Whether this process runs as root: the file it just created belongs to uid 0. */
    private static boolean runningAsRoot(Path created) {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(created, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform lets a folder be opened (Windows); the rename is still atomic there.
        }
    }

    private static void removeStaleTemps(Path dir, String name) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "." + globEscape(name) + ".*" + TEMP_SUFFIX)) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // A leftover temporary file is harmless; it is removed next time.
        }
    }

    private static String globEscape(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
