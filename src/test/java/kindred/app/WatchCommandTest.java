package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import kindred.library.DistinctJpegs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kindred watch} as a process of its own (issue 18): photos copied into a watched folder are indexed without
 * anything else; a folder that cannot be read is offline with its names; a second watcher is refused; a kill while
 * watching loses nothing and stores nothing twice. Waits are generous deadlines, never timings.
 */
@Tag("slow")
class WatchCommandTest {

    /** How long a test waits for what the watcher should do, in milliseconds: generous on a busy 2-core machine. */
    static final long DEADLINE_MILLIS = 300_000;

    @TempDir
    Path tmp;

    Path library;
    Path photos;
    CliHarness cli;
    Watcher watcher;

    /** A running {@code kindred --json watch}, its lines collected as they come. */
    static final class Watcher {
        final Process process;
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final Thread reader;

        Watcher(Process p) {
            this.process = p;
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    ObjectMapper m = new ObjectMapper();
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("{")) {
                            events.add(m.readTree(line));
                        }
                    }
                } catch (Exception e) {
                    // the process ended
                }
            }, "watch-output");
            reader.setDaemon(true);
            reader.start();
        }

        long count(String event) {
            return events.stream().filter(e -> event.equals(e.get("event").asText())).count();
        }

        long count(String event, Path path) {
            return events.stream().filter(e -> event.equals(e.get("event").asText()) && e.has("path")
                    && path.toString().equals(e.get("path").asText())).count();
        }

        void stop() throws Exception {
            // SIGTERM, as Ctrl+C or a service manager stops it (Process.destroy would also close its output before it
            // is read): the photos in progress are saved, and it says it stopped.
            process.toHandle().destroy();
            process.waitFor();
            reader.join(10_000);
        }
    }

    Watcher startWatch(List<String> prefix, String... jvm) throws Exception {
        Process p = ProcessRuns.kindred(library, prefix, List.of(jvm), "--json", "watch")
                .redirectError(ProcessBuilder.Redirect.appendTo(tmp.resolve("watch.err").toFile())).start();
        Watcher w = new Watcher(p);
        await("the watcher started", () -> w.count("watching") > 0 || !p.isAlive());
        assertThat(p.isAlive()).as("watching").isTrue();
        return w;
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("not within " + DEADLINE_MILLIS / 1000 + " s: " + what);
            }
            Thread.sleep(200);
        }
    }

    @BeforeEach
    void libraryWithOneNamedPhoto() throws Exception {
        library = tmp.resolve("library");
        photos = Files.createDirectories(tmp.resolve("drive/Family")).toRealPath();
        Files.copy(CliHarness.testPhotos().resolve("sample1.jpg"), photos.resolve("sample1.jpg"));
        cli = new CliHarness(library);
        assertThat(cli.run("scan", photos.toString()).exit()).isZero();
        JsonNode face = cli.run("--json", "faces").json().get(0);
        assertThat(cli.run("name", "--face", face.get("id").asText(), "Ada").exit()).isZero();
    }

    @AfterEach
    void stopWatching() throws Exception {
        if (watcher != null && watcher.process.isAlive()) {
            watcher.stop();
        }
    }

    private int indexed() throws Exception {
        return query("SELECT count(*) FROM photos WHERE status = 'indexed' AND missing = 0");
    }

    private String text(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.getString(1);
        }
    }

    private int query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.getInt(1);
        }
    }

    @Test
    void photosCopiedIntoAWatchedFolderAreIndexedWithoutAnythingElse() throws Exception {
        watcher = startWatch(List.of());
        Path card = Files.createDirectories(photos.resolve("Card"));
        for (int i = 2; i <= 6; i++) {
            Files.copy(CliHarness.testPhotos().resolve("sample" + i + ".jpg"), card.resolve("sample" + i + ".jpg"));
        }
        await("five photos indexed", () -> watcher.count("indexed") >= 5);
        await("and grouped", () -> watcher.count("grouped") >= 1);
        assertThat(indexed()).isEqualTo(6);
        for (int i = 2; i <= 6; i++) {
            assertThat(watcher.count("indexed", card.resolve("sample" + i + ".jpg"))).as("sample%d once", i).isEqualTo(1);
        }
        assertThat(query("SELECT count(*) FROM jobs")).isZero();
        watcher.stop();
        assertThat(watcher.count("stopped")).as("%s\n%s", watcher.events, Files.readString(tmp.resolve("watch.err"))).isEqualTo(1);
    }

    @Test
    void aSecondWatcherOfTheSameLibraryIsRefused() throws Exception {
        watcher = startWatch(List.of());
        CliHarness.Result second = cli.run("--json", "watch", "--for", "1");
        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.json().get("error").asText()).isEqualTo("library");
        assertThat(second.json().get("message").asText()).contains("watching this library already");
    }

    @Test
    void aFolderThatCannotBeReadIsOfflineWithItsNamesAndNothingIsIndexedWhenItCanAgain() throws Exception {
        List<String> ordinary = ProcessRuns.asOrdinaryUser();
        assumeTrue(ordinary != null, "skipped: permissions cannot be taken from this process (root without setpriv)");
        var mode = Files.getPosixFilePermissions(photos);
        watcher = startWatch(ordinary);
        try {
            Files.setPosixFilePermissions(photos, PosixFilePermissions.fromString("---------"));
            await("offline", () -> watcher.count("offline") >= 1);
            JsonNode folders = folders(ordinary);
            assertThat(folders.get(0).get("state").asText()).isEqualTo("offline");
            assertThat(folders.get(0).get("photos").asInt()).isEqualTo(1);
        } finally {
            Files.setPosixFilePermissions(photos, mode);
        }
        await("back", () -> watcher.count("online") >= 1);
        Thread.sleep(8_000); // what a watcher would index again shows within seconds
        assertThat(watcher.count("indexed")).isZero();
        assertThat(watcher.count("missing")).isZero();
        JsonNode search = cli.run("--json", "search", "--person", "Ada").json();
        assertThat(search.size()).isEqualTo(1);
        assertThat(folders(List.of()).get(0).get("state").asText()).isEqualTo("present");
    }

    private JsonNode folders(List<String> prefix) throws Exception {
        Process p = ProcessRuns.kindred(library, prefix, "--json", "folders").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return new ObjectMapper().readTree(out);
    }

    @Test
    void aKillWhileWatchingLosesNothingAndStoresNothingTwice() throws Exception {
        Path card = Files.createDirectories(photos.resolve("Card"));
        // The expected faces: the same files scanned by a library of their own.
        Path reference = Files.createDirectories(tmp.resolve("reference"));
        for (int round = 0; round < 2; round++) {
            for (int i = 1; i <= 6; i++) {
                DistinctJpegs.copy(CliHarness.testPhotos().resolve("sample" + i + ".jpg"), reference.resolve("r" + round + "-" + i + ".jpg"));
            }
        }
        CliHarness ref = new CliHarness(tmp.resolve("reference-library"));
        assertThat(ref.run("scan", reference.toString()).exit()).isZero();
        int expectedFaces = ref.run("--json", "status").json().get("faces").asInt() + 3; // and sample1's

        watcher = startWatch(List.of());
        try (var files = Files.list(reference)) {
            for (Path f : files.sorted().toList()) {
                Files.copy(f, card.resolve(f.getFileName()));
            }
        }
        await("a photo or two indexed", () -> watcher.count("indexed") >= 2 || !watcher.process.isAlive());
        watcher.process.destroyForcibly(); // SIGKILL: no shutdown hook, the photo in progress lost with the process
        watcher.process.waitFor();
        long before = watcher.count("indexed");

        watcher = startWatch(List.of());
        await("every photo indexed after the restart", () -> {
            try {
                return indexed() == 13 && query("SELECT count(*) FROM jobs") == 0;
            } catch (Exception e) {
                return false;
            }
        });
        watcher.stop();
        System.out.println("watch kill test: killed after " + before + " photos indexed; the restart indexed "
                + watcher.count("indexed"));
        assertThat(text("PRAGMA integrity_check")).isEqualTo("ok");
        assertThat(query("SELECT count(*) FROM photos")).as("each photo once").isEqualTo(13);
        assertThat(query("SELECT count(DISTINCT path) FROM photos")).isEqualTo(13);
        assertThat(query("SELECT count(*) FROM faces")).as("each face once").isEqualTo(expectedFaces);
        assertThat(cli.run("--json", "search", "--person", "Ada").json().size()).isEqualTo(1);
    }
}
