package kindred.app;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts Kindred as a separate process (a real JVM that can be killed), with the test's classpath. */
final class ProcessRuns {

    private ProcessRuns() {
    }

    static ProcessBuilder kindred(Path library, List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-Djava.awt.headless=true");
        cmd.add(Main.class.getName());
        cmd.add("--library");
        cmd.add(library.toString());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    static String classpathDescription() {
        return String.join(File.pathSeparator, System.getProperty("java.class.path"));
    }

    /** Whether this machine lets us start a process with no network at all ({@code unshare -n}). */
    static boolean canUnshareNetwork() {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
