package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A killed scan resumes without loss or duplicates; a scan needs no network at all. */
@Tag("slow")
class CrashAndNetworkTest {

    @TempDir
    Path tmp;

    /** 18 photos: the six demo photos three times under different names. */
    private Path photos() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        for (int copy = 0; copy < 3; copy++) {
            for (int i = 1; i <= 6; i++) {
                Files.copy(CliHarness.testPhotos().resolve("sample" + i + ".jpg"), dir.resolve("copy" + copy + "-sample" + i + ".jpg"));
            }
        }
        return dir;
    }

    private static Set<String> faces(Path library) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.path, f.x, f.y, f.w, f.h FROM faces f JOIN photos p ON p.id = f.photo_id")) {
            while (rs.next()) {
                out.add(String.format(Locale.ROOT, "%s %.0f %.0f %.0f %.0f", Path.of(rs.getString(1)).getFileName(),
                        rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
            }
        }
        return out;
    }

    private static int indexedPhotos(Path library) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM photos WHERE status = 'indexed'")) {
            return rs.getInt(1);
        } catch (Exception notYet) {
            return 0;
        }
    }

    @Test
    void aScanKilledMidwayResumesToTheSameFacesWithNoneTwice() throws Exception {
        Path photos = photos();
        Path reference = tmp.resolve("reference");
        assertThat(new CliHarness(reference).run("scan", photos.toString()).exit()).isZero();
        Set<String> expected = faces(reference);
        assertThat(expected).isNotEmpty();

        int survived = 0;
        for (int killAfter : new int[] {1, 7}) {
            Path library = tmp.resolve("killed-" + killAfter);
            Process p = ProcessRuns.kindred(library, List.of(), "scan", photos.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (p.isAlive() && indexedPhotos(library) < killAfter && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            boolean killedMidway = p.isAlive();
            p.destroyForcibly(); // SIGKILL: no shutdown hook runs
            p.waitFor();
            assertThat(new CliHarness(library).run("scan", photos.toString()).exit()).isZero();
            Set<String> after = faces(library);
            assertThat(after).as("faces after a kill at %d photos", killAfter).isEqualTo(expected);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                 Statement s = c.createStatement()) {
                ResultSet rs = s.executeQuery("PRAGMA integrity_check");
                assertThat(rs.getString(1)).isEqualTo("ok");
                rs = s.executeQuery("SELECT count(*) FROM faces");
                assertThat(rs.getInt(1)).isEqualTo(expected.size());
                rs = s.executeQuery("SELECT count(*) FROM jobs");
                assertThat(rs.getInt(1)).isZero();
            }
            if (killedMidway) {
                survived++;
            }
        }
        System.out.println("crash test: " + survived + " kills during a scan survived");
        assertThat(survived).isPositive();
    }

    @Test
    void aScanWorksWithNoNetworkInterfaceAtAll() throws Exception {
        assumeTrue(ProcessRuns.canUnshareNetwork(), "skipped: `unshare -n` is not permitted here, so a network-less process cannot be made");
        Path library = tmp.resolve("offline");
        Process p = ProcessRuns.kindred(library, List.of("unshare", "-n", "--"), "--json", "scan", CliHarness.testPhotos().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        JsonNode j = new ObjectMapper().readTree(out);
        assertThat(j.get("faces_found").asInt()).isBetween(21, 23);
    }
}
