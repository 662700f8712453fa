package kindred.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V005 (twins) on a library made by the previous Kindred. */
class TwinsMigrationTest {

    @TempDir
    Path tmp;

    @Test
    void aLibraryAtSchemaVersionFourOpensAndGainsTheTwinTableWithItsPhotosKept() {
        Path dir = tmp.resolve("library");
        try (SqliteLibraryStore store = new SqliteLibraryStore(Database.open(dir))) {
            long folder = store.addFolder("/photos");
            store.addPhoto(folder, "/photos/IMG_0001.JPG", 1, 1, "h", 1);
            // Back to what version 4 left: no twin table (nor V007's directory times and volumes).
            store.database().write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE photo_files");
                    s.execute("DROP TABLE folder_dirs"); // and what V007 added
                    s.execute("ALTER TABLE folders DROP COLUMN volume");
                    s.execute("PRAGMA user_version = 4");
                }
                return null;
            });
        }
        try (SqliteLibraryStore store = new SqliteLibraryStore(Database.open(dir))) {
            int version = store.database().read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    return rs.getInt(1);
                }
            });
            assertThat(version).isEqualTo(Database.SCHEMA_VERSION); // later migrations (V006 undo history, ...) came after the twins
            long photo = store.photoByPath("/photos/IMG_0001.JPG").orElseThrow().id();
            store.addTwin(photo, "/photos/IMG_0001.CR2", 2, 2, 2);
            assertThat(store.twinsOf(photo)).containsExactly("/photos/IMG_0001.CR2");
        }
    }
}
