package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup, restore, forget in backups, the privacy log, export-data, and owner-only library files. */
class TrustCommandsTest {

    @TempDir
    Path tmp;

    private Path library;
    private CliHarness cli;
    private List<Long> anna;

    @BeforeEach
    void setUp() throws Exception {
        library = tmp.resolve("library");
        SyntheticLibrary lib = new SyntheticLibrary(library, 7);
        cli = new CliHarness(library);
        float[] a = lib.randomDirection();
        float[] b = lib.atCosine(a, 0.0);
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            v.add(lib.atCosine(a, 0.95));
        }
        for (int i = 0; i < 3; i++) {
            v.add(lib.atCosine(b, 0.95));
        }
        List<Long> ids = lib.addFaces("/synthetic", v);
        anna = ids.subList(0, 4);
        for (long id : anna) {
            ok("name", "--face", "" + id, "Anna");
        }
        ok("name", "--face", "" + ids.get(4), "Ben");
    }

    private JsonNode ok(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "--json";
        System.arraycopy(args, 0, full, 1, args.length);
        CliHarness.Result r = cli.run(full);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.json();
    }

    private static long count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }

    @Test
    void forgettingAPersonErasesThemFromOlderBackupsAndLogsItWithoutTheName() throws Exception {
        Path backup = Path.of(ok("backup").get("backup").asText());
        assertThat(count(backup, "SELECT count(*) FROM people WHERE name = 'Anna'")).isEqualTo(1);

        JsonNode forget = ok("forget", "--person", "anna");
        assertThat(forget.get("faces_erased").asInt()).isEqualTo(4);
        assertThat(forget.get("backups_scrubbed").asInt()).isEqualTo(1);

        assertThat(count(backup, "SELECT count(*) FROM people WHERE name = 'Anna'")).isZero();
        assertThat(count(backup, "SELECT count(*) FROM faces WHERE id IN (" + anna.get(0) + "," + anna.get(3) + ")")).isZero();
        assertThat(count(backup, "SELECT count(*) FROM people WHERE name = 'Ben'")).as("others kept").isEqualTo(1);
        assertThat(new String(Files.readAllBytes(backup), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Anna");

        JsonNode log = ok("log");
        assertThat(log.toString()).contains("forget").doesNotContainIgnoringCase("anna");
        assertThat(log.toString()).contains("1 older backup");
    }

    @Test
    void restoreReplacesTheLibraryWithAVerifiedBackupAndKeepsTheCurrentOne() throws Exception {
        Path backup = Path.of(ok("backup").get("backup").asText());
        ok("name", "--face", "" + anna.get(0), "Someone Else");
        JsonNode r = ok("restore", backup.toString());
        Path kept = Path.of(r.get("previous_kept_as").asText());
        assertThat(kept).exists();
        assertThat(count(kept, "SELECT count(*) FROM people WHERE name = 'Someone Else'")).isEqualTo(1);
        assertThat(ok("people").toString()).contains("Anna").doesNotContain("Someone Else");
        assertThat(count(library.resolve("library.db"), "SELECT count(*) FROM assignments WHERE state = 'confirmed'")).isEqualTo(5);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        assertThat(ok("log").toString()).contains("restore");
    }

    @Test
    void aDamagedBackupIsRefusedAndNothingChanges() throws Exception {
        Path bad = tmp.resolve("bad.db");
        Path good = Path.of(ok("backup").get("backup").asText());
        byte[] bytes = Files.readAllBytes(good);
        for (int i = 4096; i < bytes.length; i += 7) {
            bytes[i] ^= 0x5a; // every page after the first damaged
        }
        Files.write(bad, bytes);
        Path noise = Files.write(tmp.resolve("noise.db"), "not a database at all".getBytes());
        for (Path f : List.of(bad, noise, tmp.resolve("no-such.db"))) {
            CliHarness.Result r = cli.run("restore", f.toString());
            assertThat(r.exit()).as(f.toString()).isEqualTo(1);
            assertThat(r.err()).contains("nothing was changed").doesNotContain("Exception");
        }
        assertThat(ok("people").toString()).contains("Anna").contains("Ben");
    }

    @Test
    void exportDataWritesEveryTableAsJsonWithEmbeddingsOnlyOnRequest() throws Exception {
        ok("reject", "--face", "" + anna.get(3), "--person", "Ben");
        Path out = tmp.resolve("export/mine.json");
        JsonNode r = ok("export-data", "--out", out.toString());
        assertThat(r.get("rows").get("faces").asInt()).isEqualTo(7);
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        JsonNode tables = doc.get("tables");
        for (String t : List.of("folders", "photos", "people", "faces", "assignments", "rejections", "decisions", "settings", "privacy_log")) {
            assertThat(tables.has(t)).as(t).isTrue();
        }
        assertThat(tables.get("people").size()).isEqualTo(2);
        assertThat(tables.get("rejections").size()).isEqualTo(1);
        assertThat(tables.get("decisions").size()).isEqualTo(6);
        JsonNode face = tables.get("faces").get(0);
        assertThat(face.has("x")).isTrue();
        assertThat(face.has("embedding")).isFalse();
        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        ok("export-data", "--out", out.toString(), "--embeddings");
        JsonNode withVectors = new ObjectMapper().readTree(out.toFile()).get("tables").get("faces").get(0);
        assertThat(withVectors.get("embedding").size()).isEqualTo(SyntheticLibrary.DIM);
        assertThat(ok("log").toString()).contains("export");
    }

    @Test
    void everyLibraryFileIsReadableByTheOwnerOnly() throws Exception {
        ok("backup");
        ok("forget", "--person", "Ben");
        ok("backup");
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> all = Files.walk(library)) {
            all.forEach(p -> {
                try {
                    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    String want = Files.isDirectory(p) ? "rwx------" : "rw-------";
                    if (!perms.equals(want)) {
                        wrong.add(library.relativize(p) + " " + perms);
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(wrong).isEmpty();
    }
}
