package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kindred audit --json` against a scripted sequence of namings, confirmations and rejections on a real library file. */
class AuditCommandTest {

    @TempDir
    Path tmp;

    private CliHarness cli;

    private JsonNode ok(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "--json";
        System.arraycopy(args, 0, full, 1, args.length);
        CliHarness.Result r = cli.run(full);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r.json();
    }

    /** face id → "state person" as `kindred faces` shows it. */
    private Map<Long, String> faces() {
        Map<Long, String> out = new TreeMap<>();
        ok("faces").forEach(f -> out.put(f.get("id").asLong(), f.get("state").asText() + " " + f.get("person").asText()));
        return out;
    }

    private void assertSuggested(long face, String person) {
        assertThat(faces().get(face)).as("face %d before the decision", face).isEqualTo("unconfirmed " + person);
    }

    @Test
    void auditCountsAcceptedAndRejectedSuggestionsPerPersonAndOverall() throws Exception {
        Path library = tmp.resolve("library");
        SyntheticLibrary lib = new SyntheticLibrary(library, 42);
        cli = new CliHarness(library);
        float[] anna = lib.randomDirection();
        float[] ben = lib.atCosine(anna, 0.0);
        float[] cara = lib.atCosine(anna, 0.85); // Anna's look-alike sister
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            v.add(lib.atCosine(anna, 0.97));
        }
        for (int i = 0; i < 6; i++) {
            v.add(lib.atCosine(ben, 0.97));
        }
        for (int i = 0; i < 4; i++) {
            v.add(lib.atCosine(cara, 0.97));
        }
        List<Long> ids = lib.addFaces("/synthetic", v);
        List<Long> a = ids.subList(0, 8);
        List<Long> b = ids.subList(8, 14);
        List<Long> c = ids.subList(14, 18);

        JsonNode empty = ok("audit");
        assertThat(empty.get("suggestions_accepted").asInt()).isZero();
        assertThat(empty.get("suggestion_precision").isNull()).isTrue();

        ok("name", "--face", "" + a.get(0), "Anna");             // not a suggestion: no count
        ok("name", "--face", "" + b.get(0), "Ben");              // not a suggestion
        assertSuggested(a.get(1), "Anna");
        ok("name", "--face", "" + a.get(1), "Anna");             // Anna accepted 1
        assertSuggested(a.get(2), "Anna");
        ok("name", "--face", "" + a.get(2), "Anna");             // Anna accepted 2
        assertSuggested(b.get(1), "Ben");
        ok("name", "--face", "" + b.get(1), "Ben");              // Ben accepted 1
        assertSuggested(c.get(0), "Anna");
        ok("reject", "--face", "" + c.get(0));                     // Anna rejected 1
        assertSuggested(c.get(1), "Anna");
        ok("reject", "--face", "" + c.get(1));                     // Anna rejected 2
        assertSuggested(c.get(2), "Anna");
        ok("name", "--face", "" + c.get(2), "Cara");             // Anna rejected 3 (named someone else)
        assertSuggested(b.get(2), "Ben");
        ok("reject", "--face", "" + b.get(2));                     // Ben rejected 1
        assertSuggested(a.get(3), "Anna");
        ok("name", "--face", "" + a.get(3), "Ben");              // Anna rejected 4 (a slip of the user) ...
        ok("name", "--face", "" + a.get(3), "Anna");             // ... corrected: confirmed for two people, no count

        JsonNode audit = ok("audit");
        assertThat(audit.get("confirmed_faces").asInt()).isEqualTo(7); // Anna 4, Ben 2, Cara 1
        assertThat(audit.get("suggestions_accepted").asInt()).isEqualTo(3);
        assertThat(audit.get("suggestions_rejected").asInt()).isEqualTo(5);
        assertThat(audit.get("suggestion_precision").asDouble()).isEqualTo(0.375);
        Map<String, JsonNode> people = new TreeMap<>();
        audit.get("people").forEach(p -> people.put(p.get("name").asText(), p));
        assertThat(people).containsOnlyKeys("Anna", "Ben", "Cara");
        JsonNode annaRow = people.get("Anna");
        assertThat(annaRow.get("confirmed_faces").asInt()).isEqualTo(4);
        assertThat(annaRow.get("suggestions_accepted").asInt()).isEqualTo(2);
        assertThat(annaRow.get("suggestions_rejected").asInt()).isEqualTo(4);
        assertThat(annaRow.get("suggestion_precision").asDouble()).isEqualTo(0.3333);
        assertThat(annaRow.get("often_rejected").asBoolean()).as("Anna's look-alike sister").isTrue();
        assertThat(annaRow.get("confused_with").toString()).isEqualTo("[\"Ben\",\"Cara\"]");
        JsonNode benRow = people.get("Ben");
        assertThat(benRow.get("suggestions_accepted").asInt()).isEqualTo(1);
        assertThat(benRow.get("suggestions_rejected").asInt()).isEqualTo(1);
        assertThat(benRow.get("suggestion_precision").asDouble()).isEqualTo(0.5);
        assertThat(benRow.get("often_rejected").asBoolean()).as("too few decisions to say").isFalse();
        assertThat(people.get("Cara").get("suggestion_precision").isNull()).isTrue();
        JsonNode twice = audit.get("faces_confirmed_for_two_people");
        assertThat(twice.size()).isEqualTo(1);
        assertThat(twice.get(0).get("face").asLong()).isEqualTo(a.get(3));
        assertThat(twice.get(0).get("people").toString()).isEqualTo("[\"Ben\",\"Anna\"]");
        JsonNode bench = audit.get("benchmark");
        assertThat(bench.get("dataset").asText()).isEqualTo("LFW pairsDevTest");
        assertThat(bench.get("accuracy").asDouble()).isEqualTo(0.986);
        assertThat(bench.get("measured_on").asText()).isEqualTo("2026-12-06");

        // Merging Cara into Anna says they are one person: the suggestion "Anna" for Cara's face was right after all.
        // Forgetting Anna then erases the history about her.
        ok("merge", "--person", "Cara", "--into", "Anna");
        JsonNode merged = ok("audit");
        assertThat(merged.get("suggestions_accepted").asInt()).isEqualTo(4);
        assertThat(merged.get("suggestions_rejected").asInt()).isEqualTo(4);
        ok("forget", "--person", "Anna");
        JsonNode afterForget = ok("audit");
        assertThat(afterForget.get("suggestions_accepted").asInt()).isEqualTo(1);
        assertThat(afterForget.get("suggestions_rejected").asInt()).isEqualTo(1);
        assertThat(afterForget.get("faces_confirmed_for_two_people").size()).isZero();

        String text = cli.run("audit").out();
        assertThat(text).contains("right 50 % of the time").contains("LFW pairsDevTest").contains("2026-12-06");
    }
}
