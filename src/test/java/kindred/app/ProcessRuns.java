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
        return kindred(library, prefix, List.of(), args);
    }

    /** @param jvmOptions e.g. {@code -Xmx256m} */
    static ProcessBuilder kindred(Path library, List<String> prefix, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
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

    /**
     * A command prefix under which file permissions apply to the process as to any ordinary user: nothing as an
     * ordinary user; as root, {@code setpriv} drops the capabilities that let root ignore permissions
     * (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH). Null when neither works here.
     */
    static List<String> asOrdinaryUser() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        List<String> prefix = List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--");
        try {
            Path probe = java.nio.file.Files.createTempFile("kindred-perm", ".probe");
            java.nio.file.Files.setPosixFilePermissions(probe, java.util.Set.of());
            List<String> cmd = new ArrayList<>(prefix);
            cmd.addAll(List.of("cat", probe.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            int exit = p.waitFor();
            java.nio.file.Files.delete(probe);
            return exit != 0 ? prefix : null; // cat must be refused
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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
