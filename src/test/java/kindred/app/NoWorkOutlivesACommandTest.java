package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, item 5: no work outlives a command. Every thread a command starts (indexing workers, the clustering
 * preparation, the scan's hash pool, a warm-up) has ended when the command returns, in the tests' in-process runs as
 * in the CLI; nothing writes into the library afterwards, so it can be deleted at once.
 */
@Tag("slow")
class NoWorkOutlivesACommandTest {

    @TempDir
    Path tmp;

    /** The read-only-library case of HostileFilesTest, this many times (-Dkindred.outliveRuns=N to change it). */
    static final int RUNS = Integer.getInteger("kindred.outliveRuns", 30);

    private static Set<Thread> kindredThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("kindred-"))
                .collect(Collectors.toSet());
    }

    @Test
    void noThreadOfKindredIsAliveAfterAScanReturns() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        for (int i = 1; i <= 3; i++) {
            Files.write(photos.resolve("s" + i + ".jpg"), HostileFiles.photo(i));
        }
        Set<Thread> before = kindredThreads(); // another test's window threads, if any, are not this command's
        CliHarness cli = new CliHarness(tmp.resolve("library"));
        assertThat(cli.run("--json", "scan", photos.toString()).json().get("faces_found").asInt()).isPositive();
        List<String> left = kindredThreads().stream().filter(t -> !before.contains(t)).map(t -> t.getName()
                + (t.isDaemon() ? " (daemon)" : "")).sorted().toList();
        assertThat(left).as("threads of Kindred alive after `scan` returned").isEmpty();
    }

    /**
     * A benchmark-style loop over HostileFilesTest.aReadOnlyLibraryIsAClearErrorAndNothingIsLost: scan in-process,
     * make the library read-only for a separate process's scan (when this machine can drop root's override), scan
     * in-process again, and delete the library the moment the command returned. A thread that still wrote into it
     * (the -wal and -shm files of a late reader, a derived file) made the delete fail with DirectoryNotEmptyException.
     * No timing is asserted; the time per run is printed.
     */
    @Test
    void aLibraryCanBeDeletedTheMomentItsCommandReturnedRunAfterRun() throws Exception {
        List<String> asUser = ProcessRuns.asOrdinaryUser();
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.write(photos.resolve("a.jpg"), HostileFiles.photo(1));
        long t0 = System.nanoTime();
        int readOnlyRuns = 0;
        for (int run = 0; run < RUNS; run++) {
            Files.deleteIfExists(photos.resolve("b.jpg"));
            Path library = tmp.resolve("library-" + run);
            assertThat(new CliHarness(library).run("scan", photos.toString()).exit()).isZero();
            Files.write(photos.resolve("b.jpg"), HostileFiles.photo(2));
            if (asUser != null && run % 5 == 0) { // a JVM of its own costs seconds: every fifth run
                Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("r-x------"));
                try {
                    Process p = ProcessRuns.kindred(library, asUser, "scan", photos.toString()).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes());
                    assertThat(p.waitFor()).as(out).isEqualTo(1);
                    readOnlyRuns++;
                } finally {
                    Files.setPosixFilePermissions(library, PosixFilePermissions.fromString("rwx------"));
                }
            }
            CliHarness.Result again = new CliHarness(library).run("--json", "scan", photos.toString());
            assertThat(again.json().get("photos_indexed").asInt()).as(again.err()).isEqualTo(1);
            deleteTree(library); // at once: nothing may still write into it
            assertThat(library).as("run %d", run).doesNotExist();
        }
        System.out.printf("outlive loop: %d runs (%d with a read-only library in a separate process), %.2f s per run%n",
                RUNS, readOnlyRuns, (System.nanoTime() - t0) / 1e9 / RUNS);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
