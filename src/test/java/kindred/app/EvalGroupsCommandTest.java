package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kindred.clustering.PersonMatcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kindred eval verify --groups}: the JSON contract, a bad groups file, and the real run recomputed from its pair scores. */
class EvalGroupsCommandTest {

    private static final List<String> ROW_KEYS = List.of("group", "pairs", "accuracy", "false_match_rate", "false_non_match_rate",
            "tar_at_far_0_001");

    @TempDir
    Path tmp;

    private static Path lfw() {
        Path dir = CliHarness.shared().resolve("eval/lfw-dev");
        assumeTrue(Files.exists(dir.resolve("gender.tsv")), () -> {
            String why = "skipped: " + dir + " is absent (the shared development folder exists only in the team's workplace)";
            System.out.println(why);
            return why;
        });
        return dir;
    }

    @Test
    void aBadGroupsFileIsRefusedWithItsLineNumber() throws Exception {
        Files.writeString(tmp.resolve("pairs.txt"), "1\nAnn 1 2\nAnn 1 Bob 1\n");
        Files.writeString(tmp.resolve("groups.tsv"), "# image\tgroup\nAnn_0001.jpg\twoman\nAnn_0002.jpg woman\n");
        CliHarness.Result r = new CliHarness(tmp.resolve("library")).run("--json", "eval", "verify", "--images", tmp.toString(),
                "--pairs", tmp.resolve("pairs.txt").toString(), "--groups", tmp.resolve("groups.tsv").toString());
        assertThat(r.exit()).isEqualTo(1);
        // With --json the error is a JSON object on stdout (issue 19).
        assertThat(r.json().get("error").asText()).isNotBlank();
        assertThat(r.out()).contains("groups.tsv line 3").contains("image<TAB>group").doesNotContain("Exception");
    }

