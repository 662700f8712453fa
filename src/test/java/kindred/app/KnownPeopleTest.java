package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The naming workflow on ../shared/fixtures/known-people through the command line: scan `train`, name each
 * person's cluster, scan `test`; the new faces must be suggested for the right people and never the wrong one.
 */
@Tag("slow")
class KnownPeopleTest {

    @TempDir
    Path tmp;

    /** Which person each test photo shows, left to right (by the face's x). */
    static final Map<String, String[]> EXPECTED = Map.of(
            "alex_lacamoire1.jpg", new String[] {"alex_lacamoire"},
            "johnsnow_test1.jpg", new String[] {"kit_harington"},
            "kit_with_rose.jpg", new String[] {"rose_leslie", "kit_harington"},
            "obama1.jpg", new String[] {"obama"},
            "obama_and_biden.jpg", new String[] {"biden", "obama"});

    @Test
    void facesOfNamedPeopleInNewPhotosAreSuggestedRightAndNeverWrong() {
        Path known = CliHarness.shared().resolve("fixtures/known-people");
        assumeTrue(Files.isDirectory(known), "skipped: " + known + " is absent (the shared fixtures are not on this machine)");
        CliHarness cli = new CliHarness(tmp.resolve("library"));
        assertThat(cli.run("scan", known.resolve("train").toString()).exit()).isZero();

        // Name each cluster after the train folder its faces come from.
        JsonNode faces = cli.run("--json", "faces").json();
        Map<Long, String> clusterName = new HashMap<>();
        faces.forEach(f -> clusterName.put(f.get("cluster").asLong(), Path.of(f.get("photo").asText()).getParent().getFileName().toString()));
        assertThat(clusterName).hasSize(5);
        clusterName.forEach((cluster, name) -> assertThat(cli.run("name", "--cluster", cluster.toString(), name).exit()).isZero());

        assertThat(cli.run("scan", known.resolve("test").toString()).exit()).isZero();
        int right = 0;
        int wrong = 0;
        for (var e : EXPECTED.entrySet()) {
            JsonNode inPhoto = cli.run("--json", "faces", "--photo", known.resolve("test").resolve(e.getKey()).toString()).json();
            java.util.List<JsonNode> sorted = new java.util.ArrayList<>();
            inPhoto.forEach(sorted::add);
            sorted.removeIf(f -> f.get("person").isNull());
            sorted.sort(java.util.Comparator.comparingDouble(f -> f.get("x").asDouble()));
            for (int i = 0; i < sorted.size(); i++) {
                JsonNode f = sorted.get(i);
                String person = f.get("person").asText();
                // Left to right when every face got a name; otherwise the person must at least be in the photo.
                boolean ok = sorted.size() == e.getValue().length ? e.getValue()[i].equals(person)
                        : java.util.Arrays.asList(e.getValue()).contains(person);
                if (ok) {
                    right++;
                } else {
                    wrong++;
                }
                assertThat(f.get("state").asText()).isEqualTo("unconfirmed");
            }
        }
        System.out.println("known-people: " + right + " of 7 suggested right, " + wrong + " wrong");
        assertThat(wrong).isZero();
        assertThat(right).isGreaterThanOrEqualTo(6);
    }
}
