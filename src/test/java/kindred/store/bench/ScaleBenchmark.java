package kindred.store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import kindred.bench.Measure;
import kindred.app.Services;
import kindred.library.people.People;
import kindred.store.Database;
import kindred.store.SqlitePeopleStore;
import kindred.ui.people.PeopleViewModel;

/**
 * Benchmark (not a test): a library of 100,000 photos and 300,000 faces, and the latency of what a user opens
 * in it. Detection really runs (the product indexer) on a sample of real photos; the rest are synthetic rows
 * whose embeddings are drawn around the real ones (each synthetic person is a real face plus noise, each of
 * their faces that plus more noise), with boxes, landmarks and model ids copied from real faces.
 *
 * <p>Synthetic people: person 0 has 5,000 faces, persons 1–29 about 1,500 each (all named: 80 % confirmed,
 * 20 % suggestions), 2,000 unnamed "friends" with ~50 faces (one cluster each), the rest strangers seen once or
 * twice. Clustering the 300,000 faces itself is benchmarked by {@code kindred.clustering.bench.ClusteringBenchmark};
 * here the clusters are the synthetic identities.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.store.bench.ScaleBenchmark \
 *     [--images DIR] [--library DIR] [--photos N] [--faces N] [--runs N] [--full-refresh]
 * </pre>
 * An existing --library built by an earlier run is reused (only the timings run again). Every query prints its median
 * wall and CPU time against {@link #TARGET_MS} (OK / over), and the peak heap against {@link #HEAP_TARGET_MB}. Then,
 * on a copy of the library (the library itself is left as it was), decisions with the suggestion refresh each one
 * triggers: naming a face, 1,000 new faces (the refresh {@code clusterNewFaces} runs after clustering them), merging,
 * forgetting; {@code --full-refresh} also times one
 * full refresh (minutes at 300,000 faces).
 */
public final class ScaleBenchmark {

    private static final int DIMS = 192;
    private static final int NAMED = 30;
    private static final int FRIENDS = 2_000;

    /** Issue 7: the people list, a person page with 5,000 faces, search by two people and opening each answer in < 200 ms. */
    static final int TARGET_MS = 200;

    /** Issue 7: heap < 1 GB throughout (run with -Xmx1g). */
    static final int HEAP_TARGET_MB = 1024;

