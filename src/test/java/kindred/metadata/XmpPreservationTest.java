package kindred.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kindred.library.regions.ExportOptions;
import kindred.library.regions.FaceRegion;
import kindred.library.regions.SidecarNaming;
import kindred.model.FaceBox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another program wrote survives an export: exiftool reads every tag it read before with the same value,
 * regions and keywords of others included; only Kindred's own regions and keywords come and go.
 */
class XmpPreservationTest {

    @TempDir
    Path tmp;

    final XmpRegionFiles regions = new XmpRegionFiles(new ExifMetadataReader(), List.of());

    /** Carl's region, written by "another program" over the red face. */
    private static final String CARL = "-RegionInfo={AppliedToDimensions={W=600,H=400,Unit=pixel},RegionList=[{Area={X=0.2,Y=0.325,"
            + "W=0.2,H=0.25,Unit=normalized},Type=Face,Name=Carl,Description=written by another program}]}";

    private static final String[] OTHER_TAGS = {
        "-XMP-dc:Title=Holiday", "-XMP-dc:Subject=beach", "-XMP-dc:Subject=sea", "-XMP-xmp:Rating=4",
        "-XMP-iptcExt:PersonInImage=Carl", "-XMP-lr:HierarchicalSubject=Places|Paris", "-XMP-dc:Creator=Grandpa", CARL,
    };

    @BeforeEach
    void tools() {
        Tools.requireExiftool();
        Tools.requireImageMagick();
    }

    private static List<FaceRegion> annaOnBlue() {
        return List.of(new FaceRegion("Anna", new FaceBox(400, 200, 100, 150), "Kindred"));
    }

    /** Every XMP tag exiftool reads, minus the packet's toolkit name (each writer puts its own). */
    private static ObjectNode xmp(Path file) throws Exception {
        ObjectNode n = (ObjectNode) Tools.exiftoolJson("-struct", "-XMP:all", file.toString());
        n.remove("SourceFile");
        n.remove("XMPToolkit");
        return n;
    }

    @Test
    void anExportKeepsEverySidecarTagAndRemovingKindredsNamesRestoresTheSidecarExactly() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 1);
        Path sidecar = tmp.resolve("p.jpg.xmp");
        String[] cmd = new String[OTHER_TAGS.length + 3];
        cmd[0] = "exiftool";
        cmd[1] = "-q";
        System.arraycopy(OTHER_TAGS, 0, cmd, 2, OTHER_TAGS.length);
        cmd[cmd.length - 1] = sidecar.toString();
        Tools.run(cmd);
        ObjectNode before = xmp(sidecar);

        regions.write(photo, annaOnBlue(), ExportOptions.defaults());
        ObjectNode after = xmp(sidecar);
        before.fieldNames().forEachRemaining(k -> {
            if (!List.of("RegionInfo", "PersonInImage", "HierarchicalSubject").contains(k)) {
                assertThat(after.get(k)).as(k).isEqualTo(before.get(k));
            }
        });
        JsonNode list = after.at("/RegionInfo/RegionList");
        assertThat(list).hasSize(2);
        assertThat(list.get(0)).as("Carl's region, untouched").isEqualTo(before.at("/RegionInfo/RegionList/0"));
        assertThat(after.at("/RegionInfo/AppliedToDimensions")).isEqualTo(before.at("/RegionInfo/AppliedToDimensions"));
        assertThat(list.get(1).get("Name").asText()).isEqualTo("Anna");
        assertThat(after.get("PersonInImage").toString()).contains("Carl", "Anna");
        assertThat(after.get("HierarchicalSubject").toString()).contains("Places|Paris", "People|Anna");

        regions.write(photo, List.of(), ExportOptions.defaults());
        assertThat(xmp(sidecar)).isEqualTo(before);
    }

    @Test
    void renamingReplacesKindredsNameButNotTheSameNameAnotherProgramWrote() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 1);
        Path sidecar = tmp.resolve("p.jpg.xmp");
        Tools.run("exiftool", "-q", "-XMP-iptcExt:PersonInImage=Carl", CARL, sidecar.toString());
        // Kindred names Carl (already there, written by someone else) and Anna.
        List<FaceRegion> both = List.of(new FaceRegion("Carl", new FaceBox(60, 80, 120, 100), "Kindred"), annaOnBlue().get(0));
        regions.write(photo, both, ExportOptions.defaults());
        JsonNode mid = xmp(sidecar);
        assertThat(mid.at("/RegionInfo/RegionList")).as("Carl is not written twice").hasSize(2);
        // Anna turns out to be Berta.
        regions.write(photo, List.of(both.get(0), new FaceRegion("Berta", annaOnBlue().get(0).box(), "Kindred")), ExportOptions.defaults());
        JsonNode after = xmp(sidecar);
        assertThat(after.at("/RegionInfo/RegionList").findValuesAsText("Name")).containsExactly("Carl", "Berta");
        assertThat(after.get("PersonInImage").toString()).contains("Carl", "Berta").doesNotContain("Anna");
        assertThat(after.at("/RegionInfoMP/Regions").findValuesAsText("PersonDisplayName")).containsExactly("Berta");
    }

    @Test
    void anEmbeddedExportKeepsEveryOtherTagOfThePhoto() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 6);
        String[] cmd = new String[OTHER_TAGS.length + 5];
        cmd[0] = "exiftool";
        cmd[1] = "-q";
        cmd[2] = "-overwrite_original";
        cmd[3] = "-EXIF:Artist=Grandma";
        System.arraycopy(OTHER_TAGS, 0, cmd, 4, OTHER_TAGS.length);
        cmd[cmd.length - 1] = photo.toString();
        Tools.run(cmd);
        ObjectNode before = (ObjectNode) Tools.exiftoolJson("-struct", "-a", "-G1", "-EXIF:all", "-XMP:all", photo.toString());
        regions.write(photo, annaOnBlue(), new ExportOptions(false, true, SidecarNaming.AUTO, false));
        regions.write(photo, List.of(), new ExportOptions(false, true, SidecarNaming.AUTO, false));
        ObjectNode after = (ObjectNode) Tools.exiftoolJson("-struct", "-a", "-G1", "-EXIF:all", "-XMP:all", photo.toString());
        before.remove("XMP-x:XMPToolkit");
        after.remove("XMP-x:XMPToolkit");
        assertThat(after).isEqualTo(before);
        assertThat(Files.exists(tmp.resolve("p.jpg.xmp"))).isFalse();
    }
}
