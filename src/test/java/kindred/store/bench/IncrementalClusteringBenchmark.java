package kindred.store.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kindred.bench.Measure;
import kindred.library.people.People;
import kindred.clustering.PeopleThresholds;
import kindred.store.Database;
import kindred.store.SqlitePeopleStore;

/**
 * Benchmark (not a test): the product's incremental clustering ({@link People#clusterNewFaces}) of 1,000 new faces
 * on a library of 300,000 faces built by {@link ScaleBenchmark}.
 *
 * <p>First, once, a copy of that library is <em>prepared</em>: each face without a cluster (ScaleBenchmark leaves
 * strangers seen once unclustered; the product gives them a cluster of their own) gets its own cluster; then the
 * cold start is timed: 1,000 new faces clustered by a new {@link People} without a saved graph, which builds the
 * neighbour graph over every face and saves it (kept with the prepared copy). Then each run copies the prepared
 * library, inserts 1,000 new face rows (new photos; two thirds are new
 * faces of existing faces' people, one third strangers; embeddings drawn around existing ones as ScaleBenchmark
 * draws them) and times, with a new {@link People} (as a new process or after a decision reset the index):
 * <ol>
 *   <li>{@code clusterNewFaces} of the 1,000 faces: rows read from SQLite, index loaded with the saved graph, the
 *   faces clustered, clusters and graph stored, suggestions refreshed;</li>
 *   <li>another 1,000 inserted, {@code clusterNewFaces} again: the index is resident (a window session);</li>
 *   <li>{@code clusterNewFaces} with nothing new: what is not clustering (rows read, suggestion refresh);</li>
 *   <li>{@code clusterNewFaces} by another new {@link People} with nothing new: the next {@code kindred scan} when
 *   it found nothing new.</li>
 * </ol>
 * It prints wall and CPU time of each, medians over the runs, the peak heap and the load average.
 *
 * <pre>
 * mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.store.bench.ScaleBenchmark --library /tmp/scale-lib --runs 1
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) kindred.store.bench.IncrementalClusteringBenchmark \
 *     --library /tmp/scale-lib [--work /tmp/kindred-incremental] [--faces 1000] [--runs 5]
 * </pre>
 * The prepared copy in {@code --work} (with its saved graph) is reused by later runs (delete it to time the cold start
 * again).
 */
public final class IncrementalClusteringBenchmark {


