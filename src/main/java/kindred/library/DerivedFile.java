package kindred.library;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.LoggerFactory;

/**
 * Files of data derived from the library and kept beside it to save work in the next process (the neighbour graph,
 * the suggestion state): owner-only like every library file (docs/decisions/0006-trust.md), written to a temporary
 * file and moved into place, so a reader sees the old file or the new one, never half of one. A failure is logged
 * and only costs the next process the work the file would have saved.
 */
final class DerivedFile {

    /** Writes the content; returns false when there is nothing to keep (the file is then removed). */
    interface Content {
        boolean writeTo(OutputStream out) throws IOException;
    }

    private DerivedFile() {
    }

    static void write(Path file, Content content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            boolean written;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                written = content.writeTo(out);
            }
            if (written) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(DerivedFile.class).warn("{} not saved: {}", file.getFileName(), e.toString());
        }
    }
}
