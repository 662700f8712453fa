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
            if (killDuringScanThenRescan(photos, library, killAfter, 0)) {
                survived++;
            }
            assertThat(faces(library)).as("faces after a kill at %d photos", killAfter).isEqualTo(expected);
            assertWhole(library, expected.size(), -1);
        }
        System.out.println("crash test: " + survived + " kills during a scan survived");
        assertThat(survived).isPositive();
    }

    /**
     * 40 HEICs with different bytes: the six demo photos encoded once by heif-enc at two qualities, each copy given a
     * distinct trailing {@code free} box (ignored by readers; a different file and content hash).
     */
    private Path heics() throws Exception {
        boolean present = HostileFiles.installed("heif-enc");
        if (!present) {
            System.out.println("skipped: heif-enc is not installed (Debian: libheif-examples; .ci/run installs it)");
        }
        assumeTrue(present, "heif-enc is not installed");
        Path dir = Files.createDirectories(tmp.resolve("heics"));
        Path work = Files.createDirectories(tmp.resolve("heic-work"));
        List<byte[]> encoded = new java.util.ArrayList<>();
        for (int quality : new int[] {60, 85}) {
            for (int i = 1; i <= 6; i++) {
                encoded.add(HostileFiles.heic(work, i, quality));
            }
        }
        for (int n = 0; n < 40; n++) {
            byte[] heic = encoded.get(n % encoded.size());
            java.nio.ByteBuffer free = java.nio.ByteBuffer.allocate(16).putInt(16)
                    .put("free".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putLong(n);
            byte[] out = java.util.Arrays.copyOf(heic, heic.length + 16);
            System.arraycopy(free.array(), 0, out, heic.length, 16);
            Files.write(dir.resolve(String.format(Locale.ROOT, "IMG_%04d.HEIC", n)), out);
        }
        return dir;
    }

    @Test
    void aScanKilledWhileDecodingHeicsResumesWithEveryPhotoIndexedOnce() throws Exception {
        Path photos = heics();
        Path reference = tmp.resolve("heic-reference");
        assertThat(new CliHarness(reference).run("scan", photos.toString()).exit()).isZero();
        Set<String> expected = faces(reference);
        assertThat(expected).isNotEmpty();
        assertThat(indexedPhotos(reference)).isEqualTo(40);

        java.util.Random jitter = new java.util.Random(15);
        int survived = 0;
        for (int killAfter : new int[] {1, 12, 27}) {
            Path library = tmp.resolve("heic-killed-" + killAfter);
            // A few tens of milliseconds after the count: the workers are inside the next photos' decoding (a
            // 1920-pixel HEIC takes about as long to decode as to search for faces).
            if (killDuringScanThenRescan(photos, library, killAfter, jitter.nextInt(60))) {
                survived++;
            }
            assertThat(faces(library)).as("faces after a kill at %d photos", killAfter).isEqualTo(expected);
            assertThat(indexedPhotos(library)).as("every HEIC indexed").isEqualTo(40);
            assertWhole(library, expected.size(), 40);
        }
        System.out.println("crash test: " + survived + " kills while decoding HEICs survived");
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

    /**
     * Starts {@code kindred scan} in its own process, kills it (SIGKILL: no shutdown hook runs) once
     * {@code killAfter} photos are indexed and {@code extraMillis} more have passed, then scans again in-process.
     *
     * @return whether the kill landed while the scan was still running
     */
    private boolean killDuringScanThenRescan(Path photos, Path library, int killAfter, int extraMillis) throws Exception {
        Process p = ProcessRuns.kindred(library, List.of(), "scan", photos.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (p.isAlive() && indexedPhotos(library) < killAfter && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(extraMillis);
        boolean killedMidway = p.isAlive();
        p.destroyForcibly();
        p.waitFor();
        assertThat(new CliHarness(library).run("scan", photos.toString()).exit()).isZero();
        return killedMidway;
    }

    /** The library file is sound, holds each face once and no job; {@code photos} photo rows, each path once (-1: not checked). */
    private static void assertWhole(Path library, int faces, int photos) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("PRAGMA integrity_check");
            assertThat(rs.getString(1)).isEqualTo("ok");
            if (photos >= 0) {
                rs = s.executeQuery("SELECT count(*), count(DISTINCT path) FROM photos");
                assertThat(rs.getInt(1)).as("photo rows").isEqualTo(photos);
                assertThat(rs.getInt(2)).isEqualTo(photos);
            }
            rs = s.executeQuery("SELECT count(*) FROM faces");
            assertThat(rs.getInt(1)).as("no face twice").isEqualTo(faces);
            rs = s.executeQuery("SELECT count(*) FROM jobs");
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
