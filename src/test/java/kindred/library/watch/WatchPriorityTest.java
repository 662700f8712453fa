package kindred.library.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import kindred.app.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher's two threads run at the window's indexing priority: its look at what changed walks whole folders and
 * writes the library, and at the window's priority it took a core from scrolling (docs/bench/fx-stall.md). Linux only
 * (nice values); real services, no photos needed.
 */
class WatchPriorityTest {

    @TempDir
    Path tmp;

    /** Nice value of each of this process's threads whose name starts with {@code prefix}, by thread id. */
    private static Map<String, Integer> niceOf(String prefix) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                String comm;
                String stat;
                try {
                    comm = Files.readString(t.resolve("comm")).strip();
                    stat = Files.readString(t.resolve("stat"));
                } catch (java.io.IOException gone) {
                    continue; // the thread ended meanwhile
                }
                if (comm.startsWith(prefix)) {
                    // Fields after the name in parentheses: state is field 3, nice field 19.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(t.getFileName().toString(), Integer.parseInt(f[19 - 3]));
                }
            }
        }
        return out;
    }

    @Test
    void theWatchersThreadsRunAtTheWindowsIndexingPriority() throws Exception {
        boolean linux = Files.isDirectory(Path.of("/proc/self/task"));
        boolean renice = linux && new ProcessBuilder("sh", "-c", "command -v renice").start().waitFor() == 0;
        assumeTrue(renice, () -> {
            String why = "skipped: thread priorities are set with Linux's renice, which this system lacks";
            System.out.println(why);
            return why;
        });
        try (Services window = Services.forWindow(tmp.resolve("library"))) {
            window.watch().start(e -> { });
            long until = System.currentTimeMillis() + 60_000;
            Map<String, Integer> nice = niceOf("kindred-watch");
            while ((nice.size() < 2 || nice.values().stream().anyMatch(n -> n != window.indexing().nice()))
                    && System.currentTimeMillis() < until) {
                Thread.sleep(50);
                nice = niceOf("kindred-watch");
            }
            assertThat(window.indexing().nice()).isPositive();
            assertThat(nice).as("kindred-watch and kindred-watch-index").hasSize(2);
            assertThat(nice.values()).containsOnly(window.indexing().nice());
        }
    }
}
