package kindred.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the operating-system scheduling priority (Linux "nice") of the calling thread only. Java's thread
 * priorities do nothing on Linux unless the JVM runs as root, so this asks {@code renice} for the thread's own id
 * (from {@code /proc/thread-self}); a thread's nice value is inherited by threads it creates. Elsewhere, or when
 * {@code renice} is missing, it does nothing and says so (Java's thread priority, which Windows honours, is set
 * by the callers anyway). Lowering a priority needs no privilege.
 */
public final class ThreadNice {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadNice.class);

    /** How long renice may take before the thread goes on at its priority, in seconds. */
    private static final int RENICE_TIMEOUT_SECONDS = 5;

    private ThreadNice() {
    }

    /** Sets the calling thread's nice value to {@code nice} (0..19); true when the system did it. */
    public static boolean lowerCurrentThread(int nice) {
        if (nice <= 0) {
            return false;
        }
        Path self = Path.of("/proc/thread-self");
        try {
            if (!Files.exists(self)) {
                return false;
            }
            String tid = Files.readSymbolicLink(self).getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", String.valueOf(Math.min(19, nice)), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(RENICE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroy();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("could not lower the priority of {}", Thread.currentThread().getName(), e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
