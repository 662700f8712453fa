package kindred.library.scan;

import java.nio.file.Files;
import java.nio.file.Path;
import kindred.store.Database;
import kindred.store.SqliteLibraryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A real temporary SQLite library, a photo folder and a scanner, for the scanner's tests (nothing decoded). */
abstract class ScannerFixture {

    @TempDir
    Path tmp;

    Path photos;
    SqliteLibraryStore store;
    FolderScanner scanner;

    @BeforeEach
    void setUp() throws Exception {
        photos = Files.createDirectories(tmp.resolve("photos"));
        store = new SqliteLibraryStore(Database.open(tmp.resolve("library")));
        scanner = new FolderScanner(store, "det");
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    /** Writes a file under the photo folder (making its folders). */
    Path file(String rel, String content) throws Exception {
        Path p = photos.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }
}
