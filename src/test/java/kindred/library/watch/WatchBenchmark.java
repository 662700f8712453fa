package kindred.library.watch;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import kindred.app.Services;
import kindred.library.DistinctJpegs;
import kindred.library.FaceQuery;

/**
 * Watching a large tree (issue 18): {@code photos} photos in {@code folders} folders. Prints the watcher's start-up time
 * (every directory watched and compared with its stored modification time), the heap and resident memory it adds, and
 * the delay from a photo appearing in a random folder to its faces being stored; then the same start-up with every
 * directory past the watch limit (polled), and one polling round. Not a test: figures, medians of several runs.
 *
 * <p>The tree: distinct tiny JPEGs (32×32 grey, a comment making each content unique, 361 bytes, one 4 KB block each
 * on ext4: 411 MB for 100,000), made once in {@code dir/tree} and reused. The library knows them from a real walk
 * ({@code kindred scan}'s FolderScanner: registered, hashed, directory times stored); their indexing is skipped (marked
 * indexed), as this measures watching, not indexing. The photo that appears is a demo photo with 3 faces, indexed for
 * real by one worker.
 *
 * <p>Usage: {@code docs/bench/watch.sh [photos] [folders] [runs] [dir]} (defaults 100000, 5000, 3, /tmp/kindred-watch-bench).
 */
public final class WatchBenchmark {

    private WatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int photos = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int folders = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Path.of(args.length > 3 ? args[3] : "/tmp/kindred-watch-bench");
        Path tree = dir.resolve("tree");
        Path library = dir.resolve("library");
        prepare(tree, library, photos, folders);
        System.out.printf("tree: %,d photos in %,d folders (%s); inotify max_user_watches %s; load average %.1f%n", photos, folders,
                tree, read("/proc/sys/fs/inotify/max_user_watches"), loadAverage());

        List<Double> startSeconds = new ArrayList<>();
        List<Double> heapMb = new ArrayList<>();
        List<Double> rssMb = new ArrayList<>();
        List<Double> delays = new ArrayList<>();
        Random random = new Random(1);
        byte[] demo = Files.readAllBytes(Path.of(System.getProperty("kindred.testPhotos", "target/test-photos")).resolve("sample2.jpg"));
        for (int run = 0; run < runs; run++) {
            try (Services s = new Services(library, 1)) {
                s.queries().counts(); // the library open (and its models) before the clock starts
                s.models().activePack();
                s.scans().warmUp();
                double heapBefore = usedHeapMb();
                double rssBefore = rssMb();
                java.util.concurrent.CountDownLatch watching = new java.util.concurrent.CountDownLatch(1);
                long t0 = System.nanoTime();
                s.watch().start(e -> {
                    if (e.what() == LibraryWatch.What.WATCHING) {
                        watching.countDown();
                    }
                });
                watching.await();
                double started = (System.nanoTime() - t0) / 1e9;
                startSeconds.add(started);
                heapMb.add(usedHeapMb() - heapBefore);
                rssMb.add(rssMb() - rssBefore);
                LibraryWatch.Status st = s.watch().status();
                System.out.printf("run %d: started in %.2f s (%,d directories watched, %,d polled); heap +%.1f MB, RSS +%.1f MB%n",
                        run + 1, started, st.watchedDirs(), st.polledDirs(), heapMb.get(run), rssMb.get(run));
                for (int k = 0; k < 3; k++) {
                    Path target = tree.resolve(String.format("d%05d", random.nextInt(folders))).resolve("NEW_" + run + "_" + k + ".jpg");
                    long a = System.nanoTime();
                    Files.write(target, DistinctJpegs.tagged(demo, target.toString()));
                    while (s.queries().faces(new FaceQuery(target.toString(), null, null)).isEmpty()) {
                        Thread.sleep(20);
                    }
                    double d = (System.nanoTime() - a) / 1e9;
                    delays.add(d);
                    System.out.printf("  a photo in %s: faces stored after %.2f s%n", target.getParent().getFileName(), d);
                }
            }
        }
        System.out.printf("MEDIANS over %d runs: start-up %.2f s, heap +%.1f MB, RSS +%.1f MB; appear-to-faces %.2f s (%d photos, %.2f–%.2f s)%n",
                runs, median(startSeconds), median(heapMb), median(rssMb), median(delays), delays.size(),
                Collections.min(delays), Collections.max(delays));
        double polledStart;
        double pollRound;

