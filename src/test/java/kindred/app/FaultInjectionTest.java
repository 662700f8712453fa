package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import kindred.model.FaceBox;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: a real Kindred process is killed with SIGKILL at random points of a scan, a re-cluster, a bulk
 * naming of a big cluster and an XMP export. After every kill: {@code PRAGMA integrity_check} is ok, every confirmed
 * name is still there, no face exists twice (two faces of one photo from the same source overlapping by IoU ≥ 0.5),
 * the bulk naming is all or nothing, no XMP file is half written; and the next run finishes the unfinished work.
 * Seeded: {@code -Dkindred.faultSeed=N} replays a run; the seed is printed.
 */
@Tag("slow")
class FaultInjectionTest {

    /** Kills per operation (at least 20 in all must hit a running process). */
    private static final int KILLS_PER_OPERATION = 6;

    /** Attempts per operation at most: a process that finished before its kill is not counted. */
    private static final int MAX_ATTEMPTS = 12;

    private static final List<String> NAMES = List.of("Alice", "Bob", "Dan", "Eve");

    @TempDir
    Path tmp;

    private Random random;
    private final List<String> report = new ArrayList<>();
    private int survived;

    @Test
    void killedAtRandomPointsTheLibraryStaysSoundAndTheWorkResumes() throws Exception {
        long seed = Long.getLong("kindred.faultSeed", System.nanoTime());
        System.out.println("fault injection: seed " + seed + " (replay with -Dkindred.faultSeed=" + seed + ")");
        random = new Random(seed);
        long start = System.nanoTime();

        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 1; i <= 6; i++) {
                Files.copy(CliHarness.testPhotos().resolve("sample" + i + ".jpg"), photos.resolve("copy" + copy + "-sample" + i + ".jpg"));
            }
        }
        // The reference: an uninterrupted scan, two people named.
        Path real = tmp.resolve("base-real");
        CliHarness cli = new CliHarness(real);
        assertThat(cli.run("scan", photos.toString()).exit()).isZero();
        Set<String> referenceFaces = faceBoxes(real);
        JsonNode clusters = cli.run("--json", "people").json();
        List<Long> clusterIds = new ArrayList<>();
        clusters.forEach(c -> clusterIds.add(c.get("id").asLong()));
        for (int i = 0; i < NAMES.size() && i < clusterIds.size(); i++) {
            assertThat(cli.run("name", "--cluster", "" + clusterIds.get(i), NAMES.get(i)).exit()).isZero();
        }

        // A bigger library for re-clustering and bulk naming: 1,200 more faces of 6 people (synthetic embeddings).
        Path big = tmp.resolve("base-big");
        copyLibrary(real, big);
        addSyntheticPeople(big, 6, 200);
        assertThat(new CliHarness(big).run("recluster").exit()).isZero();
        long bigCluster = new CliHarness(big).run("--json", "people").json().findValues("kind").isEmpty() ? -1 : biggestCluster(big);

        killScans(photos, referenceFaces);
        killReclusters(big);
        killBulkNaming(big, bigCluster);
        killXmpExports(real, photos);

        report.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "fault injection: %d kills survived (seed %d) in %.0f s%n", survived, seed,
                (System.nanoTime() - start) / 1e9);
        assertThat(survived).isGreaterThanOrEqualTo(20);
    }

    // ------------------------------------------------------------------ operations

    private void killScans(Path photos, Set<String> referenceFaces) throws Exception {
        int n = photos.toFile().list().length;
        for (int k = 0; k < KILLS_PER_OPERATION; k++) {
            Path lib = tmp.resolve("scan-" + k);
            int after = random.nextInt(n - 1);
            long jitter = random.nextInt(400);
            Process p = ProcessRuns.kindred(lib, List.of(), "scan", photos.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (p.isAlive() && indexedPhotos(lib) < after && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(jitter);
            boolean killed = kill(p);
            int indexedAtKill = indexedPhotos(lib);
            if (Files.exists(lib.resolve("library.db"))) {
                checkInvariants(lib, Set.of());
            }
            assertThat(new CliHarness(lib).run("scan", photos.toString()).exit()).isZero();
            assertThat(faceBoxes(lib)).as("faces after a scan killed at %d photos", indexedAtKill).isEqualTo(referenceFaces);
            assertThat(count(lib, "SELECT count(*) FROM jobs")).isZero();
            checkInvariants(lib, Set.of());
            record("scan", killed, "after " + indexedAtKill + " of " + n + " photos indexed");
        }
    }

    private void killReclusters(Path base) throws Exception {
        Set<String> names = confirmedNames(base);
        long duration = timeUninterrupted(base, "recluster");
        int kills = 0;
        for (int k = 0; kills < KILLS_PER_OPERATION && k < MAX_ATTEMPTS; k++) {
            Path lib = tmp.resolve("recluster-" + k);
            copyLibrary(base, lib);
            long delay = (long) (duration * (0.3 + 0.6 * random.nextDouble()));
            boolean killed = runAndKill(lib, delay, "recluster");
            kills += killed ? 1 : 0;
            checkInvariants(lib, names);
            assertThat(new CliHarness(lib).run("recluster").exit()).isZero();
            checkInvariants(lib, names);
            assertThat(count(lib, "SELECT count(*) FROM clusters WHERE id NOT IN (SELECT cluster_id FROM faces WHERE cluster_id IS NOT NULL)"))
                    .as("no empty cluster left after the resumed re-cluster").isZero();
            record("recluster", killed, "at " + delay + " ms of ~" + duration + " ms");
        }
    }

    private void killBulkNaming(Path base, long cluster) throws Exception {
        Set<String> names = confirmedNames(base);
        long size = count(base, "SELECT count(*) FROM faces f LEFT JOIN assignments a ON a.face_id = f.id WHERE f.cluster_id = "
                + cluster + " AND (a.face_id IS NULL OR a.state = 'unconfirmed')");
        long duration = timeUninterrupted(base, "name", "--cluster", "" + cluster, "Carol");
        int kills = 0;
        for (int k = 0; kills < KILLS_PER_OPERATION && k < MAX_ATTEMPTS; k++) {
            Path lib = tmp.resolve("name-" + k);
            copyLibrary(base, lib);
            long delay = (long) (duration * (0.3 + 0.6 * random.nextDouble()));
            boolean killed = runAndKill(lib, delay, "name", "--cluster", "" + cluster, "Carol");
            kills += killed ? 1 : 0;
            checkInvariants(lib, names);
            long named = count(lib, "SELECT count(*) FROM assignments a JOIN people p ON p.id = a.person_id WHERE p.name = 'Carol' AND a.state = 'confirmed'");
            assertThat(named).as("a bulk naming is all or nothing").isIn(0L, size);
            if (named == 0) {
                assertThat(new CliHarness(lib).run("name", "--cluster", "" + cluster, "Carol").exit()).isZero();
            }
            assertThat(count(lib, "SELECT count(*) FROM assignments a JOIN people p ON p.id = a.person_id WHERE p.name = 'Carol' AND a.state = 'confirmed'"))
                    .isEqualTo(size);
            checkInvariants(lib, names);
            record("name --cluster (" + size + " faces)", killed, "at " + delay + " ms of ~" + duration + " ms, " + (named == 0 ? "not yet committed" : "committed"));
        }
    }

    private void killXmpExports(Path base, Path photos) throws Exception {
        Set<String> names = confirmedNames(base);
        long duration = timeUninterrupted(base, "xmp", "export");
        int total = checkSidecarsWhole(photos);
        clearSidecars(photos);
        int kills = 0;
        for (int k = 0; kills < KILLS_PER_OPERATION && k < MAX_ATTEMPTS; k++) {
            Path lib = tmp.resolve("xmp-" + k);
            copyLibrary(base, lib);
            // Killed once a random number of sidecars is written, plus a random few milliseconds.
            int after = random.nextInt(total);
            long jitter = random.nextInt(30);
            Process p = ProcessRuns.kindred(lib, List.of(), "xmp", "export")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (p.isAlive() && sidecarCount(photos) < after && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            Thread.sleep(jitter);
            boolean killed = kill(p);
            kills += killed ? 1 : 0;
            checkInvariants(lib, names);
            int whole = checkSidecarsWhole(photos);
            JsonNode again = new CliHarness(lib).run("--json", "xmp", "export").json();
            assertThat(again.get("problems").size()).isZero();
            checkSidecarsWhole(photos);
            try (Stream<Path> files = Files.list(photos)) {
                assertThat(files.filter(f -> f.toString().endsWith(".kindred-tmp")).toList()).as("temporary files cleaned up").isEmpty();
            }
            assertThat(sidecarsNaming(photos)).as("every photo with a name has its sidecar").isEqualTo(photosWithNames(lib));
            record("xmp export", killed, "after " + whole + " of " + total + " sidecars written (~" + duration + " ms in all)");
            clearSidecars(photos);
        }
    }

    // ------------------------------------------------------------------ running and killing

    private boolean runAndKill(Path lib, long delayMillis, String... args) throws Exception {
        Process p = ProcessRuns.kindred(lib, List.of(), args)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(delayMillis, TimeUnit.MILLISECONDS);
        return kill(p);
    }

    /** SIGKILL (no shutdown hook runs). Returns whether the process was still running. */
    private static boolean kill(Process p) throws InterruptedException {
        boolean alive = p.isAlive();
        p.destroyForcibly();
        p.waitFor();
        return alive;
    }

    private long timeUninterrupted(Path base, String... args) throws Exception {
        Path lib = tmp.resolve("timing-" + args[0]);
        copyLibrary(base, lib);
        long t0 = System.nanoTime();
        Process p = ProcessRuns.kindred(lib, List.of(), args)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args)).isZero();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private void record(String operation, boolean killed, String where) {
        if (killed) {
            survived++;
        }
        report.add(String.format(Locale.ROOT, "  %-30s %s %s", operation, killed ? "killed" : "finished before the kill", where));
    }

    // ------------------------------------------------------------------ invariants

    private static void checkInvariants(Path lib, Set<String> confirmedBefore) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + lib.resolve("library.db")); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                if (rs.getInt(1) == 0) {
                    return; // killed before the new library's schema was committed: an empty file, created again next run
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
                assertThat(rs.next()).as("no dangling reference").isFalse();
            }
            Map<String, List<FaceBox>> bySource = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT photo_id, source, x, y, w, h FROM faces")) {
                while (rs.next()) {
                    FaceBox b = new FaceBox(rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6));
                    List<FaceBox> same = bySource.computeIfAbsent(rs.getLong(1) + "/" + rs.getString(2), x -> new ArrayList<>());
                    for (FaceBox o : same) {
                        assertThat(o.iou(b)).as("a face stored twice in photo %d", rs.getLong(1)).isLessThan(0.5);
                    }
                    same.add(b);
                }
            }
        }
        assertThat(confirmedNames(lib)).as("every confirmed name is still there").containsAll(confirmedBefore);
    }

    private static Set<String> confirmedNames(Path lib) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + lib.resolve("library.db")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT a.face_id, p.name FROM assignments a JOIN people p ON p.id = a.person_id WHERE a.state = 'confirmed'")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static Set<String> faceBoxes(Path library) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT p.path, f.x, f.y, f.w, f.h FROM faces f JOIN photos p ON p.id = f.photo_id")) {
            while (rs.next()) {
                out.add(String.format(Locale.ROOT, "%s %.0f %.0f %.0f %.0f", Path.of(rs.getString(1)).getFileName(),
                        rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)));
            }
        }
        return out;
    }

    private static int indexedPhotos(Path library) {
        try {
            return (int) count(library, "SELECT count(*) FROM photos WHERE status = 'indexed'");
        } catch (Exception notYet) {
            return 0;
        }
    }

    static long count(Path library, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------ XMP

    /** Every sidecar parses as XML (none is half written); returns how many there are. */
    private static int checkSidecarsWhole(Path photos) throws Exception {
        int n = 0;
        try (Stream<Path> files = Files.list(photos)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".xmp")).toList()) {
                DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.toFile());
                n++;
            }
        }
        return n;
    }

    private static int sidecarCount(Path photos) {
        try (Stream<Path> files = Files.list(photos)) {
            return (int) files.filter(f -> f.toString().endsWith(".xmp")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static Set<String> sidecarsNaming(Path photos) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(photos)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".xmp")).toList()) {
                String xml = Files.readString(f);
                for (String name : NAMES) {
                    if (xml.contains(name)) {
                        out.add(f.getFileName().toString().replace(".xmp", "") + " " + name);
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> photosWithNames(Path lib) throws Exception {
        Set<String> out = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + lib.resolve("library.db")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT DISTINCT ph.path, p.name FROM assignments a JOIN people p ON p.id = a.person_id
                     JOIN faces f ON f.id = a.face_id JOIN photos ph ON ph.id = f.photo_id
                     WHERE a.state = 'confirmed' AND ph.path NOT LIKE '/synthetic%'""")) {
            while (rs.next()) {
                out.add(Path.of(rs.getString(1)).getFileName() + " " + rs.getString(2));
            }
        }
        return out;
    }

    private static void clearSidecars(Path photos) throws Exception {
        try (Stream<Path> files = Files.list(photos)) {
            for (Path f : files.filter(f -> !f.toString().endsWith(".jpg")).toList()) {
                Files.delete(f);
            }
        }
    }

    // ------------------------------------------------------------------ libraries

    private static void copyLibrary(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        for (String f : List.of("library.db", "library.db-wal", "library.db-shm")) {
            if (Files.exists(from.resolve(f))) {
                Files.copy(from.resolve(f), to.resolve(f));
            }
        }
    }

    private void addSyntheticPeople(Path lib, int people, int facesEach) throws Exception {
        String embedder;
        int dim;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + lib.resolve("library.db")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT embedder_id, length(embedding) / 4 FROM faces WHERE embedding IS NOT NULL LIMIT 1")) {
            embedder = rs.getString(1);
            dim = rs.getInt(2);
        }
        SyntheticLibrary synth = new SyntheticLibrary(lib, random.nextLong(), dim);
        List<float[]> v = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            float[] center = synth.randomDirection();
            for (int i = 0; i < facesEach; i++) {
                v.add(synth.atCosine(center, 0.92 + 0.06 * random.nextDouble()));
            }
        }
        synth.addFaces("/synthetic-fault", v, embedder);
    }

    private static long biggestCluster(Path lib) throws Exception {
        return count(lib, """
                SELECT f.cluster_id FROM faces f LEFT JOIN assignments a ON a.face_id = f.id
                WHERE f.cluster_id IS NOT NULL AND (a.face_id IS NULL OR a.state = 'unconfirmed')
                GROUP BY f.cluster_id ORDER BY count(*) DESC LIMIT 1""");
    }
}
