package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privacy by construction: the whole workflow (scan, name, XMP export, audit) runs in a process with no network at
 * all; with logging at DEBUG, no name, embedding or face box reaches the log.
 */
@Tag("slow")
class PrivacyTest {

    private static final String SECRET_NAME = "Zephyrine Quillbottom";

    /** Eight or more numbers with a fraction in a row, separated by commas or spaces: an embedding, printed. */
    private static final Pattern FLOAT_RUN = Pattern.compile("(-?\\d+\\.\\d+(?:[eE]-?\\d+)?[,;\\s]+){7,}-?\\d+\\.\\d+");

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private Path photos() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        for (int i = 1; i <= 6; i++) {
            Files.copy(CliHarness.testPhotos().resolve("sample" + i + ".jpg"), dir.resolve("sample" + i + ".jpg"));
        }
        return dir;
    }

    private Run run(Path library, List<String> prefix, List<String> env, String... args) throws Exception {
        // The product's logging configuration (logback.xml, KINDRED_LOG), not the tests' (logback-test.xml).
        Path classes = Path.of(Services.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ProcessBuilder pb = ProcessRuns.kindred(library, prefix,
                List.of("-Dlogback.configurationFile=" + classes.resolve("logback.xml")), args);
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("kindred %s finished", String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static long biggestCluster(String peopleJson) throws Exception {
        JsonNode all = new ObjectMapper().readTree(peopleJson);
        long best = -1;
        int faces = -1;
        for (JsonNode c : all) {
            if (c.has("id") && c.path("faces").asInt() > faces && !c.path("kind").asText("cluster").equals("person")) {
                best = c.get("id").asLong();
                faces = c.path("faces").asInt();
            }
        }
        assertThat(best).as("a cluster in %s", peopleJson).isPositive();
        return best;
    }

    /** The whole workflow: scan, list, name a cluster, export sidecars, audit. Returns the runs' stderr. */
    private List<Run> workflow(Path library, Path photos, List<String> prefix, List<String> env) throws Exception {
        List<Run> runs = new ArrayList<>();
        Run scan = run(library, prefix, env, "--json", "scan", photos.toString());
        runs.add(scan);
        assertThat(scan.exit()).as("scan: %s", scan.err()).isZero();
        Run people = run(library, prefix, env, "--json", "people");
        runs.add(people);
        assertThat(people.exit()).as("people: %s", people.err()).isZero();
        Run name = run(library, prefix, env, "name", "--cluster", "" + biggestCluster(people.out()), SECRET_NAME);
        runs.add(name);
        assertThat(name.exit()).as("name: %s", name.err()).isZero();
        Run export = run(library, prefix, env, "--json", "xmp", "export", "--sidecar");
        runs.add(export);
        assertThat(export.exit()).as("xmp export: %s", export.err()).isZero();
        assertThat(new ObjectMapper().readTree(export.out()).path("photos_written").asInt()).isPositive();
        Run audit = run(library, prefix, env, "--json", "audit");
        runs.add(audit);
        assertThat(audit.exit()).as("audit: %s", audit.err()).isZero();
        return runs;
    }

    @Test
    void scanNameExportAndAuditWorkWithNoNetworkAtAll() throws Exception {
        if (!ProcessRuns.canUnshareNetwork()) {
            System.out.println("PrivacyTest: skipped the no-network run: `unshare -n` is not permitted here, "
                    + "so a process without a network cannot be made");
            org.junit.jupiter.api.Assumptions.abort("`unshare -n` is not permitted here");
        }
        List<Run> runs = workflow(tmp.resolve("offline"), photos(), List.of("unshare", "-n", "--"), List.of());
        for (Run r : runs) {
            // Nothing tried to reach the network (it would have failed loudly here).
            assertThat(r.err()).doesNotContainIgnoringCase("UnknownHost").doesNotContainIgnoringCase("Network is unreachable")
                    .doesNotContainIgnoringCase("ConnectException").doesNotContainIgnoringCase("SocketException");
        }
    }

    @Test
    void debugLogsHoldNoNameNoEmbeddingAndNoFaceBox() throws Exception {
        Path library = tmp.resolve("logged");
        List<Run> runs = workflow(library, photos(), List.of(), List.of("KINDRED_LOG=DEBUG"));
        StringBuilder log = new StringBuilder();
        runs.forEach(r -> log.append(r.err()));
        String all = log.toString();
        assertThat(all).as("DEBUG logging is on (the test would prove nothing otherwise)").contains("DEBUG");
        assertThat(all).doesNotContain(SECRET_NAME).doesNotContain("Zephyrine").doesNotContain("Quillbottom");
        assertThat(FLOAT_RUN.matcher(all).find()).as("an embedding-like run of numbers in the log:\n%s", all).isFalse();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("library.db"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT x, y, w, h FROM faces")) {
            int boxes = 0;
            while (rs.next()) {
                boxes++;
                double[] b = {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
                // The box's numbers in a row, however printed (rounded, or with decimals).
                String sep = "[^0-9]{1,12}";
                String ints = String.format(Locale.ROOT, "\\b%d%s%d%s%d%s%d\\b", Math.round(b[0]), sep, Math.round(b[1]), sep,
                        Math.round(b[2]), sep, Math.round(b[3]));
                String trunc = String.format(Locale.ROOT, "\\b%d(\\.\\d+)?%s%d(\\.\\d+)?%s%d(\\.\\d+)?%s%d", (long) b[0], sep,
                        (long) b[1], sep, (long) b[2], sep, (long) b[3]);
                assertThat(Pattern.compile(ints).matcher(all).find() || Pattern.compile(trunc).matcher(all).find())
                        .as("face box %s %s %s %s in the log", b[0], b[1], b[2], b[3]).isFalse();
            }
            assertThat(boxes).isPositive();
        }
        System.out.println("PrivacyTest: " + all.lines().count() + " log lines at DEBUG checked");
    }
}