    @Test
    void verifyByGroupReportsEachGroupAcrossGroupsAndUnlabelledPairs() throws Exception {
        Path lfw = lfw();
        // Three pairs of women, one of men, one across, one with an image the groups file does not list (Colin Powell's).
        Files.writeString(tmp.resolve("pairs.txt"), "3\n"
                + "Serena_Williams 1 2\nVenus_Williams 1 2\nTony_Blair 1 2\n"
                + "Serena_Williams 1 Venus_Williams 1\nTony_Blair 1 Colin_Powell 1\nSerena_Williams 2 Tony_Blair 2\n");
        Path groups = tmp.resolve("groups.tsv");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(lfw.resolve("gender.tsv"))) {
            if (!line.startsWith("Colin_Powell_0001")) {
                lines.add(line);
            }
        }
        Files.write(groups, lines);
        CliHarness.Result r = new CliHarness(tmp.resolve("library")).run("--json", "eval", "verify", "--images",
                lfw.resolve("images").toString(), "--pairs", tmp.resolve("pairs.txt").toString(), "--groups", groups.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("suggestion_threshold").asDouble()).isEqualTo(PersonMatcher.SUGGEST_SCORE);
        assertThat(j.get("groups")).hasSize(2);
        for (JsonNode row : j.get("groups")) {
            assertThat(names(row)).containsAll(ROW_KEYS);
        }
        assertThat(j.get("groups").get(0).get("group").asText()).isEqualTo("man");
        assertThat(j.get("groups").get(0).get("pairs").asInt()).isEqualTo(1);
        assertThat(j.get("groups").get(1).get("group").asText()).isEqualTo("woman");
        assertThat(j.get("groups").get(1).get("pairs").asInt()).isEqualTo(3);
        assertThat(names(j.get("cross_group"))).containsAll(ROW_KEYS);
        assertThat(j.get("cross_group").get("pairs").asInt()).isEqualTo(1);
        assertThat(j.get("cross_group").get("false_non_match_rate").isNull()).as("no same-person pair across groups").isTrue();
        assertThat(j.get("unlabelled").get("pairs").asInt()).isEqualTo(1);
        assertThat(j.get("pairs").asInt()).as("the overall keys stay").isEqualTo(6);
    }

    /** The real run on LFW pairsDevTest: the table by group, recomputed here from the pair scores it wrote. */
    @Test
    @Tag("slow")
    void theTableByGroupIsWhatThePairScoresGive() throws Exception {
        Path lfw = lfw();
        Path scores = tmp.resolve("scores.tsv");
        CliHarness.Result r = new CliHarness(tmp.resolve("library")).run("--json", "eval", "verify", "--images",
                lfw.resolve("images").toString(), "--pairs", lfw.resolve("pairsDevTest.txt").toString(),
                "--groups", lfw.resolve("gender.tsv").toString(), "--scores", scores.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();

        Map<String, String> gender = new HashMap<>();
        for (String line : Files.readAllLines(lfw.resolve("gender.tsv"))) {
            String[] t = line.split("\t");
            if (!line.startsWith("#") && t.length == 2) {
                gender.put(t[0], t[1]);
            }
        }
        Map<String, List<double[]>> bySet = new HashMap<>(); // set → {same 0/1, judged 0/1, score}
        int lines = 0;
        for (String line : Files.readAllLines(scores)) {
            if (line.startsWith("#")) {
                continue;
            }
            lines++;
            String[] t = line.split("\t");
            String g1 = gender.get(t[0].substring(t[0].indexOf('/') + 1));
            String g2 = gender.get(t[1].substring(t[1].indexOf('/') + 1));
            String set = g1 == null || g2 == null ? "unlabelled" : g1.equals(g2) ? g1 : "cross_group";
            bySet.computeIfAbsent(set, k -> new ArrayList<>()).add(new double[] {
                    Double.parseDouble(t[2]), Double.parseDouble(t[3]), Double.parseDouble(t[4])});
        }
        assertThat(lines).isEqualTo(1000);
        List<JsonNode> rows = new ArrayList<>();
        j.get("groups").forEach(rows::add);
        rows.add(j.get("cross_group"));
        rows.add(j.get("unlabelled"));
        for (JsonNode row : rows) {
            List<double[]> pairs = bySet.getOrDefault(row.get("group").asText(), List.of());
            assertThat(row.get("pairs").asInt()).as(row.get("group").asText()).isEqualTo(pairs.size());
            expect(row, "accuracy", recomputedAccuracy(pairs));
            expect(row, "false_match_rate", rate(pairs, false));
            expect(row, "false_non_match_rate", rate(pairs, true));
            expect(row, "tar_at_far_0_001", tar(pairs));
        }
        assertThat(rows.get(0).get("pairs").asInt() + rows.get(1).get("pairs").asInt()).as("women and men").isGreaterThan(700);
    }

    private static void expect(JsonNode row, String key, Double value) {
        if (value == null) {
            assertThat(row.get(key).isNull()).as("%s %s is null", row.get("group"), key).isTrue();
        } else {
            assertThat(row.get(key).asDouble()).as("%s %s", row.get("group"), key).isCloseTo(value, within(0.00005));
        }
    }

    private static Double recomputedAccuracy(List<double[]> pairs) {
        if (pairs.isEmpty()) {
            return null;
        }
        long right = pairs.stream().filter(p -> p[1] == 1 && (p[2] >= PersonMatcher.SUGGEST_SCORE) == (p[0] == 1)).count();
        return (double) right / pairs.size();
    }

    /** Same pairs: share below the threshold (false non-match); different pairs: share at or above it (false match). */
    private static Double rate(List<double[]> pairs, boolean same) {
        List<double[]> of = pairs.stream().filter(p -> (p[0] == 1) == same).toList();
        if (of.isEmpty()) {
            return null;
        }
        long wrong = of.stream().filter(p -> (p[1] == 1 && p[2] >= PersonMatcher.SUGGEST_SCORE) != same).count();
        return (double) wrong / of.size();
    }

    /** Same pairs above the score that at most ⌊0.001 · n⌋ of the n different pairs exceed. */
    private static Double tar(List<double[]> pairs) {
        double[] impostors = pairs.stream().filter(p -> p[0] == 0).mapToDouble(p -> p[2]).sorted().toArray();
        double[] genuine = pairs.stream().filter(p -> p[0] == 1).mapToDouble(p -> p[2]).toArray();
        if (impostors.length == 0 || genuine.length == 0) {
            return null;
        }
        double t = impostors[impostors.length - 1 - (int) Math.floor(0.001 * impostors.length)];
        return (double) Arrays.stream(genuine).filter(s -> s > t).count() / genuine.length;
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