    public static void main(String[] args) throws Exception {
        Path library = null;
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "kindred-incremental");
        int faces = 1_000;
        int runs = 5;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--library" -> library = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                case "--faces" -> faces = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (library == null || !Files.exists(library.resolve(Database.FILE_NAME))) {
            throw new IllegalArgumentException("--library must be a library built by ScaleBenchmark");
        }
        Path prepared = work.resolve("prepared");
        if (!Files.exists(prepared.resolve(SqlitePeopleStore.NEIGHBOUR_GRAPH_FILE))) {
            deleteTree(prepared);
            Files.createDirectories(prepared);
            copyLibrary(library, prepared);
            try (Database db = Database.open(prepared)) {
                System.out.printf(Locale.ROOT, "prepared %s: %,d faces seen once given a cluster of their own%n", prepared, singletonClusters(db));
            }
            // The cold start: no saved graph, so clusterNewFaces builds it over every face, then saves it.
            Path run = work.resolve("run");
            deleteTree(run);
            Files.createDirectories(run);
            copyLibrary(prepared, run);
            try (Database db = Database.open(run)) {
                insertFaces(db, faces, new SplittableRandom(99));
                System.gc();
                resetPeaks();
                double c0 = Measure.processCpuSeconds();
                long t0 = System.nanoTime();
                int n = new People(new SqlitePeopleStore(db)).clusterNewFaces();
                System.out.printf(Locale.ROOT, "COLD new People, no saved graph: add %d: %.1f s wall, %.1f s CPU, peak heap %d MB, load average %.2f%n",
                        n, (System.nanoTime() - t0) / 1e9, Measure.processCpuSeconds() - c0, peakHeapMb(), Measure.loadAverage());
            }
            // The graph covers the prepared faces plus that batch; a later run's read inserts its own faces.
            Files.copy(run.resolve(SqlitePeopleStore.NEIGHBOUR_GRAPH_FILE), prepared.resolve(SqlitePeopleStore.NEIGHBOUR_GRAPH_FILE),
                    StandardCopyOption.REPLACE_EXISTING);
        } else {
            System.out.println("reusing prepared " + prepared);
        }
        if (!Files.exists(prepared.resolve(SqlitePeopleStore.SUGGESTION_STATE_FILE))) {
            // What the last process (the scan that indexed the library) leaves beside it: the suggestion state.
            try (Database db = Database.open(prepared)) {
                long t0 = System.nanoTime();
                new People(new SqlitePeopleStore(db)).refreshAllSuggestions();
                System.out.printf(Locale.ROOT, "prepared the suggestion state: full refresh %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
        }

        int steps = 4;
        double[][] wall = new double[steps][runs];
        double[][] cpu = new double[steps][runs];
        double[][] gc = new double[steps][runs];
        double[][] jit = new double[steps][runs];
        long[] peak = new long[runs];
        String[] what = {"new People (saved graph): add " + faces, "resident index: add " + faces, "nothing new (read + suggestions)",
            "new People, nothing new (e.g. a rescan)"};
        for (int r = 0; r < runs; r++) {
            Path run = work.resolve("run");
            deleteTree(run);
            Files.createDirectories(run);
            copyLibrary(prepared, run);
            try (Database db = Database.open(run)) {
                SplittableRandom rnd = new SplittableRandom(100 + r);
                insertFaces(db, faces, rnd);
                System.gc();
                resetPeaks();
                People people = new People(new SqlitePeopleStore(db));
                for (int step = 0; step < steps; step++) {
                    if (step == 1) {
                        insertFaces(db, faces, rnd);
                    }
                    if (step == 3) {
                        people = new People(new SqlitePeopleStore(db)); // what the next `kindred scan` starts from
                    }
                    double c0 = Measure.processCpuSeconds();
                    double g0 = Measure.gcPauseSeconds();
                    double j0 = Measure.jitSeconds();
                    long t0 = System.nanoTime();
                    int n = people.clusterNewFaces();
                    wall[step][r] = (System.nanoTime() - t0) / 1e9;
                    cpu[step][r] = Measure.processCpuSeconds() - c0;
                    gc[step][r] = Measure.gcPauseSeconds() - g0;
                    jit[step][r] = Measure.jitSeconds() - j0;
                    System.out.printf(Locale.ROOT, "run %d, %-40s %6.2f s wall, %6.2f s CPU (%d faces clustered; of the wall, collector pauses %.2f s; JIT threads %.2f s CPU), load average %.2f%n",
                            r + 1, what[step] + ":", wall[step][r], cpu[step][r], n, gc[step][r], jit[step][r], Measure.loadAverage());
                    System.out.println("    " + people.lastClustering());
                }
                peak[r] = peakHeapMb();
            }
        }
        for (int step = 0; step < steps; step++) {
            System.out.printf(Locale.ROOT, "MEDIAN %-40s %6.2f s wall, %6.2f s CPU (%d runs)%n", what[step] + ":",
                    Measure.median(wall[step]), Measure.median(cpu[step]), runs);
        }
        double[] pk = Arrays.stream(peak).asDoubleStream().toArray();
        System.out.printf(Locale.ROOT, "RESULT faces=%d cold_add_median_s=%.2f cold_add_cpu_s=%.2f cold_add_gc_pause_s=%.2f cold_add_jit_s=%.2f resident_add_median_s=%.2f nothing_new_median_s=%.2f new_process_nothing_new_median_s=%.3f peak_heap_mb_median=%.0f peak_heap_mb_max=%.0f max_heap_mb=%d load_avg=%.2f%n",
                faces, Measure.median(wall[0]), Measure.median(cpu[0]), Measure.median(gc[0]), Measure.median(jit[0]), Measure.median(wall[1]), Measure.median(wall[2]), Measure.median(wall[3]), Measure.median(pk), Arrays.stream(pk).max().orElse(0),
                Runtime.getRuntime().maxMemory() >> 20, Measure.loadAverage());
    }

    /** {@code n} new faces on new photos (three a photo): two thirds near existing faces, one third strangers. */
    private static void insertFaces(Database db, int n, SplittableRandom rnd) {
        long now = System.currentTimeMillis();
        db.transaction(() -> db.write(c -> {
            List<float[]> like = new ArrayList<>();
            String detector;
            String embedder;
            double w;
            double h;
            byte[] landmarks;
            String scheme;
            long folder;
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT embedding FROM faces WHERE embedding IS NOT NULL ORDER BY random() LIMIT " + n)) {
                    while (rs.next()) {
                        like.add(vector(rs.getBytes(1)));
                    }
                }
                try (ResultSet rs = st.executeQuery("""
                        SELECT detector_id, embedder_id, w, h, landmarks, landmark_scheme FROM faces
                        WHERE embedding IS NOT NULL AND min(w, h) >= %s ORDER BY id LIMIT 1""".formatted(PeopleThresholds.MIN_CLUSTER_FACE_PX))) {
                    rs.next();
                    detector = rs.getString(1);
                    embedder = rs.getString(2);
                    w = rs.getDouble(3);
                    h = rs.getDouble(4);
                    landmarks = rs.getBytes(5);
                    scheme = rs.getString(6);
                }
                st.executeUpdate("INSERT INTO folders(path, added_at) VALUES ('/bench/new-" + now + "', " + now + ")");
                try (ResultSet k = st.executeQuery("SELECT last_insert_rowid()")) {
                    k.next();
                    folder = k.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO photos(folder_id, path, size, mtime, content_hash, width, height, orientation, taken_at, status,
                      detector_id, embedder_id, indexed_at, first_seen_at, last_seen_at)
                    VALUES (?, ?, 4000000, ?, ?, 4032, 3024, 1, '2026-11-28T12:00:00', 'indexed', ?, ?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement fs = c.prepareStatement("""
                    INSERT INTO faces(photo_id, x, y, w, h, landmark_scheme, landmarks, score, quality, source, detector_id,
                      embedder_id, embedding, cluster_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'auto', ?, ?, ?, NULL, ?)""")) {
                long photo = -1;
                for (int i = 0; i < n; i++) {
                    if (i % 3 == 0) {
                        ps.setLong(1, folder);
                        ps.setString(2, String.format(Locale.ROOT, "/bench/new-%d/IMG_%06d.jpg", now, i));
                        ps.setLong(3, now);
                        ps.setString(4, Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()));
                        ps.setString(5, detector);
                        ps.setString(6, embedder);
                        ps.setLong(7, now);
                        ps.setLong(8, now);
                        ps.setLong(9, now);
                        ps.executeUpdate();
                        try (ResultSet k = ps.getGeneratedKeys()) {
                            k.next();
                            photo = k.getLong(1);
                        }
                    }
                    float[] base = like.get(i % like.size());
                    // a new face of that face's person, or (one in three) a stranger drawn like a new identity
                    float[] v = rnd.nextInt(3) < 2 ? noisy(base, 0.055, rnd) : noisy(noisy(base, 0.07, rnd), 0.055, rnd);
                    fs.setLong(1, photo);
                    fs.setDouble(2, 100 + (i % 3) * 1200);
                    fs.setDouble(3, 500);
                    fs.setDouble(4, w);
                    fs.setDouble(5, h);
                    fs.setString(6, scheme);
                    fs.setBytes(7, landmarks);
                    fs.setDouble(8, 0.9);
                    fs.setDouble(9, 0.8);
                    fs.setString(10, detector);
                    fs.setString(11, embedder);
                    fs.setBytes(12, ScaleBenchmark.blob(v));
                    fs.setLong(13, now);
                    fs.addBatch();
                }
                fs.executeBatch();
            }
            return null;
        }));
    }

    /** Every clusterable face without a cluster gets one of its own, as the product's clustering leaves a stranger. */
    private static int singletonClusters(Database db) {
        long now = System.currentTimeMillis();
        return db.transaction(() -> db.write(c -> {
            int n = 0;
            List<Long> ids = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT id FROM faces WHERE cluster_id IS NULL AND embedding IS NOT NULL")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            long next;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT coalesce(max(id), 0) + 1 FROM clusters")) {
                rs.next();
                next = rs.getLong(1);
            }
            try (PreparedStatement cl = c.prepareStatement("INSERT INTO clusters(id, created_at) VALUES (?, ?)");
                 PreparedStatement fs = c.prepareStatement("UPDATE faces SET cluster_id = ? WHERE id = ?")) {
                for (long id : ids) {
                    cl.setLong(1, next);
                    cl.setLong(2, now);
                    cl.addBatch();
                    fs.setLong(1, next);
                    fs.setLong(2, id);
                    fs.addBatch();
                    next++;
                    n++;
                }
                cl.executeBatch();
                fs.executeBatch();
            }
            return n;
        }));
    }

    private static void copyLibrary(Path from, Path to) throws Exception {
        try (Database db = Database.open(from)) {
            db.checkpointAndTruncateWal();
        }
        Files.copy(from.resolve(Database.FILE_NAME), to.resolve(Database.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        for (String derived : List.of(SqlitePeopleStore.NEIGHBOUR_GRAPH_FILE, SqlitePeopleStore.SUGGESTION_STATE_FILE)) {
            Path file = from.resolve(derived);
            if (Files.exists(file)) {
                Files.copy(file, to.resolve(derived), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static float[] vector(byte[] b) {
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = bb.getFloat();
        }
        return v;
    }

    /** As ScaleBenchmark's, with noise uniform in ±√3 (standard deviation 1). */
    private static float[] noisy(float[] v, double sigma, SplittableRandom rnd) {
        return ScaleBenchmark.noisy(v, sigma, () -> rnd.nextDouble(-1.7320508, 1.7320508));
    }

    /** Heap in use, sampled (the sum of each pool's own peak overstates it; see HeapSampler). */
    private static final kindred.bench.HeapSampler HEAP = kindred.bench.HeapSampler.start();

    private static void resetPeaks() {
        HEAP.reset();
    }

    private static long peakHeapMb() {
        return HEAP.peakUsedMb();
    }
}
