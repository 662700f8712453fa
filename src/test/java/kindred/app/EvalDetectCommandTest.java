package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kindred eval detect}: the breakdowns and {@code --half}, on six real WIDER photos of the shared development set. */
class EvalDetectCommandTest {

    /** Photos of ../shared/eval/wider-family-dev taken for this test: four in the choose half, two in the report half. */
    private static final int PHOTOS = 6;

    @TempDir
    Path tmp;

    private static Path wider() {
        Path dir = CliHarness.shared().resolve("eval/wider-family-dev");
        assumeTrue(Files.exists(dir.resolve("ground-truth.txt")), () -> {
            String why = "skipped: " + dir + " is absent (the shared development folder exists only in the team's workplace)";
            System.out.println(why);
            return why;
        });
        return dir;
    }

    /** The first {@link #PHOTOS} photos of the shared ground truth, as a file of their own. */
    private Path firstPhotos(Path wider) throws Exception {
        List<String> lines = Files.readAllLines(wider.resolve("ground-truth.txt"));
        List<String> out = new ArrayList<>();
        int i = 0;
        for (int photo = 0; photo < PHOTOS; photo++) {
            out.add(lines.get(i));
            int n = Integer.parseInt(lines.get(i + 1).strip());
            out.addAll(lines.subList(i + 1, i + 2 + Math.max(n, 1)));
            i += 2 + Math.max(n, 1);
        }
        Path gt = tmp.resolve("gt.txt");
        Files.write(gt, out);
        return gt;
    }

    @Test
    void detectReportsEachHalfWithBreakdownsByEventAndFaceHeight() throws Exception {
        Path wider = wider();
        Path gt = firstPhotos(wider);
        CliHarness cli = new CliHarness(tmp.resolve("library"));
        JsonNode all = cli.run("--json", "eval", "detect", "--images", wider.resolve("images").toString(), "--wider-gt", gt.toString()).json();
        JsonNode choose = cli.run("--json", "eval", "detect", "--images", wider.resolve("images").toString(), "--wider-gt", gt.toString(),
                "--half", "choose").json();
        JsonNode report = cli.run("--json", "eval", "detect", "--images", wider.resolve("images").toString(), "--wider-gt", gt.toString(),
                "--half", "report").json();
        assertThat(all.get("images").asInt()).isEqualTo(PHOTOS);
        assertThat(choose.get("images").asInt() + report.get("images").asInt()).isEqualTo(PHOTOS);
        assertThat(choose.get("faces").asInt() + report.get("faces").asInt()).isEqualTo(all.get("faces").asInt());
        assertThat(report.get("half").asText()).isEqualTo("report");
        List<String> sizes = new ArrayList<>();
        long faces = 0;
        for (JsonNode s : all.get("by_size")) {
            sizes.add(s.get("name").asText());
            faces += s.get("faces").asLong();
            assertThat(s.get("found").asLong()).isLessThanOrEqualTo(s.get("faces").asLong());
        }
        assertThat(sizes).containsExactly("32-64", "64-128", "128+");
        assertThat(faces).isEqualTo(all.get("faces").asLong());
        assertThat(all.get("by_event").get(0).get("name").asText()).isEqualTo("19--Couple");
        assertThat(all.get("by_occlusion")).isNotEmpty();
        assertThat(all.get("by_pose").get(0).get("false_positives").isNull()).isTrue();
    }

    @Test
    void detectTextNamesTheHalfAndPrintsTheSizeTable() throws Exception {
        Path wider = wider();
        Path gt = firstPhotos(wider);
        CliHarness.Result r = new CliHarness(tmp.resolve("library")).run("eval", "detect", "--images", wider.resolve("images").toString(),
                "--wider-gt", gt.toString(), "--half", "report");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("photos: report").contains("By event:").contains("By face height").contains("32-64").contains("128+")
                .contains("By occlusion:").contains("By pose:");
    }

    @Test
    void chooseFindsTheThresholdOnThesePhotosAndGivesTheFiguresAtIt() throws Exception {
        Path wider = wider();
        Path gt = firstPhotos(wider);
        CliHarness cli = new CliHarness(tmp.resolve("library"));
        String[] args = {"--json", "eval", "detect", "--images", wider.resolve("images").toString(), "--wider-gt", gt.toString()};
        JsonNode product = cli.run(args).json();
        List<String> choosing = new ArrayList<>(List.of(args));
        choosing.addAll(List.of("--choose", "0.10"));
        JsonNode chosen = cli.run(choosing.toArray(String[]::new)).json();
        choosing.set(choosing.size() - 1, "5");
        JsonNode generous = cli.run(choosing.toArray(String[]::new)).json();

        assertThat(product.has("chosen")).isFalse();
        assertThat(chosen.get("chosen").asBoolean()).isTrue();
        assertThat(chosen.get("budget").asDouble()).isEqualTo(0.10);
        assertThat(chosen.get("false_positives_per_image_q95").asDouble()).isLessThanOrEqualTo(0.10);
        assertThat(chosen.get("false_positives_per_image").asDouble()).isLessThanOrEqualTo(0.10);
        double t = chosen.get("threshold").asDouble();
        assertThat(t).isBetween(0.3, 0.99);
        assertThat(t * 1000).as("a multiple of 0.001").isCloseTo(Math.rint(t * 1000), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(generous.get("threshold").asDouble()).as("a budget nothing breaks: the lowest score the detector was run at")
                .isEqualTo(0.30);
        assertThat(generous.get("recall").asDouble()).isGreaterThanOrEqualTo(chosen.get("recall").asDouble());
    }

    @Test
    void anUnknownHalfIsRefused() throws Exception {
        CliHarness.Result r = new CliHarness(tmp.resolve("library")).run("eval", "detect", "--images", tmp.toString(),
                "--wider-gt", tmp.resolve("gt.txt").toString(), "--half", "first");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err() + r.out()).contains("--half");
    }
}
