package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Every command answers --help with its own usage and exit 0, before checking its parameters. */
class HelpOptionsTest {

    @TempDir
    Path library;

    @ParameterizedTest
    @ValueSource(strings = {"scan", "status", "faces", "people", "name", "suggestions", "confirm", "reject", "merge", "search", "forget", "recluster",
        "models", "bench", "eval cluster", "xmp export", "xmp import", "backup", "restore", "log", "audit", "export-data", "folders", "folders move", "folders remove", "watch"})
    void eachCommandPrintsItsUsageForHelp(String command) {
        String[] words = command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";

        CliHarness.Result r = new CliHarness(library).run(args);

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Usage: kindred " + command).contains("-h, --help");
        assertThat(r.err()).isEmpty();
    }
}
