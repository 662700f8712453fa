package kindred.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Small renderings of the photos kept beside the library ({@code thumbnails/}), so that a photo whose drive or share
 * is not there (offline, {@link FolderPresence}) still shows in the grids, and its faces as crops of it. Written by the
 * window when it first shows a photo; read only when the photo itself cannot be. Each file holds the photo's size as
 * displayed (for cropping faces from it) and a JPEG whose long side is {@link #SIDE}. Owner-only like the rest of the
 * library; a removed folder's thumbnails go with it, a moved folder's follow it. Derived data: a missing or damaged
 * file costs a thumbnail, never a wrong result. Thread-safe.
 */
public final class ThumbnailCache {

    /**
     * Long side of the thumbnails kept, in pixels: the grid's default tile (180 px) is drawn from the 256 px size
     * bucket, so an offline photo looks as it did; ~10–20 KB a photo as JPEG.
     */
    public static final int SIDE = 256;

    private final Path dir;

    public ThumbnailCache(Path dir) {
        this.dir = dir;
    }

    /** A cached rendering: the photo's size as displayed, and the JPEG. */
    public record Cached(int displayWidth, int displayHeight, byte[] jpeg) {
    }

    private Path fileOf(String photoPath) {
        try {
            String key = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photoPath.getBytes(StandardCharsets.UTF_8)));
            return dir.resolve(key.substring(0, 2)).resolve(key + ".thumb");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a rendering of the photo is kept. */
    public boolean has(String photoPath) {
        return Files.isRegularFile(fileOf(photoPath));
    }

    /** The kept rendering of the photo, if any. */
    public Optional<Cached> read(String photoPath) {
        try {
            byte[] all = Files.readAllBytes(fileOf(photoPath));
            if (all.length < 8) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(all);
            int w = b.getInt();
            int h = b.getInt();
            byte[] jpeg = new byte[all.length - 8];
            b.get(jpeg);
            return Optional.of(new Cached(w, h, jpeg));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Keeps a rendering of the photo (written to a temporary file and moved into place, owner-only). */
    public void write(String photoPath, Cached c) throws IOException {
        Path f = fileOf(photoPath);
        ownerOnlyDir(dir);
        ownerOnlyDir(f.getParent());
        Path tmp = Files.createTempFile(f.getParent(), "thumb", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
            ByteBuffer b = ByteBuffer.allocate(8 + c.jpeg().length);
            b.putInt(c.displayWidth()).putInt(c.displayHeight()).put(c.jpeg());
            Files.write(tmp, b.array());
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void ownerOnlyDir(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            try {
                Files.createDirectories(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(d);
            }
        }
    }

    /** Drops the renderings of these photos (their folder was removed from the library). */
    public void forget(Collection<String> photoPaths) {
        for (String p : photoPaths) {
            try {
                Files.deleteIfExists(fileOf(p));
            } catch (IOException e) {
                // derived data: a file left behind costs disk space only
            }
        }
    }

    /** Moves the rendering of a photo that moved (its folder was pointed at a new place). */
    public void moved(String from, String to) {
        Path a = fileOf(from);
        if (!Files.isRegularFile(a)) {
            return;
        }
        try {
            Path b = fileOf(to);
            ownerOnlyDir(b.getParent());
            Files.move(a, b, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // derived data: it is made again when the photo is shown
        }
    }
}