    public static void main(String[] args) throws Exception {
        Path images = Path.of("/tmp/bench12");
        Path libArg = null;
        int photos = 100_000;
        int faces = 300_000;
        int runs = 7;
        boolean fullRefresh = false;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--images" -> images = Path.of(args[i + 1]);
                case "--library" -> libArg = Path.of(args[i + 1]);
                case "--photos" -> photos = Integer.parseInt(args[i + 1]);
                case "--faces" -> faces = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--full-refresh" -> {
                    fullRefresh = true;
                    i--;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path lib = libArg != null ? libArg : Files.createTempDirectory("kindred-scale-");
        boolean built = Files.exists(lib.resolve(Database.FILE_NAME));
        if (!built) {
            long t0 = System.nanoTime();
            build(lib, images, photos, faces);
            System.out.printf(Locale.ROOT, "built %s in %.1f s, peak heap %d MB in use%n", lib, (System.nanoTime() - t0) / 1e9, peakHeapMb());
        } else {
            System.out.println("reusing " + lib);
        }
        System.gc();
        resetPeaks();
        System.out.printf(Locale.ROOT, "load average %.2f; %d runs each, medians; target: each query < %d ms wall, heap < %d MB%n",
                Measure.loadAverage(), runs, TARGET_MS, HEAP_TARGET_MB);
        int page = PeopleViewModel.PAGE;
        int small = PeopleViewModel.SMALL_CLUSTER_FACES;

        report("open library (open + first People/Unnamed pages)", TARGET_MS, runs, () -> {
            try (Database db = Database.open(lib)) {
                People p = new People(new SqlitePeopleStore(db));
                return p.people(false, 0, page).items().size() + p.clusters(small, 0, page).items().size();
            }
        });
        report("  of which Database.open + close", null, runs, () -> {
            try (Database db = Database.open(lib)) {
                return 0;
            }
        });
        try (Database db = Database.open(lib)) {
            People people = new People(new SqlitePeopleStore(db));
            report("people list: first page (people + clusters >= 2)", TARGET_MS, runs,
                    () -> people.people(false, 0, page).items().size() + people.clusters(small, 0, page).items().size());
            report("  a later page (offset 10,000)", TARGET_MS, runs, () -> people.clusters(small, 10_000, page).items().size());
            report("  everything (CLI `people`, 52,500 clusters)", null, runs,
                    () -> people.people(false).size() + people.clusters(small).size());
            report("other faces: first page (faces in no group of 2 or more)", TARGET_MS, runs,
                    () -> people.otherFaces(small, 0, kindred.ui.people.PersonViewModel.OTHER_PAGE).items().size());
            report("person page: facesOf(5,000-face person)", TARGET_MS, runs, () -> people.facesOf(name(0)).size());
            report("person page: suggestions(5,000-face person)", TARGET_MS, runs, () -> people.suggestions(name(0)).size());
            report("search two people", TARGET_MS, runs, () -> people.search(List.of(name(0), name(1)), false).size());
        }
        // The window's own models on the same library, as the pages load (each card's cover face, the tiles).
        kindred.app.Services window = new kindred.app.Services(lib);
        try {
            report("people page as the window loads it (pages + cover faces)", TARGET_MS, runs, () -> {
                kindred.ui.people.PeopleViewModel vm = new kindred.ui.people.PeopleViewModel(window, new kindred.ui.common.CurrentThreadTaskExecutor());
                vm.reload();
                return vm.people().size() + vm.clusters().size();
            });
            report("person page as the window loads it (5,000-face person)", TARGET_MS, runs, () -> {
                kindred.ui.people.PersonViewModel vm = new kindred.ui.people.PersonViewModel(window, new kindred.ui.common.CurrentThreadTaskExecutor());
                vm.showPerson(name(0));
                return vm.items().size();
            });
            report("  review page (every suggestion of everyone)", null, runs, () -> {
                kindred.ui.people.PersonViewModel vm = new kindred.ui.people.PersonViewModel(window, new kindred.ui.common.CurrentThreadTaskExecutor());
                vm.showReview();
                return vm.items().size();
            });
        } finally {
            window.close();
        }
        long queriesHeap = peakHeapMb();
        System.out.printf(Locale.ROOT, "peak heap during the queries: %d MB in use, %d MB live after GC (target < %d MB: %s); load average %.2f%n",
                queriesHeap, peakLiveMb(), HEAP_TARGET_MB, queriesHeap < HEAP_TARGET_MB ? "OK" : "over", Measure.loadAverage());

        // Decisions and their suggestion refresh change the library: on a copy.
        Path copy = Files.createTempDirectory("kindred-scale-copy-");
        try {
            Files.copy(lib.resolve(Database.FILE_NAME), copy.resolve(Database.FILE_NAME));
            System.gc();
            resetPeaks();
            refreshes(copy, Math.max(3, Math.min(runs, 5)), fullRefresh);
            long refreshHeap = peakHeapMb();
            System.out.printf(Locale.ROOT, "peak heap during decisions and refreshes: %d MB in use, %d MB live after GC "
                            + "(target < %d MB: %s; -Xmx %d MB); load average %.2f%n", refreshHeap, peakLiveMb(), HEAP_TARGET_MB,
                    refreshHeap < HEAP_TARGET_MB ? "OK" : "over", Runtime.getRuntime().maxMemory() >> 20, Measure.loadAverage());
        } finally {
            try (var files = Files.walk(copy)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /**
     * Decisions and the suggestion refresh each one triggers, on a copy of the library: naming a face, clustering
     * 1,000 new faces, merging, forgetting. Prints each decision's wall time and what its refresh recomputed.
     */
    private static void refreshes(Path lib, int runs, boolean fullRefresh) {
        try (Database db = Database.open(lib)) {
            People people = new People(new SqlitePeopleStore(db));
            // Naming refreshes incrementally from its hints; from then on the refresh also compares with what it left.
            List<Long> unnamed = unnamedFaces(db, runs * 3);
            int[] k = {0};
            report("name a face (nameFace + suggestion refresh)", null, runs, () -> {
                long face = unnamed.get(k[0]++);
                int n = people.nameFace(face, "Bench " + face).result().facesNamed();
                System.out.println("    refresh " + people.lastSuggestionRefresh());
                return n;
            });
            SplittableRandom rnd = new SplittableRandom(3);
            // clusterNewFaces = clustering (ClusteringBenchmark times it; building its index of 300,000 faces takes
            // minutes here) + the refresh that follows it, which is this: suggestions do not depend on clusters.
            java.lang.reflect.Method refresh;
            try {
                refresh = People.class.getDeclaredMethod("refreshSuggestions");
                refresh.setAccessible(true);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            report("1,000 new faces: the refresh after clustering", null, runs, () -> {
                addFaces(db, 1_000, rnd);
                try {
                    refresh.invoke(people);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                System.out.println("    refresh " + people.lastSuggestionRefresh());
                return 1_000;
            });
            report("merge a person into a 1,500-face one + refresh", null, runs, () -> {
                long face = unnamed.get(k[0]++);
                String from = "Merge " + face;
                people.nameFace(face, from);
                int n = people.merge(from, name(NAMED - 1 - k[0] % 5)).result().facesNamed();
                System.out.println("    refresh " + people.lastSuggestionRefresh());
                return n;
            });
            int[] forgotten = {NAMED - 1};
            report("forget a 1,500-face person + refresh", null, runs, () -> {
                int n = people.forget(name(forgotten[0]--));
                System.out.println("    refresh " + people.lastSuggestionRefresh());
                return n;
            });
            if (!fullRefresh) {
                return;
            }
            report("full suggestion refresh (for comparison)", null, 1, () -> {
                people.refreshAllSuggestions();
                System.out.println("    refresh " + people.lastSuggestionRefresh());
                return 0;
            });
        }
    }

    /** Adds faces like the synthetic ones (an existing face's embedding plus noise) to random photos, unclustered. */
    private static void addFaces(Database db, int n, SplittableRandom rnd) {
        db.transaction(() -> db.write(c -> {
            long maxFace;
            long minPhoto;
            long maxPhoto;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT max(id), (SELECT min(id) FROM photos), (SELECT max(id) FROM photos) FROM faces")) {
                rs.next();
                maxFace = rs.getLong(1);
                minPhoto = rs.getLong(2);
                maxPhoto = rs.getLong(3);
            }
            try (PreparedStatement like = c.prepareStatement("SELECT embedding FROM faces WHERE id >= ? AND embedding IS NOT NULL ORDER BY id LIMIT 1");
                 PreparedStatement ins = c.prepareStatement("""
                    INSERT INTO faces(photo_id, x, y, w, h, landmark_scheme, landmarks, score, quality, source, detector_id, embedder_id,
                      embedding, cluster_id, created_at)
                    SELECT ?, x + 10, y + 10, w, h, landmark_scheme, landmarks, score, quality, 'auto', detector_id, embedder_id, ?, NULL, ?
                    FROM faces WHERE id = ?""")) {
                for (int i = 0; i < n; i++) {
                    long src = 1 + rnd.nextLong(maxFace);
                    like.setLong(1, src);
                    byte[] e;
                    try (ResultSet rs = like.executeQuery()) {
                        if (!rs.next()) {
                            continue;
                        }
                        e = rs.getBytes(1);
                    }
                    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(e).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    float[] v = new float[e.length / 4];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = bb.getFloat();
                    }
                    ins.setLong(1, minPhoto + rnd.nextLong(maxPhoto - minPhoto + 1));
                    ins.setBytes(2, blob(noisy(v, 0.03, rnd)));
                    ins.setLong(3, System.currentTimeMillis());
                    ins.setLong(4, src);
                    ins.executeUpdate();
                }
            }
            return null;
        }));
    }

    static String name(int person) {
        return String.format(Locale.ROOT, "Person %04d", person);
    }

    private static void report(String what, Integer targetMs, int runs, Supplier<Integer> work) {
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        int size = 0;
        for (int r = 0; r < runs; r++) {
            double c0 = Measure.processCpuSeconds() * 1e3;
            long t = System.nanoTime();
            size = work.get();
            ms[r] = (System.nanoTime() - t) / 1e6;
            cpu[r] = Measure.processCpuSeconds() * 1e3 - c0;
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        double median = Measure.median(ms);
        // Wall time depends on the machine's load; the CPU time of the process (all threads, SQLite included)
        // much less: both are printed.
        String verdict = targetMs == null ? "" : String.format(Locale.ROOT, "  target < %d ms: %s", targetMs, median < targetMs ? "OK" : "over");
        System.out.printf(Locale.ROOT, "%-50s median %8.1f ms wall, %8.1f ms CPU  (wall min %.1f, max %.1f; %d runs, %d rows)%s%n",
                what, median, Measure.median(cpu), s[0], s[runs - 1], runs, size, verdict);
    }

    private static List<Long> unnamedFaces(Database db, int n) {
        return db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT f.id FROM faces f LEFT JOIN assignments a ON a.face_id = f.id WHERE a.face_id IS NULL ORDER BY f.id DESC LIMIT " + n)) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** A real face from the sample: everything but its position and photo. */
    private record RealFace(float[] vector, double w, double h, byte[] landmarks, String scheme, String detector, String embedder) {
    }

    private static void build(Path lib, Path images, int photoCount, int faceCount) throws Exception {
        // 1. The real sample, through the product indexer.
        try (Services s = new Services(lib)) {
            s.scanner().scan(List.of(images));
            var p = s.indexing().start(x -> { }).await();
            System.out.printf(Locale.ROOT, "indexed the real sample: %d photos, %d faces%n", p.photosDone(), p.facesFound());
        }
        try (Database db = Database.open(lib)) {
            List<RealFace> real = db.read(c -> {
                List<RealFace> out = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT embedding, w, h, landmarks, landmark_scheme, detector_id, embedder_id FROM faces WHERE embedding IS NOT NULL")) {
                    while (rs.next()) {
                        byte[] b = rs.getBytes(1);
                        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                        float[] v = new float[b.length / 4];
                        for (int i = 0; i < v.length; i++) {
                            v[i] = bb.getFloat();
                        }
                        out.add(new RealFace(v, rs.getDouble(2), rs.getDouble(3), rs.getBytes(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                    }
                }
                return out;
            });
            if (real.isEmpty()) {
                throw new IllegalStateException("no faces in the real sample " + images);
            }
            int realPhotos = db.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM photos")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            synthesize(db, real, photoCount - realPhotos, faceCount - real.size());
        }
    }

    private static void synthesize(Database db, List<RealFace> real, int photos, int faces) {
        SplittableRandom rnd = new SplittableRandom(7);
        // Identities: sizes and centres.
        List<Integer> sizes = new ArrayList<>();
        sizes.add(5_000);
        int left = faces - 5_000;
        for (int i = 1; i < NAMED; i++) {
            sizes.add(1_500);
            left -= 1_500;
        }
        for (int i = 0; i < FRIENDS && left > 0; i++) {
            int n = Math.min(left, 25 + rnd.nextInt(51));
            sizes.add(n);
            left -= n;
        }
        while (left > 0) {
            int n = Math.min(left, 1 + rnd.nextInt(2));
            sizes.add(n);
            left -= n;
        }
        int identities = sizes.size();
        float[][] centres = new float[identities][];
        for (int i = 0; i < identities; i++) {
            centres[i] = noisy(real.get(i % real.size()).vector(), 0.07, rnd);
        }
        System.out.printf(Locale.ROOT, "synthesizing %,d photos, %,d faces, %,d identities%n", photos, faces, identities);
        long now = System.currentTimeMillis();
        db.transaction(() -> db.write(c -> {
            long folder;
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO folders(path, added_at) VALUES ('/bench/synthetic', " + now + ")");
                try (ResultSet k = st.executeQuery("SELECT last_insert_rowid()")) {
                    k.next();
                    folder = k.getLong(1);
                }
            }
            long firstPhoto;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO photos(folder_id, path, size, mtime, content_hash, width, height, orientation, taken_at, status,
                      detector_id, embedder_id, indexed_at, first_seen_at, last_seen_at)
                    VALUES (?, ?, 4000000, ?, ?, 4032, 3024, 1, ?, 'indexed', ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < photos; i++) {
                    ps.setLong(1, folder);
                    ps.setString(2, String.format(Locale.ROOT, "/bench/synthetic/%03d/IMG_%06d.jpg", i / 1000, i));
                    ps.setLong(3, now - i * 60_000L);
                    ps.setString(4, Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()));
                    ps.setString(5, String.format(Locale.ROOT, "20%02d-%02d-%02dT12:00:00", 5 + i % 20, 1 + i % 12, 1 + i % 28));
                    ps.setString(6, real.get(0).detector());
                    ps.setString(7, real.get(0).embedder());
                    ps.setLong(8, now);
                    ps.setLong(9, now);
                    ps.setLong(10, now);
                    ps.addBatch();
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT min(id) FROM photos WHERE folder_id = " + folder)) {
                rs.next();
                firstPhoto = rs.getLong(1);
            }
            for (int p = 0; p < NAMED; p++) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO people(id, name, created_at) VALUES (?, ?, ?)")) {
                    ps.setLong(1, p + 1);
                    ps.setString(2, name(p));
                    ps.setLong(3, now);
                    ps.executeUpdate();
                }
            }
            // Clusters: one per identity with at least 2 faces (ids = identity + 1).
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO clusters(id, created_at) VALUES (?, ?)")) {
                for (int i = 0; i < identities; i++) {
                    if (sizes.get(i) >= 2) {
                        ps.setLong(1, i + 1);
                        ps.setLong(2, now);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            // Faces: identity by identity, each on a random photo not already holding that identity.
            try (PreparedStatement fs = c.prepareStatement("""
                    INSERT INTO faces(photo_id, x, y, w, h, landmark_scheme, landmarks, score, quality, source, detector_id,
                      embedder_id, embedding, cluster_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'auto', ?, ?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement as = c.prepareStatement("""
                    INSERT INTO assignments(face_id, person_id, source, state, confidence, updated_at) VALUES (?, ?, ?, ?, ?, ?)""")) {
                int made = 0;
                for (int i = 0; i < identities; i++) {
                    Set<Integer> used = new HashSet<>();
                    for (int f = 0; f < sizes.get(i); f++) {
                        int photo;
                        do {
                            photo = rnd.nextInt(photos);
                        } while (!used.add(photo));
                        RealFace like = real.get(rnd.nextInt(real.size()));
                        fs.setLong(1, firstPhoto + photo);
                        fs.setDouble(2, rnd.nextDouble(3500));
                        fs.setDouble(3, rnd.nextDouble(2500));
                        fs.setDouble(4, like.w());
                        fs.setDouble(5, like.h());
                        fs.setString(6, like.scheme());
                        fs.setBytes(7, like.landmarks());
                        fs.setDouble(8, 0.75 + rnd.nextDouble(0.25));
                        fs.setDouble(9, 0.3 + rnd.nextDouble(0.7));
                        fs.setString(10, like.detector());
                        fs.setString(11, like.embedder());
                        fs.setBytes(12, blob(noisy(centres[i], 0.055, rnd)));
                        if (sizes.get(i) >= 2) {
                            fs.setLong(13, i + 1);
                        } else {
                            fs.setObject(13, null);
                        }
                        fs.setLong(14, now);
                        fs.executeUpdate();
                        long faceId;
                        try (ResultSet k = fs.getGeneratedKeys()) {
                            k.next();
                            faceId = k.getLong(1);
                        }
                        if (i < NAMED) {
                            boolean confirmed = rnd.nextDouble() < 0.8;
                            as.setLong(1, faceId);
                            as.setLong(2, i + 1);
                            as.setString(3, confirmed ? "manual" : "auto");
                            as.setString(4, confirmed ? "confirmed" : "unconfirmed");
                            if (confirmed) {
                                as.setObject(5, null);
                            } else {
                                as.setDouble(5, 0.5 + rnd.nextDouble(0.5));
                            }
                            as.setLong(6, now);
                            as.addBatch();
                        }
                        if (++made % 50_000 == 0) {
                            as.executeBatch();
                            System.out.printf(Locale.ROOT, "  %,d faces%n", made);
                        }
                    }
                }
                as.executeBatch();
            }
            return null;
        }));
        db.write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE");
            }
            return null;
        });
    }

    private static float[] noisy(float[] v, double sigma, SplittableRandom rnd) {
        return noisy(v, sigma, () -> gaussian(rnd));
    }

    /** {@code v} plus {@code sigma} × {@code noise} in each dimension, as a unit vector. */
    static float[] noisy(float[] v, double sigma, java.util.function.DoubleSupplier noise) {
        float[] out = new float[DIMS];
        double n = 0;
        for (int i = 0; i < DIMS; i++) {
            double x = v[i] + sigma * noise.getAsDouble();
            out[i] = (float) x;
            n += x * x;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < DIMS; i++) {
            out[i] *= inv;
        }
        return out;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double w = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    static byte[] blob(float[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** Heap in use, sampled (see HeapSampler). */
    private static final kindred.bench.HeapSampler HEAP = kindred.bench.HeapSampler.start();

    private static void resetPeaks() {
        HEAP.reset();
    }

    private static long peakHeapMb() {
        return HEAP.peakUsedMb();
    }

    private static long peakLiveMb() {
        return HEAP.peakLiveMb();
    }
}
