package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kindred folders move` killed (SIGKILL) at random moments, again and again: every time the library holds the folder at
 * its old place or at its new one, never half of it, with every photo once and every name kept (issue 18).
 */
@Tag("slow")
class FolderMoveKillTest {

    /** Photo rows added beside the six real photos, so that a move takes long enough to be killed in it. */
    static final int EXTRA_ROWS = 40_000;

    @TempDir
    Path tmp;

    @Test
    void aMoveKilledAtAnyMomentLeavesTheFolderWholeAtOnePlaceWithEveryName() throws Exception {
        Path library = tmp.resolve("library");
        Path a = Files.createDirectories(tmp.resolve("drive-a/Family")).toRealPath();
        Path b = tmp.resolve("drive-b/Family");
        Files.createDirectories(b.getParent());
        for (int i = 1; i <= 6; i++) {
            Files.copy(CliHarness.testPhotos().resolve("sample" + i + ".jpg"), a.resolve("sample" + i + ".jpg"));
        }
        CliHarness cli = new CliHarness(library);
        assertThat(cli.run("scan", a.toString()).exit()).isZero();
        int n = 0;
        for (JsonNode f : cli.run("--json", "faces").json()) {
            if (n++ % 3 == 0) {
                assertThat(cli.run("name", "--face", f.get("id").asText(), "Person " + n % 4).exit()).isZero();
            }
        }
        addRows(library, a);
        TreeMap<Long, String> names = names(library);
        int photos = count(library, "SELECT count(*) FROM photos");
        int faces = count(library, "SELECT count(*) FROM faces");
        assertThat(names).isNotEmpty();

        // How long a whole `folders move` process takes here (there and back), so that the kills spread over the start,
        // the move's transaction and the end.
        long full = 0;
        for (Path[] way : new Path[][] {{a, b}, {b, a}}) {
            Files.move(way[0], way[1]);
            long t0 = System.nanoTime();
            Process p = ProcessRuns.kindred(library, List.of(), "folders", "move", way[0].toString(), way[1].toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor()).isZero();
            full += (System.nanoTime() - t0) / 2_000_000;
        }
        assertThat(names(library)).isEqualTo(names);
        Random random = new Random(Long.getLong("kindred.killSeed", System.nanoTime()));
        int landed = 0;
        int committed = 0;
        for (int round = 0; round < 8; round++) {
            Path from = placeInLibrary(library, a, b);
            Path to = from.equals(a) ? b : a;
            if (!Files.exists(to)) {
                Files.move(from, to); // the drive's new place, where the photos are now
            }
            Process p = ProcessRuns.kindred(library, List.of(), "folders", "move", from.toString(), to.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(full * 4 / 10 + random.nextInt((int) Math.max(1, full * 8 / 10))); // 40–120 % of a whole move
            landed += p.isAlive() ? 1 : 0;
            p.destroyForcibly();
            p.waitFor();
            Path now = placeInLibrary(library, a, b);
            committed += now.equals(to) ? 1 : 0;
            if (!now.equals(to)) {
                Files.move(to, from); // not moved in the library: the photos go back where it says they are
            }
            assertThat(count(library, "SELECT count(*) FROM photos")).as("each photo once").isEqualTo(photos);
            assertThat(count(library, "SELECT count(*) FROM faces")).as("each face once").isEqualTo(faces);
            assertThat(names(library)).as("every name").isEqualTo(names);
            assertThat(text(library, "PRAGMA integrity_check")).isEqualTo("ok");
        }
        System.out.println("folder move kill test: a whole move took " + full + " ms; " + landed + " of 8 kills landed while the "
                + "command ran, " + committed + " moves had committed");
        // The library still works: a last move to the other place completes and keeps every name.
        Path from = placeInLibrary(library, a, b);
        Path to = from.equals(a) ? b : a;
        Files.move(from, to);
        assertThat(cli.run("folders", "move", from.toString(), to.toString()).exit()).isZero();
        assertThat(names(library)).isEqualTo(names);
    }

    /** Where the library has the folder: every photo path and the folder row under exactly one of the places. */
    private static Path placeInLibrary(Path library, Path a, Path b) throws Exception {
        int underA = count(library, "SELECT count(*) FROM photos WHERE path LIKE '" + a + "/%'");
        int underB = count(library, "SELECT count(*) FROM photos WHERE path LIKE '" + b + "/%'");
        int all = count(library, "SELECT count(*) FROM photos");
        assertThat(underA == all || underB == all).as("the folder whole at one place: %d at %s, %d at %s", underA, a, underB, b).isTrue();
        Path place = underA == all ? a : b;
        assertThat(text(library, "SELECT group_concat(path) FROM folders")).isEqualTo(place.toString());
        return place;
    }

    private static void addRows(Path library, Path folder) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"))) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO photos(folder_id, path, size, mtime, status, first_seen_at, last_seen_at)
                    VALUES ((SELECT id FROM folders), ?, 1000, 1, 'indexed', 1, 1)""")) {
                for (int i = 0; i < EXTRA_ROWS; i++) {
                    ps.setString(1, folder.resolve(String.format("old/IMG_%05d.jpg", i)).toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private static TreeMap<Long, String> names(Path library) throws Exception {
        TreeMap<Long, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.face_id, p.name || ' ' || a.state FROM assignments a JOIN people p ON p.id = a.person_id")) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    private static int count(Path library, String sql) throws Exception {
        return Integer.parseInt(text(library, sql));
    }

    private static String text(Path library, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.getString(1);
        }
    }
}
