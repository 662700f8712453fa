package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import kindred.library.LibraryException;
import kindred.library.people.People;
import kindred.worker.IndexingService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window naming faces while the worker indexes and clusters: no lost update, no "database is locked" reaching
 * anyone. Once inside one process (one {@link Services}, as the window has), once across two processes (a
 * `kindred scan` running while another Kindred names and rejects).
 */
@Tag("slow")
class ConcurrencyTest {

    @TempDir
    Path tmp;

    /** What the last decision about a face said. */
    record Expected(String kind, long personId) {
    }

    private Path photos(String name, int copies) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int copy = 0; copy < copies; copy++) {
            for (int i = 1; i <= 6; i++) {
                // Distinct contents: the same pictures in two library folders would be identical copies of one photo.
                kindred.library.DistinctJpegs.copy(CliHarness.testPhotos().resolve("sample" + i + ".jpg"), dir.resolve(name + copy + "-sample" + i + ".jpg"));
            }
        }
        return dir;
    }

    private static Connection connect(Path library) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
    }

    /** Face ids by photo id, in a stable order. */
    private static Map<Long, List<Long>> facesByPhoto(Path library) throws Exception {
        Map<Long, List<Long>> out = new LinkedHashMap<>();
        try (Connection c = connect(library); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT photo_id, id FROM faces ORDER BY photo_id, id")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        return out;
    }

    /** Each worker owns whole photos, so that the last decision about each face is known. */
    private static List<List<Long>> split(Map<Long, List<Long>> facesByPhoto, int parts) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(new ArrayList<>());
        }
        int i = 0;
        for (List<Long> faces : facesByPhoto.values()) {
            out.get(i++ % parts).addAll(faces);
        }
        return out;
    }

    private static boolean locked(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("locked") || m.contains("SQLITE_BUSY")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the product refused a decision for a reason of its own (not a failure of the library). */
    private static boolean refusedByRule(Throwable e) {
        return e instanceof LibraryException && !locked(e) && !String.valueOf(e.getMessage()).startsWith("Library database error");
    }

    @Test
    void namingWhileIndexingAndClusteringInOneProcessLosesNothing() throws Exception {
        Path library = tmp.resolve("library");
        Path first = photos("first", 1);
        Path more = photos("more", 3);
        long seed = Long.getLong("kindred.concurrencySeed", System.nanoTime());
        System.out.println("concurrency (one process): seed " + seed);
        try (Services s = new Services(library, 2)) {
            s.scanner().scan(List.of(first));
            s.indexing().start(p -> { }).await();
            s.people().clusterNewFaces();
            List<List<Long>> owned = split(facesByPhoto(library), 3);
            assertThat(owned).allSatisfy(l -> assertThat(l).isNotEmpty());

            s.scanner().scan(List.of(more));
            IndexingService.IndexRun run = s.indexing().start(p -> { });
            People people = s.people();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AtomicBoolean indexing = new AtomicBoolean(true);
            AtomicInteger clusterPasses = new AtomicInteger();
            AtomicInteger opsDuringIndexing = new AtomicInteger();

            Thread clusterer = new Thread(() -> {
                try {
                    while (indexing.get()) {
                        people.clusterNewFaces();
                        clusterPasses.incrementAndGet();
                        Thread.sleep(30);
                    }
                    people.clusterNewFaces();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "test-clusterer");
            clusterer.start();

            Map<Long, Expected> expected = new ConcurrentHashMap<>();
            Map<Long, String> expectedNames = new ConcurrentHashMap<>();
            List<Thread> namers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                final int me = t;
                final List<Long> mine = owned.get(t);
                final Random random = new Random(seed + t);
                Thread th = new Thread(() -> {
                    List<Long> personIds = new ArrayList<>();
                    Map<Long, String> names = new HashMap<>();
                    int ops = 0;
                    while (ops < 40 || (indexing.get() && ops < 400)) {
                        ops++;
                        long face = mine.get(random.nextInt(mine.size()));
                        int what = personIds.isEmpty() ? 0 : random.nextInt(4);
                        try {
                            switch (what) {
                                case 0 -> { // name
                                    String name = personIds.size() < 2 && random.nextBoolean() || personIds.isEmpty()
                                            ? "T" + me + "-P" + personIds.size()
                                            : names.get(personIds.get(random.nextInt(personIds.size())));
                                    var r = people.nameFace(face, name).result();
                                    if (!personIds.contains(r.personId())) {
                                        personIds.add(r.personId());
                                        names.put(r.personId(), name);
                                        expectedNames.put(r.personId(), name);
                                    }
                                    expected.put(face, new Expected("named", r.personId()));
                                }
                                case 1 -> { // reject
                                    long pid = personIds.get(random.nextInt(personIds.size()));
                                    people.reject(face, names.get(pid));
                                    expected.put(face, new Expected("rejected", pid));
                                }
                                case 2 -> { // confirm a suggestion, if the face has one
                                    if (people.confirm(List.of(face)).result() == 1) {
                                        expected.put(face, new Expected("confirmed", -1));
                                    }
                                }
                                default -> { // rename
                                    long pid = personIds.get(random.nextInt(personIds.size()));
                                    String to = "T" + me + "-" + pid + "-r" + ops;
                                    people.rename(names.get(pid), to);
                                    names.put(pid, to);
                                    expectedNames.put(pid, to);
                                }
                            }
                            if (indexing.get()) {
                                opsDuringIndexing.incrementAndGet();
                            }
                        } catch (Throwable e) {
                            if (!refusedByRule(e)) {
                                errors.add(e);
                            }
                        }
                    }
                }, "test-namer-" + t);
                namers.add(th);
                th.start();
            }

            try {
                run.await();
            } catch (Throwable e) {
                errors.add(e);
            }
            indexing.set(false);
            for (Thread th : namers) {
                th.join(TimeUnit.MINUTES.toMillis(2));
                assertThat(th.isAlive()).as("%s finished", th.getName()).isFalse();
            }
            clusterer.join(TimeUnit.MINUTES.toMillis(1));
            System.out.printf("concurrency (one process): %d decisions while indexing, %d cluster passes, %d errors%n",
                    opsDuringIndexing.get(), clusterPasses.get(), errors.size());
            errors.forEach(Throwable::printStackTrace);
            assertThat(errors).as("no exception reached a caller").isEmpty();
            assertThat(errors.stream().filter(ConcurrencyTest::locked)).isEmpty();
            assertThat(opsDuringIndexing.get()).as("decisions made while indexing").isPositive();

            try (Connection c = connect(library); Statement st = c.createStatement()) {
                ResultSet rs = st.executeQuery("SELECT count(*) FROM photos WHERE status = 'indexed'");
                assertThat(rs.getInt(1)).isEqualTo(24);
            }
            checkLastWrites(library, expected, expectedNames);
        }
    }

    @Test
    void namingInOneProcessWhileAnotherScansLosesNothing() throws Exception {
        Path library = tmp.resolve("library2");
        Path first = photos("first", 1);
        Path more = photos("more", 4);
        long seed = Long.getLong("kindred.concurrencySeed", System.nanoTime());
        System.out.println("concurrency (two processes): seed " + seed);
        Random random = new Random(seed);
        CliHarness cli = new CliHarness(library);
        assertThat(cli.run("scan", first.toString()).exit()).isZero();
        Map<Long, List<Long>> byPhoto = facesByPhoto(library);
        // Face k of a photo is only ever named from its own pool of people: one person at most once per photo holds.
        Map<Long, Integer> slot = new HashMap<>();
        List<Long> faces = new ArrayList<>();
        byPhoto.values().forEach(l -> {
            for (int k = 0; k < l.size(); k++) {
                slot.put(l.get(k), k);
                faces.add(l.get(k));
            }
        });

        Path err = tmp.resolve("scan.err");
        Process scan = ProcessRuns.kindred(library, List.of(), "--json", "scan", more.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        Map<String, Expected> byName = new HashMap<>();
        Map<Long, Object[]> expected = new HashMap<>(); // face -> {kind, person name}
        java.util.Set<String> created = new java.util.HashSet<>();
        List<String> failures = new ArrayList<>();
        int ops = 0;
        int opsWhileScanning = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while ((scan.isAlive() || ops < 20) && System.nanoTime() < deadline) {
            boolean alive = scan.isAlive();
            long face = faces.get(random.nextInt(faces.size()));
            String name = "Slot" + slot.get(face) + (random.nextBoolean() ? "-Ann" : "-Ben");
            CliHarness.Result r;
            if (created.contains(name) && random.nextInt(3) == 0) {
                r = cli.run("reject", "--face", "" + face, "--person", name);
                if (r.exit() == 0) {
                    expected.put(face, new Object[] {"rejected", name});
                }
            } else {
                r = cli.run("name", "--face", "" + face, name);
                if (r.exit() == 0) {
                    created.add(name);
                    expected.put(face, new Object[] {"named", name});
                }
            }
            ops++;
            if (alive) {
                opsWhileScanning++;
            }
            if (r.exit() != 0 || r.err().contains("locked") || r.err().contains("BUSY")) {
                failures.add("exit " + r.exit() + ": " + r.err().strip());
            }
        }
        assertThat(scan.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String scanErr = Files.readString(err);
        System.out.printf("concurrency (two processes): %d decisions, %d while the scan ran%n", ops, opsWhileScanning);
        assertThat(failures).as("CLI commands beside a scan").isEmpty();
        assertThat(scan.exitValue()).as("scan exit; stderr: %s", scanErr).isZero();
        assertThat(scanErr).doesNotContain("locked").doesNotContain("BUSY");
        assertThat(opsWhileScanning).as("decisions made while the scan ran").isPositive();

        Map<Long, Expected> exp = new HashMap<>();
        try (Connection c = connect(library); Statement st = c.createStatement()) {
            for (var e : expected.entrySet()) {
                try (ResultSet rs = st.executeQuery("SELECT id FROM people WHERE name = '" + e.getValue()[1] + "'")) {
                    assertThat(rs.next()).as("person %s exists", e.getValue()[1]).isTrue();
                    exp.put(e.getKey(), new Expected((String) e.getValue()[0], rs.getLong(1)));
                }
            }
            ResultSet rs = st.executeQuery("SELECT count(*) FROM photos WHERE status = 'indexed'");
            assertThat(rs.getInt(1)).isEqualTo(30);
        }
        checkLastWrites(library, exp, Map.of());
    }

    /**
     * Another process names a face after this one computed its suggestions and before it stores them: the
     * suggestion must not overwrite the name (it did: suggestions were stored with "replace any assignment").
     */
    @Test
    void suggestionsComputedBeforeAnotherProcessNamedAFaceDoNotOverwriteTheName() throws Exception {
        Path library = tmp.resolve("library3");
        Path photos = photos("twice", 2);
        assertThat(new CliHarness(library).run("scan", photos.toString()).exit()).isZero();
        long original;
        long copy;
        try (Connection c = connect(library); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT a.id, b.id FROM faces a JOIN photos pa ON pa.id = a.photo_id, faces b JOIN photos pb ON pb.id = b.photo_id
                     WHERE pa.path LIKE '%twice0-sample1.jpg' AND pb.path LIKE '%twice1-sample1.jpg'
                       AND abs(a.x - b.x) < 1 AND abs(a.y - b.y) < 1 ORDER BY a.w DESC LIMIT 1""")) {
            assertThat(rs.next()).isTrue();
            original = rs.getLong(1);
            copy = rs.getLong(2);
        }
        try (kindred.store.Database dbA = kindred.store.Database.open(library);
             kindred.store.Database dbB = kindred.store.Database.open(library)) {
            People other = new People(new kindred.store.SqlitePeopleStore(dbB));
            other.nameFace(original, "Ann"); // its copy is now suggested as Ann
            kindred.library.PeopleStore real = new kindred.store.SqlitePeopleStore(dbA);
            AtomicBoolean armed = new AtomicBoolean(false);
            kindred.library.PeopleStore racing = (kindred.library.PeopleStore) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {kindred.library.PeopleStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("rejections") && armed.getAndSet(false)) {
                            other.nameFace(copy, "Bob"); // the other process decides in between
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            People mine = new People(racing);
            armed.set(true);
            mine.refreshAllSuggestions(); // a pass over every photo (clusterNewFaces has nothing new to do here)
            assertThat(armed.get()).as("the other process named the face mid-pass").isFalse();
        }
        try (Connection c = connect(library); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT p.name, a.state, a.source FROM assignments a JOIN people p ON p.id = a.person_id WHERE a.face_id = " + copy)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).isEqualTo("Bob confirmed manual");
        }
    }

    /** Every decision is in the library as its last write says; integrity_check ok. */
    static void checkLastWrites(Path library, Map<Long, Expected> expected, Map<Long, String> expectedNames) throws Exception {
        try (Connection c = connect(library); Statement st = c.createStatement()) {
            assertThat(st.executeQuery("PRAGMA integrity_check").getString(1)).isEqualTo("ok");
            List<String> problems = new ArrayList<>();
            for (var e : expected.entrySet()) {
                long face = e.getKey();
                Expected x = e.getValue();
                Long person = null;
                String state = null;
                String source = null;
                try (ResultSet rs = st.executeQuery("SELECT person_id, state, source FROM assignments WHERE face_id = " + face)) {
                    if (rs.next()) {
                        person = rs.getObject(1) == null ? null : rs.getLong(1);
                        state = rs.getString(2);
                        source = rs.getString(3);
                    }
                }
                boolean rejection;
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM rejections WHERE face_id = " + face + " AND person_id = " + x.personId())) {
                    rejection = rs.getInt(1) > 0;
                }
                String actual = "face " + face + ": " + person + " " + state + " " + source + (rejection ? " rejected" : "");
                switch (x.kind()) {
                    case "named" -> {
                        if (!(Long.valueOf(x.personId()).equals(person) && "confirmed".equals(state) && "manual".equals(source)) || rejection) {
                            problems.add("named " + x.personId() + " but " + actual);
                        }
                    }
                    case "rejected" -> {
                        if (!rejection || Long.valueOf(x.personId()).equals(person)) {
                            problems.add("rejected " + x.personId() + " but " + actual);
                        }
                    }
                    default -> {
                        if (!"confirmed".equals(state) || person == null) {
                            problems.add("confirmed but " + actual);
                        }
                    }
                }
            }
            for (var e : expectedNames.entrySet()) {
                try (ResultSet rs = st.executeQuery("SELECT name FROM people WHERE id = " + e.getKey())) {
                    String name = rs.next() ? rs.getString(1) : null;
                    if (!e.getValue().equals(name)) {
                        problems.add("person " + e.getKey() + " renamed " + e.getValue() + " but is " + name);
                    }
                }
            }
            Collections.sort(problems);
            assertThat(problems).as("lost updates (%d decisions checked)", expected.size()).isEmpty();
        }
    }
}
