package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real window started as users start it, in its own JVM, with its stderr captured: through {@link Launcher} (what
 * {@code java -jar kindred.jar} and the installed program run) nothing is written to stderr, in particular no
 * "Unsupported JavaFX configuration" warning and no CSS warning; started the old way, JavaFX on the class path, the
 * same capture shows the warning (so the capture does see the window's stderr).
 *
 * <p>The window is known to be up when it has loaded the face models in the background, which it starts only after
 * its first two frames are on screen: the default pack then appears in the library's {@code models} folder.
 */
@Tag("ui")
@Tag("slow")
class LauncherWindowTest {

    /** The longest wait for the window to come up and load its models (s); on 2 busy cores it took about 15 s. */
    static final int UP_WITHIN_SECONDS = 120;

    /** How long the window stays open after that, so that what it writes while idle is captured too (ms). */
    static final int OPEN_MILLIS = 3000;

    @TempDir
    Path tmp;

    @Test
    void theWindowStartedThroughTheLauncherWritesNothingToStderr() throws Exception {
        String err = startWindow(true);

        assertThat(err).doesNotContain("Unsupported JavaFX configuration").doesNotContain("WARNING")
                .doesNotContain("Exception").isBlank();
    }

    @Test
    void theWindowStartedWithJavaFxOnTheClassPathShowsTheWarningTheLauncherAvoids() throws Exception {
        String err = startWindow(false);

        assertThat(err).contains("Unsupported JavaFX configuration");
    }

    /** Starts the window in a JVM of its own, waits until it is up, closes it, returns its stderr. */
    private String startWindow(boolean throughLauncher) throws Exception {
        String display = System.getenv("DISPLAY");
        assumeTrue(display != null && !display.isBlank(), "no DISPLAY: the window cannot be started (CI starts Xvfb)");
        List<String> javafx = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            (e.contains(File.separator + "org" + File.separator + "openjfx" + File.separator) ? javafx : rest).add(e);
        }
        assumeTrue(!javafx.isEmpty(), "JavaFX is not on the test class path as Maven's jars");
        Path library = tmp.resolve("library");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        if (throughLauncher) {
            cmd.addAll(List.of("-D" + Launcher.JAVAFX_PATH_PROPERTY + "=" + String.join(File.pathSeparator, javafx),
                    "-cp", String.join(File.pathSeparator, rest), Launcher.class.getName()));
        } else {
            List<String> all = new ArrayList<>(rest);
            all.addAll(javafx);
            cmd.addAll(List.of("-cp", String.join(File.pathSeparator, all), Main.class.getName()));
        }
        cmd.addAll(List.of("--library", library.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DISPLAY", display);
        pb.environment().remove("KINDRED_LIBRARY");
        File err = tmp.resolve("stderr.txt").toFile();
        pb.redirectError(err).redirectOutput(tmp.resolve("stdout.txt").toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(UP_WITHIN_SECONDS);
            while (!modelsLoaded(library)) {
                assertThat(p.isAlive()).as("the window process ended early:\n" + Files.readString(err.toPath())).isTrue();
                assertThat(System.nanoTime()).as("the window did not come up within " + UP_WITHIN_SECONDS + " s").isLessThan(deadline);
                Thread.sleep(250);
            }
            Thread.sleep(OPEN_MILLIS);
            assertThat(p.isAlive()).as("the window stays open:\n" + Files.readString(err.toPath())).isTrue();
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return Files.readString(err.toPath());
    }

    private static boolean modelsLoaded(Path library) throws Exception {
        Path models = library.resolve("models");
        if (!Files.isDirectory(models)) {
            return false;
        }
        try (Stream<Path> s = Files.list(models)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".tflite"));
        }
    }
}
