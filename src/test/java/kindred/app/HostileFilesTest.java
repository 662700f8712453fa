package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kindred.library.IndexProgress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken files, generated here: each is reported with a reason (or indexed when it is in fact a valid
 * photo), the scan goes on and exits 0, memory stays bounded (the scan runs in a JVM of 256 MB), and the good photos
 * beside them are indexed. Also: a folder that vanishes and a file replaced mid-scan, a read-only library, a full disk.
 */
@Tag("slow")
class HostileFilesTest {

    @TempDir
    Path tmp;

    private static JsonNode json(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return new ObjectMapper().readTree(out);
    }

    @Test
    void everyHostileKindIsReportedWithAReasonAndTheGoodPhotosAreIndexed() throws Exception {
        List<String> asUser = ProcessRuns.asOrdinaryUser();
        if (asUser == null) {
            System.out.println("hostile files: permission kinds skipped: cannot drop root's permission override (setpriv) here");
        }
        HostileFiles h = new HostileFiles(tmp.resolve("photos")).create(asUser != null);
        try {
            Path library = tmp.resolve("library");
            Path err = tmp.resolve("scan.err");
            Process p = ProcessRuns.kindred(library, asUser == null ? List.of() : asUser, List.of("-Xmx256m"),
                    "--json", "scan", h.dir.toString()).redirectError(err.toFile()).start();
            JsonNode scan = json(p);
            String stderr = Files.readString(err);
            assertThat(stderr).doesNotContain("OutOfMemoryError");

            long failedExpected = h.files.values().stream().filter(e -> e.outcome().equals("failed")).count();
            long photosExpected = h.files.values().stream().filter(e -> !e.outcome().equals("ignored")).count();
            assertThat(scan.get("photos_seen").asInt()).isEqualTo((int) photosExpected);
            assertThat(scan.get("photos_failed").asInt()).isEqualTo((int) failedExpected);
            String warnings = scan.get("warnings").toString();
            assertThat(warnings).contains("loop");
            if (asUser != null) {
                assertThat(warnings).contains("locked-folder");
            }

            CliHarness cli = new CliHarness(library);
            Map<String, String[]> failures = new HashMap<>();
            cli.run("--json", "status").json().get("failures").forEach(f -> failures.put(
                    h.dir.relativize(Path.of(f.get("photo").asText())).toString(),
                    new String[] {f.get("reason").asText(), f.get("message").asText()}));
            Map<String, Integer> faces = new HashMap<>();
            cli.run("--json", "faces").json().forEach(f -> faces.merge(h.dir.relativize(Path.of(f.get("photo").asText())).toString(), 1, Integer::sum));

            System.out.println("hostile files: " + h.files.size() + " kinds");
            for (var e : h.files.entrySet()) {
                String name = e.getKey();
                HostileFiles.Expect x = e.getValue();
                String[] f = failures.get(name);
                String got = f != null ? "failed: " + f[0] + " — " + f[1] : "indexed, " + faces.getOrDefault(name, 0) + " face(s)";
                System.out.printf("  %-58s %s%n", x.kind(), x.outcome().equals("ignored") ? "not a photo / skipped" : got);
                switch (x.outcome()) {
                    case "failed" -> {
                        assertThat(f).as(name + " should fail").isNotNull();
                        assertThat(x.reasons()).as(name).contains(f[0]);
                        assertThat(f[1]).as(name).isNotBlank().doesNotContain("Exception");
                        assertThat(f[1]).as(name + ": the message says what to do").contains(x.advice());
                    }
                    case "indexed" -> {
                        assertThat(f).as(name + ": " + (f == null ? "" : f[0] + " " + f[1])).isNull();
                        assertThat(faces.getOrDefault(name, 0)).as(name).isGreaterThanOrEqualTo(x.minFaces());
                    }
                    default -> assertThat(f).as(name).isNull();
                }
            }

            // A second scan changes nothing: no duplicates, the same failures.
            Process again = ProcessRuns.kindred(library, asUser == null ? List.of() : asUser, List.of("-Xmx256m"),
                    "--json", "scan", h.dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            JsonNode second = json(again);
            assertThat(second.get("photos_indexed").asInt()).isZero();
            int total = faces.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(cli.run("--json", "status").json().get("faces").asInt()).isEqualTo(total);
        } finally {
            h.cleanup();
        }
    }

    @Test
    void aFolderThatVanishesAndAFileReplacedMidScanAreReportedAndNothingElseIsLost() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path doomed = Files.createDirectories(photos.resolve("doomed"));
        Files.write(photos.resolve("stays.jpg"), HostileFiles.photo(1));
        Files.write(doomed.resolve("gone.jpg"), HostileFiles.photo(2));
        Path replaced = photos.resolve("replaced.jpg");
        Files.write(replaced, HostileFiles.photo(3));
        Path broken = photos.resolve("broken-later.jpg");
        Files.write(broken, HostileFiles.photo(4));
        try (Services s = new Services(tmp.resolve("library"), 1)) {
            s.scanner().scan(List.of(photos));
            // Between listing and decoding: the folder disappears, one photo is replaced by another, one is cut short.
            Files.delete(doomed.resolve("gone.jpg"));
            Files.delete(doomed);
            Files.write(replaced, HostileFiles.photo(1));
            byte[] b = HostileFiles.photo(4);
            Files.write(broken, java.util.Arrays.copyOf(b, b.length / 4));
            IndexProgress done = s.indexing().start(x -> { }).await();
            assertThat(done.photosDone()).isEqualTo(4);
            Map<String, String> reasons = new HashMap<>();
            s.store().failedPhotos().forEach(f -> reasons.put(Path.of(f.path()).getFileName().toString(), f.reason()));
            assertThat(reasons).containsEntry("gone.jpg", "vanished").containsEntry("broken-later.jpg", "truncated").hasSize(2);
            Map<String, Long> faces = new HashMap<>();
            s.store().faces(kindred.library.FaceQuery.all()).forEach(f -> faces.merge(Path.of(f.photoPath()).getFileName().toString(), 1L, Long::sum));
            assertThat(faces).containsEntry("stays.jpg", 3L).containsEntry("replaced.jpg", 3L); // what was read: sample 1
        }
        // The next scan sees the replaced and damaged files as changed, and marks the vanished photo missing.
        Files.write(broken, HostileFiles.photo(4));
        JsonNode again = new CliHarness(tmp.resolve("library")).run("--json", "scan", photos.toString()).json();
        assertThat(again.get("photos_missing").asInt()).isEqualTo(1);
        assertThat(again.get("photos_failed").asInt()).isZero();
    }

