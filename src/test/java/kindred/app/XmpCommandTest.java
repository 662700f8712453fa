package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import kindred.metadata.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kindred xmp export / import} end to end on a demo photo, with the real vision pipeline. */
@Tag("slow")
class XmpCommandTest {

    @TempDir
    Path tmp;

    @Test
    void namesExportedByOneLibraryAreImportedByAnotherOntoTheSameFaceAndARegionWithoutAFaceIsEmbedded() throws Exception {
        Tools.requireExiftool();
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path photo = photos.resolve("a.jpg");
        Files.copy(CliHarness.testPhotos().resolve("sample1.jpg"), photo);
        CliHarness first = new CliHarness(tmp.resolve("lib1"));
        assertThat(first.run("scan", photos.toString()).exit()).isZero();
        JsonNode faces = first.run("--json", "faces").json();
        assertThat(faces.size()).isPositive();
        long faceId = faces.get(0).get("id").asLong();
        assertThat(first.run("name", "--face", Long.toString(faceId), "Anna").exit()).isZero();

        byte[] jpeg = Files.readAllBytes(photo);
        JsonNode dry = first.run("--json", "xmp", "export", "--dry-run", "--embedded").json();
        assertThat(dry.get("photos_written").asInt()).isEqualTo(1);
        assertThat(Files.readAllBytes(photo)).isEqualTo(jpeg);

        CliHarness.Result exported = first.run("--json", "xmp", "export");
        assertThat(exported.exit()).as(exported.err()).isZero();
        assertThat(exported.json().get("photos_written").asInt()).isEqualTo(1);
        assertThat(exported.json().get("regions_written").asInt()).isEqualTo(1);
        Path sidecar = photos.resolve("a.jpg.xmp");
        assertThat(Tools.exiftoolJson("-struct", "-RegionInfo", sidecar.toString()).at("/RegionInfo/RegionList/0/Name").asText())
                .isEqualTo("Anna");
        // Another program embeds Zoe in the photo where no face was detected (the top-left corner).
        Tools.run("exiftool", "-q", "-overwrite_original",
                "-RegionInfo={AppliedToDimensions={W=1,H=1,Unit=pixel},RegionList=[{Area={X=0.06,Y=0.06,W=0.1,H=0.1,Unit=normalized},Type=Face,Name=Zoe}]}",
                photo.toString());

        CliHarness second = new CliHarness(tmp.resolve("lib2"));
        assertThat(second.run("scan", photos.toString()).exit()).isZero();
        CliHarness.Result imported = second.run("--json", "xmp", "import");
        assertThat(imported.exit()).as(imported.err()).isZero();
        JsonNode s = imported.json();
        assertThat(s.get("photos_read").asInt()).isEqualTo(1);
        assertThat(s.get("regions_matched").asInt()).isEqualTo(1);
        assertThat(s.get("regions_imported").asInt()).isEqualTo(2);
        assertThat(s.get("faces_created").asInt()).isEqualTo(1);
        JsonNode anna = find(second.run("--json", "faces", "--person", "Anna").json());
        JsonNode original = faces.get(0);
        for (String k : new String[] {"x", "y", "w", "h"}) {
            assertThat(anna.get(k).asDouble()).as(k).isCloseTo(original.get(k).asDouble(), org.assertj.core.data.Offset.offset(2.0));
        }
        assertThat(anna.get("source").asText()).isEqualTo("imported");
        assertThat(anna.get("state").asText()).isEqualTo("confirmed");
        assertThat(find(second.run("--json", "faces", "--person", "Zoe").json()).get("source").asText()).isEqualTo("imported");
    }

    @Test
    void importOnScanTurnedOnByXmpImportIsDoneByTheNextScan() throws Exception {
        Tools.requireExiftool();
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path photo = photos.resolve("a.jpg");
        Files.copy(CliHarness.testPhotos().resolve("sample1.jpg"), photo);
        Tools.run("exiftool", "-q", "-overwrite_original",
                "-RegionInfo={AppliedToDimensions={W=1,H=1,Unit=pixel},RegionList=[{Area={X=0.06,Y=0.06,W=0.1,H=0.1,Unit=normalized},Type=Face,Name=Zoe}]}",
                photo.toString());
        CliHarness cli = new CliHarness(tmp.resolve("lib"));
        assertThat(cli.run("xmp", "import", "--on-scan", "on").exit()).isZero();

        CliHarness.Result scan = cli.run("--json", "scan", photos.toString());

        assertThat(scan.exit()).as(scan.err()).isZero();
        assertThat(scan.json().get("regions_imported").asInt()).isEqualTo(1);
        assertThat(find(cli.run("--json", "faces", "--person", "Zoe").json()).get("source").asText()).isEqualTo("imported");
    }

    private static JsonNode find(JsonNode array) {
        assertThat(array.size()).as(Arrays.toString(new Object[] {array})).isEqualTo(1);
        return array.get(0);
    }
}
