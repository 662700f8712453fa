package kindred.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's start-up race, in fresh JVMs: the model warm-up and the first thumbnail, face crop and HEIC
 * thumbnail on image threads, the decodes starting just as the warm-up loads its first JNI library
 * ({@link NativeStartRace}). Before {@link NativeLibraries}, the warm-up thread (holding JavaCPP's
 * {@code Loader} lock, inside OpenBLAS's {@code JNI_OnLoad}) and the thumbnail thread (inside
 * {@code Pointer.<clinit>}, waiting for that lock) deadlocked in every attempt.
 */
@Tag("slow")
class NativeStartDeadlockTest {

    /**
     * Fresh JVMs raced. With the classes before NativeLibraries, 13 attempts of 16 deadlocked (4 of 4, 7 of 10 and
     * 2 of 2 in three runs), so 10 attempts all miss a regression of that kind with a chance of about (3/16)^10,
     * under 10^-7. With it, 50 of 50 finished (about 1.6 s each). -Dkindred.nativeRaceAttempts=N runs more.
     */
    static final int ATTEMPTS = Integer.getInteger("kindred.nativeRaceAttempts", 10);

    /**
     * How long an attempt's tasks may take before it counts as hung, in seconds: a whole attempt (a JVM started,
     * every library loaded, the models built) takes 1.6 s on average on the 2 shared cores here; a deadlock never
     * ends. A bound, not a measurement: the attempt then prints
     * its threads.
     */
    static final long HUNG_AFTER_SECONDS = 120;

    @Test
    void warmUpAndFirstThumbnailsStartingTogetherInAFreshJvmNeverDeadlock(@TempDir Path models) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), () -> {
            String why = "skipped: the race starts the decodes when /proc/self/maps shows a JNI library (Linux only)";
            System.out.println(why);
            return why;
        });
        Path jpeg = TestPhotos.sample(1);
        Path heic = heicOrNull();

        List<String> failures = new ArrayList<>();
        for (int i = 1; i <= ATTEMPTS && failures.isEmpty(); i++) {
            Attempt a = attempt(models, jpeg, heic);
            if (a.exit() != 0) {
                failures.add("attempt " + i + " of " + ATTEMPTS + " ended with " + a.exit() + ":\n" + a.output());
            }
        }
        System.out.println(ATTEMPTS + " fresh JVMs raced the warm-up against the first decodes"
                + (heic == null ? " (no HEIC)" : " (with a HEIC)") + ": " + (failures.isEmpty() ? "none hung" : failures.size() + " failed"));

        assertThat(failures).as("attempts that hung (a thread dump follows) or failed").isEmpty();
    }

    /** An iPhone HEIC from the shared fixtures, or null (the race still runs, without it) when they are absent. */
    private static Path heicOrNull() {
        Path dir = Path.of(System.getProperty("kindred.shared", "../shared")).resolve("fixtures/formats/heic");
        Path heic = dir.resolve("iphone7_grid_IMG_2682.heic");
        if (!Files.isRegularFile(heic)) {
            System.out.println("note: " + heic + " is absent (the shared development folder exists only in the team's "
                    + "workplace): the race runs without a HEIC thumbnail");
            return null;
        }
        return heic;
    }

    private record Attempt(int exit, String output) {
    }

    private static Attempt attempt(Path models, Path jpeg, Path heic) throws IOException, InterruptedException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true",
                NativeStartRace.class.getName(), models.toString(), jpeg.toString(), heic == null ? "-" : heic.toString(),
                Long.toString(HUNG_AFTER_SECONDS), NativeStartRace.JNI);
        Path log = Files.createTempFile("kindred-native-race", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // The child dumps its threads and exits after HUNG_AFTER_SECONDS; this bound is for a child so stuck
            // that it cannot (then its output so far is reported, and it is killed).
            if (!p.waitFor(HUNG_AFTER_SECONDS * 2, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Attempt(-1, "did not exit within " + HUNG_AFTER_SECONDS * 2 + " s\n" + read(log));
            }
            return new Attempt(p.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
