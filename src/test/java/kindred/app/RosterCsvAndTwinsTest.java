package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A roster given as a CSV file (reference photos wherever they are, one with several faces), and a gallery of a shoot
 * with a RAW+JPEG twin: both files go, under their own names, and a second export into the same folder changes and
 * overwrites nothing.
 */
@Tag("slow")
class RosterCsvAndTwinsTest {

    @TempDir
    Path tmp;

    Path known;
    CliHarness cli;

    @BeforeEach
    void fixtures() throws IOException {
        known = CliHarness.shared().resolve("fixtures/known-people").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(known), "skipped: " + known + " is absent (the shared fixtures are not on this machine)");
        known = known.toRealPath();
        cli = new CliHarness(tmp.resolve("library"));
    }

    private JsonNode ok(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "--json";
        System.arraycopy(args, 0, full, 1, args.length);
        CliHarness.Result r = cli.run(full);
        assertThat(r.exit()).as(String.join(" ", args) + ": " + r.out() + r.err()).isZero();
        return r.json();
    }

    private Path csv(String text) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("roster"));
        return Files.writeString(dir.resolve("roster.csv"), text);
    }

    @Test
    void aReferencePhotoWithSeveralFacesGivesItsLargestAndSaysSo() throws IOException {
        Path roster = csv("name,photo\n\"Biden, Joe\"," + known.resolve("test/obama_and_biden.jpg") + "\n");
        JsonNode r = ok("roster", "import", roster.toString());
        assertThat(r.get("reference_faces").asInt()).isEqualTo(1);
        assertThat(r.get("ambiguous")).hasSize(1);
        assertThat(r.get("ambiguous").get(0).get("faces").asInt()).isEqualTo(3);
        JsonNode named = ok("faces", "--person", "Biden, Joe");
        assertThat(named).hasSize(1);
        JsonNode all = ok("faces", "--photo", known.resolve("test/obama_and_biden.jpg").toString());
        double largest = 0;
        for (JsonNode f : all) {
            largest = Math.max(largest, f.get("w").asDouble() * f.get("h").asDouble());
        }
        assertThat(named.get(0).get("w").asDouble() * named.get(0).get("h").asDouble()).isEqualTo(largest);
    }

    @Test
    void aNameThatExistsIsThatPersonNotASecondOne() throws IOException {
        ok("roster", "import", csv("Obama," + known.resolve("train/obama/obama.jpg") + "\n").toString());
        JsonNode r = ok("roster", "import", csv("obama," + known.resolve("train/obama/obama2.jpg") + "\n").toString());
        assertThat(r.get("people_created").asInt()).isZero();
        JsonNode people = ok("people");
        int persons = 0;
        for (JsonNode p : people) {
            if (p.get("kind").asText().equals("person")) {
                persons++;
                assertThat(p.get("name").asText()).isEqualTo("Obama");
                assertThat(p.get("faces").asInt()).isEqualTo(2);
            }
        }
        assertThat(persons).isEqualTo(1);
    }

    @Test
    void aRosterLineWithoutItsPhotoIsReportedAndTheRestImported() throws IOException {
        Path roster = csv("Obama," + known.resolve("train/obama/obama.jpg") + "\nNobody,missing.jpg\n");
        JsonNode r = ok("roster", "import", roster.toString());
        assertThat(r.get("people").asInt()).isEqualTo(1);
        assertThat(r.get("problems")).hasSize(1);
        assertThat(r.get("problems").get(0).get("reason").asText()).contains("missing.jpg");
    }

    @Test
    void aRawAndJpegTwinAreExportedTogetherAndASecondExportChangesNothing() throws IOException {
        Path shoot = Files.createDirectories(tmp.resolve("shoot"));
        byte[] jpeg = Files.readAllBytes(known.resolve("test/obama1.jpg"));
        Files.write(shoot.resolve("IMG_0001.JPG"), jpeg);
        Files.write(shoot.resolve("IMG_0001.CR2"), SyntheticRaws.cr2Like(jpeg, 1));
        ok("roster", "import", csv("Obama," + known.resolve("train/obama/obama.jpg") + "\n").toString());
        ok("scan", shoot.toString());
        assertThat(ok("confirm", "--one-in", "10000", "--all-for", "Obama").get("faces_confirmed").asInt()).isEqualTo(1);

        Path out = tmp.resolve("out");
        JsonNode first = ok("export", "photos", "--person", "Obama", "--to", out.toString());
        assertThat(first.get("photos").asInt()).isEqualTo(1);
        assertThat(first.get("files_written").asInt()).isEqualTo(2);
        assertThat(out.resolve("Obama/IMG_0001.JPG")).hasSameBinaryContentAs(shoot.resolve("IMG_0001.JPG"));
        assertThat(out.resolve("Obama/IMG_0001.CR2")).hasSameBinaryContentAs(shoot.resolve("IMG_0001.CR2"));
        assertThat(Files.readString(out.resolve("manifest.csv"))).contains("Obama,IMG_0001.JPG,IMG_0001.CR2,");

        Map<String, String> before = snapshot(out);
        JsonNode second = ok("export", "photos", "--person", "Obama", "--to", out.toString());
        assertThat(second.get("files_written").asInt()).isZero();
        assertThat(second.get("files_already_there").asInt()).isEqualTo(2);
        assertThat(snapshot(out)).isEqualTo(before);
    }

    @Test
    void twinsWhoseNameIsTakenAreNumberedTogether() throws IOException {
        Path shoot = Files.createDirectories(tmp.resolve("shoot"));
        byte[] jpeg = Files.readAllBytes(known.resolve("test/obama1.jpg"));
        Files.write(shoot.resolve("IMG_0001.JPG"), jpeg);
        Files.write(shoot.resolve("IMG_0001.CR2"), SyntheticRaws.cr2Like(jpeg, 1));
        ok("roster", "import", csv("Obama," + known.resolve("train/obama/obama.jpg") + "\n").toString());
        ok("scan", shoot.toString());
        ok("confirm", "--one-in", "10000");
        Path out = tmp.resolve("out");
        Path other = Files.createDirectories(out.resolve("Obama")).resolve("IMG_0001.CR2");
        Files.writeString(other, "another camera's IMG_0001");

        ok("export", "photos", "--person", "Obama", "--to", out.toString());
        assertThat(Files.readString(other)).isEqualTo("another camera's IMG_0001");
        assertThat(out.resolve("Obama/IMG_0001 (2).JPG")).hasSameBinaryContentAs(shoot.resolve("IMG_0001.JPG"));
        assertThat(out.resolve("Obama/IMG_0001 (2).CR2")).hasSameBinaryContentAs(shoot.resolve("IMG_0001.CR2"));
        assertThat(out.resolve("Obama/IMG_0001.JPG")).doesNotExist();
    }

    @Test
    void linksPointAtTheOriginals() throws IOException {
        ok("roster", "import", csv("Obama," + known.resolve("train/obama/obama.jpg") + "\n").toString());
        ok("scan", known.resolve("test").toString());
        ok("confirm", "--one-in", "10000", "--all-for", "Obama");
        Path out = tmp.resolve("linked");
        ok("export", "photos", "--person", "Obama", "--folder", known.resolve("test").toString(), "--to", out.toString(), "--link");
        assertThat(Files.readSymbolicLink(out.resolve("Obama/obama1.jpg"))).isEqualTo(known.resolve("test/obama1.jpg"));
        assertThat(ok("export", "photos", "--person", "Obama", "--folder", known.resolve("test").toString(), "--to",
                out.toString(), "--link").get("files_written").asInt()).isZero();
    }

    @Test
    void photosOfTheShootThatShowNobodyNamedAreListedBesideTheGalleries() throws IOException {
        ok("roster", "import", csv("Obama," + known.resolve("train/obama/obama.jpg") + "\n").toString());
        ok("scan", known.resolve("test").toString());
        ok("confirm", "--one-in", "10000", "--all-for", "Obama");
        Path out = tmp.resolve("out");
        JsonNode r = ok("export", "photos", "--person", "Obama", "--folder", known.resolve("test").toString(), "--to", out.toString());
        assertThat(r.get("photos_without_names").asInt()).isEqualTo(3);
        assertThat(java.nio.file.Files.readAllLines(out.resolve("photos-without-names.csv"))).containsExactly("photo,faces",
                known.resolve("test/alex_lacamoire1.jpg") + ",1", known.resolve("test/johnsnow_test1.jpg") + ",1",
                known.resolve("test/kit_with_rose.jpg") + ",2");
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.size(p) + " "
                        + Files.getLastModifiedTime(p).toMillis() + " " + java.util.Arrays.hashCode(Files.readAllBytes(p)) : "dir");
            }
        }
        return out;
    }
}
