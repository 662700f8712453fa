package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kindred.cli.KindredCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The command line's words: whole sentences in --help, nothing on stderr but Kindred's own, errors as JSON. */
class CommandLineWordsTest {

    @TempDir
    Path library;

    private static List<CommandSpec> everyCommand() {
        KindredCommand root = new KindredCommand(dir -> {
            throw new AssertionError("no services for help");
        }, dir -> {
            throw new AssertionError("no window in tests");
        }, Path.of("unused"), System.out, System.err);
        List<CommandSpec> all = new ArrayList<>();
        walk(new CommandLine(root), all);
        return all;
    }

    private static void walk(CommandLine c, List<CommandSpec> into) {
        into.add(c.getCommandSpec());
        c.getSubcommands().values().forEach(sub -> walk(sub, into));
    }

    private static boolean wholeSentence(String line) {
        String t = line.replace("%n", "").strip(); // picocli's line break
        return !t.isEmpty() && ".?!)".indexOf(t.charAt(t.length() - 1)) >= 0;
    }

    @Test
    void everyCommandsFirstDescriptionLineIsAWholeSentence() {
        List<String> cut = new ArrayList<>();
        for (CommandSpec spec : everyCommand()) {
            String[] description = spec.usageMessage().description();
            if (description.length == 0 || !wholeSentence(description[0])) {
                cut.add(spec.qualifiedName() + ": " + (description.length == 0 ? "(none)" : description[0]));
            }
        }
        assertThat(cut).as("the command list shows only the first line").isEmpty();
    }

    @Test
    void everyDescriptionLineOfEveryCommandEndsASentence() {
        List<String> cut = new ArrayList<>();
        for (CommandSpec spec : everyCommand()) {
            for (String line : spec.usageMessage().description()) {
                if (!wholeSentence(line)) {
                    cut.add(spec.qualifiedName() + ": " + line);
                }
            }
        }
        assertThat(cut).isEmpty();
    }

    @Test
    void everyOptionAndParameterHasADescriptionThatEndsASentence() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec spec : everyCommand()) {
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                String[] d = a.description();
                if (d.length == 0 || !wholeSentence(d[d.length - 1])) {
                    missing.add(spec.qualifiedName() + " " + a.paramLabel() + (a.isOption()
                            ? " " + ((CommandLine.Model.OptionSpec) a).longestName() : "") + ": " + String.join(" ", d));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theCommandListShowsNoLineCutMidSentence() {
        CliHarness.Result r = new CliHarness(library).run("--help");

        assertThat(r.out()).doesNotContain("new and changed photos are\n").doesNotContain("times a bare\n");
    }

    @Test
    void scanningTheDemoPhotosPrintsNothingOnStderr() throws Exception {
        Process p = ProcessRuns.kindred(library, List.of(), "scan", CliHarness.testPhotos().toAbsolutePath().toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
    }

    @Test
    void scanningAFolderThatDoesNotExistPrintsOnlyKindredsMessage() throws Exception {
        Process p = ProcessRuns.kindred(library, List.of(), "scan", library.resolve("no-such-folder").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(err.lines().toList()).singleElement().satisfies(l -> assertThat(l).startsWith("kindred: The folder"));
    }

    @Test
    void withJsonAFailedCommandPrintsAnErrorObjectAndExitsOne() {
        CliHarness.Result r = new CliHarness(library).run("--json", "scan", library.resolve("no-such-folder").toString());

        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = r.json();
        assertThat(j.get("error").asText()).isEqualTo("missing_folder");
        assertThat(j.get("message").asText()).contains("does not exist");
        assertThat(j.get("hint").asText()).startsWith("Check the path");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void withJsonBadUsagePrintsAnErrorObjectAndExitsTwo() {
        CliHarness.Result r = new CliHarness(library).run("--json", "name", "Ben");

        assertThat(r.exit()).isEqualTo(2);
        JsonNode j = r.json();
        assertThat(j.get("error").asText()).isEqualTo("usage");
        assertThat(j.get("message").asText()).isNotBlank();
        assertThat(j.get("hint").asText()).contains("kindred name --help");
    }

    @Test
    void withJsonAnUnknownClusterIsAnErrorObjectThatSaysItDoesNotExist() {
        CliHarness.Result r = new CliHarness(library).run("--json", "name", "--cluster", "9999", "Ben");

        assertThat(r.exit()).isEqualTo(1);
        JsonNode j = r.json();
        assertThat(j.get("error").asText()).isEqualTo("library");
        assertThat(j.get("message").asText()).startsWith("There is no unnamed group 9999").doesNotContain("any more");
    }
}
