package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kindred scan` end to end: real photos (the npm demo photos), real models, real SQLite file. */
@Tag("slow")
class ScanCommandTest {

    @TempDir
    Path tmp;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        cli = new CliHarness(tmp.resolve("library"));
    }

    @Test
    void scanningTheDemoGroupPhotosFindsTheirFaces() {
        var r = cli.run("--json", "scan", CliHarness.testPhotos().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("photos_seen").asInt()).isEqualTo(6);
        assertThat(j.get("photos_indexed").asInt()).isEqualTo(6);
        assertThat(j.get("photos_failed").asInt()).isZero();
        // 22 faces a person would tag; the issue allows one missed and one extra.
        assertThat(j.get("faces_found").asInt()).isBetween(21, 23);
        for (String key : new String[] {"photos_seen", "photos_indexed", "photos_skipped_unchanged", "photos_failed", "faces_found", "seconds"}) {
            assertThat(j.has(key)).as(key).isTrue();
        }
    }

    @Test
    void aScanSaysHowManyFacesItGroupedAndHowLongThatTook() {
        JsonNode j = cli.run("--json", "scan", CliHarness.testPhotos().toString()).json();

        assertThat(j.get("faces_clustered").asInt()).isPositive().isLessThanOrEqualTo(j.get("faces_found").asInt());
        assertThat(j.get("clustering_seconds").asDouble()).isPositive().isLessThanOrEqualTo(j.get("seconds").asDouble());
    }

    @Test
    void aSecondScanOfUnchangedFoldersIndexesNothing() {
        cli.run("scan", CliHarness.testPhotos().toString());
        JsonNode j = cli.run("--json", "scan", CliHarness.testPhotos().toString()).json();
        assertThat(j.get("photos_indexed").asInt()).isZero();
        assertThat(j.get("photos_skipped_unchanged").asInt()).isEqualTo(6);
    }

    @Test
    void brokenFilesAreReportedAndTheGoodPhotosStillIndexed() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        byte[] good = Files.readAllBytes(CliHarness.testPhotos().resolve("sample1.jpg"));
        Files.write(photos.resolve("good.jpg"), good);
        Files.write(photos.resolve("empty.jpg"), new byte[0]);
        Files.write(photos.resolve("truncated.jpg"), Arrays.copyOf(good, good.length / 3));
        byte[] noise = new byte[50_000];
        new java.util.Random(1).nextBytes(noise);
        Files.write(photos.resolve("random.png"), noise);
        Files.writeString(photos.resolve("text-pretending.jpg"), "this is not a photo at all\n".repeat(100));
        Files.write(photos.resolve("phone.heic"), Arrays.copyOf(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}, 4096));
        Files.write(photos.resolve("bomb.png"), TestImages.pngClaiming(60_000, 60_000));

        var r = cli.run("--json", "scan", photos.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode scan = r.json();
        assertThat(scan.get("photos_seen").asInt()).isEqualTo(7);
        assertThat(scan.get("photos_failed").asInt()).isEqualTo(6);
        assertThat(scan.get("faces_found").asInt()).isEqualTo(3);

        JsonNode status = cli.run("--json", "status").json();
        assertThat(status.get("failed_photos").asInt()).isEqualTo(6);
        var reasons = new java.util.HashMap<String, String>();
        status.get("failures").forEach(f -> reasons.put(Path.of(f.get("photo").asText()).getFileName().toString(), f.get("reason").asText()));
        assertThat(reasons).containsEntry("empty.jpg", "empty")
                .containsEntry("bomb.png", "too_large")
                .containsKeys("truncated.jpg", "random.png", "text-pretending.jpg");
        // A HEIC header with nothing after it: cut short or damaged, both true.
        assertThat(reasons.get("phone.heic")).isIn("truncated", "corrupt");
        status.get("failures").forEach(f -> assertThat(f.get("message").asText()).isNotBlank());
    }

    @Test
    void aMissingFolderIsAClearErrorWithExitStatus1() {
        var r = cli.run("scan", tmp.resolve("no-such-folder").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("does not exist");
    }

    @Test
    void anUnusableLibraryIsAClearErrorWithExitStatus1() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        var r = new CliHarness(file.resolve("library")).run("status");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--library");
    }

    @Test
    void facesAreListedWithDisplaySpaceBoxes() {
        cli.run("scan", CliHarness.testPhotos().toString());
        JsonNode faces = cli.run("--json", "faces", "--photo", CliHarness.testPhotos().resolve("sample1.jpg").toString()).json();
        assertThat(faces.size()).isEqualTo(3);
        faces.forEach(f -> {
            assertThat(f.get("w").asDouble()).isGreaterThan(50);
            assertThat(f.get("source").asText()).isEqualTo("auto");
            assertThat(f.get("state").asText()).isEqualTo("unconfirmed");
        });
    }

    @Test
    void aRawTwinOfAJpegIsCountedOnceReportedAsTwinsAndListsTheJpegsFaces() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("pairs"));
        byte[] jpeg = Files.readAllBytes(CliHarness.testPhotos().resolve("sample1.jpg"));
        Files.write(photos.resolve("IMG_0001.JPG"), jpeg);
        Files.write(photos.resolve("IMG_0001.CR2"), jpeg); // the twin is never decoded: any content will do

        var r = cli.run("--json", "scan", photos.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode scan = r.json();
        assertThat(scan.get("twins").asInt()).isEqualTo(1);
        assertThat(scan.get("photos_seen").asInt()).isEqualTo(1);
        assertThat(scan.get("photos_indexed").asInt()).isEqualTo(1);
        assertThat(cli.run("scan", photos.toString()).out()).contains("1 RAW/HEIC twin joined to its JPEG");

        JsonNode faces = cli.run("--json", "faces", "--photo", photos.resolve("IMG_0001.CR2").toString()).json();
        assertThat(faces.size()).isEqualTo(3);
        faces.forEach(f -> assertThat(f.get("photo").asText()).endsWith("IMG_0001.JPG"));
    }

    @Test
    void badUsageExitsWith2() {
        assertThat(cli.run("scan").exit()).isEqualTo(2);
        assertThat(cli.run("no-such-command").exit()).isEqualTo(2);
    }
}