        // Past the watch limit: every directory polled by its modification time.
        System.setProperty(DirectoryWatcher.MAX_WATCHES_PROPERTY, "0");
        try (Services s = new Services(library, 1)) {
            s.queries().counts();
            java.util.concurrent.CountDownLatch watching = new java.util.concurrent.CountDownLatch(1);
            long t0 = System.nanoTime();
            s.watch().start(e -> {
                if (e.what() == LibraryWatch.What.WATCHING) {
                    watching.countDown();
                }
            });
            watching.await();
            double started = (System.nanoTime() - t0) / 1e9;
            // One polling round: a stat of every directory, as the watcher does every POLL_MILLIS.
            List<Double> rounds = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                long a = System.nanoTime();
                for (int i = 0; i < folders; i++) {
                    Files.getLastModifiedTime(tree.resolve(String.format("d%05d", i)));
                }
                rounds.add((System.nanoTime() - a) / 1e6);
            }
            System.out.printf("all %,d directories polled: started in %.2f s; one polling round (a stat each) %.1f ms median of 5, "
                    + "every %d s%n", s.watch().status().polledDirs(), started, median(rounds), LibraryWatch.POLL_MILLIS / 1000);
            polledStart = started;
            pollRound = median(rounds);
        } finally {
            System.clearProperty(DirectoryWatcher.MAX_WATCHES_PROPERTY);
        }
        cleanNewPhotos(tree, library);
        // One line for docs/bench/medians.awk (the script runs one fresh JVM per run): the first run's figures.
        System.out.printf(java.util.Locale.ROOT, "RESULT start_s=%.2f heap_mb=%.1f rss_mb=%.1f delay_s=%.2f polled_start_s=%.2f poll_round_ms=%.1f load=%.1f%n",
                startSeconds.get(0), heapMb.get(0), rssMb.get(0), median(delays), polledStart, pollRound, loadAverage());
    }

    /** The tree and a library that knows it (made once; reused while the counts match). */
    private static void prepare(Path tree, Path library, int photos, int folders) throws Exception {
        Path marker = tree.resolve(".made-" + photos + "-" + folders);
        if (!Files.exists(marker)) {
            deleteTree(tree);
            deleteTree(library);
            byte[] tiny = tinyJpeg();
            long t0 = System.nanoTime();
            int per = photos / folders;
            for (int d = 0; d < folders; d++) {
                Path dir = Files.createDirectories(tree.resolve(String.format("d%05d", d)));
                for (int i = 0; i < per; i++) {
                    Path f = dir.resolve(String.format("IMG_%05d.jpg", d * per + i));
                    Files.write(f, DistinctJpegs.tagged(tiny, f.getFileName().toString()));
                }
            }
            System.out.printf("made the tree in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            try (Services s = new Services(library, 1)) {
                s.scanner().scan(List.of(tree));
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                 Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM jobs");
                st.executeUpdate("UPDATE photos SET status = 'indexed', indexed_at = 1");
            }
            System.out.printf("registered the tree (a real walk: hashes, directory times) in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            Files.createFile(marker);
        }
        cleanNewPhotos(tree, library);
    }

    /** Removes the photos earlier runs added, from the tree and the library. */
    private static void cleanNewPhotos(Path tree, Path library) throws Exception {
        try (var s = Files.find(tree, 2, (p, a) -> p.getFileName().toString().startsWith("NEW_"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        if (Files.exists(library.resolve("library.db"))) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
                 Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM photos WHERE path LIKE '%/NEW\\_%' ESCAPE '\\'");
            }
        }
        // The directories that got a photo changed their mtime: the next start lists those few again, as it should.
    }

    private static byte[] tinyJpeg() throws Exception {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    private static double usedHeapMb() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1e6;
    }

    private static double rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static double loadAverage() throws Exception {
        return Double.parseDouble(read("/proc/loadavg").split(" ")[0]);
    }

    private static String read(String file) throws Exception {
        return Files.readAllLines(Path.of(file)).get(0).strip();
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.isEmpty() ? Double.NaN : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