    @Test
    void aReadOnlyLibraryIsAClearErrorAndNothingIsLost() throws Exception {
        List<String> asUser = ProcessRuns.asOrdinaryUser();
        assumeTrue(asUser != null, "skipped: cannot drop root's permission override (setpriv) here, so read-only means nothing");
        Path library = tmp.resolve("library");
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.write(photos.resolve("a.jpg"), HostileFiles.photo(1));
        assertThat(new CliHarness(library).run("scan", photos.toString()).exit()).isZero();
        Files.write(photos.resolve("b.jpg"), HostileFiles.photo(2));
        Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("r-x------"));
        try {
            Process p = ProcessRuns.kindred(library, asUser, "scan", photos.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isEqualTo(1);
            assertThat(out).contains("--library").containsAnyOf("writable", "read-only").doesNotContain("\tat ");
            System.out.println("read-only library: " + out.strip());
        } finally {
            Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwx------"));
        }
        JsonNode scan = new CliHarness(library).run("--json", "scan", photos.toString()).json();
        assertThat(scan.get("photos_indexed").asInt()).isEqualTo(1);
        assertIntact(library);
    }

    @Test
    void aFullDiskStopsTheScanWithAClearMessageAndTheNextRunResumes() throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("small-disk"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString()).redirectErrorStream(true).start();
        String why = new String(m.getInputStream().readAllBytes()).strip();
        assumeTrue(m.waitFor() == 0, "skipped: cannot mount a small tmpfs here (" + why + ")");
        try {
            Path library = mount.resolve("library");
            Path photos = Files.createDirectories(tmp.resolve("photos"));
            for (int copy = 0; copy < 4; copy++) {
                for (int i = 1; i <= 6; i++) {
                    Files.write(photos.resolve("c" + copy + "-s" + i + ".jpg"), HostileFiles.photo(i));
                }
            }
            // A first scan installs the models into the library and creates the file; then the disk is filled but
            // for ~100 KB, which the faces of 24 photos outgrow mid-scan.
            Path first = Files.createDirectories(tmp.resolve("first"));
            Files.write(first.resolve("first.jpg"), HostileFiles.photo(1));
            assertThat(new CliHarness(library).run("scan", first.toString()).exit()).isZero();
            Path filler = mount.resolve("filler");
            long free = Files.getFileStore(mount).getUsableSpace();
            Files.write(filler, new byte[(int) (free - 100 * 1024)]);
            CliHarness.Result r = new CliHarness(library).run("--json", "scan", photos.toString());
            System.out.println("full disk: exit " + r.exit() + ": " + r.out().strip() + r.err().strip());
            assertThat(r.exit()).isEqualTo(1);
            // With --json the error is the JSON object on stdout (issue 19); its message says the disk is full.
            assertThat(r.json().get("message").asText()).contains("full");
            assertThat(r.out() + r.err()).doesNotContain("\tat ");
            Files.delete(filler);
            JsonNode again = new CliHarness(library).run("--json", "scan", photos.toString()).json();
            assertThat(again.get("pending_jobs").asInt()).isZero();
            assertIntact(library);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db")); Statement s = c.createStatement()) {
                // 25 files: first.jpg and the 20 c*-s2..s6.jpg are photos (identical files in one folder stay photos of
                // their own); the 4 c*-s1.jpg, identical to first.jpg of another library folder, are copies of it
                // (issue 18): each file once, nothing twice.
                ResultSet rs = s.executeQuery("SELECT count(*) FROM photos WHERE status = 'indexed'");
                assertThat(rs.getInt(1)).isEqualTo(21);
                rs = s.executeQuery("SELECT count(*) FROM photo_files WHERE kind = 'copy'");
                assertThat(rs.getInt(1)).isEqualTo(4);
            }
        } finally {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
        }
    }

    static void assertIntact(Path library) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db")); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("PRAGMA integrity_check");
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
    }
}
