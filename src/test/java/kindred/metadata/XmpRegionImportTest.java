package kindred.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import kindred.library.regions.FaceRegion;
import kindred.library.regions.RegionRead;
import kindred.model.FaceBox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading regions other programs wrote: exiftool writes MWG and Microsoft regions in the stored orientation (computed
 * here from the coloured pixels as stored, not from Kindred's code), embedded, in a sidecar, or both; Kindred must
 * place each name over its face as displayed.
 */
class XmpRegionImportTest {

    @TempDir
    Path tmp;

    final XmpRegionFiles regions = new XmpRegionFiles(new ExifMetadataReader(), List.of());

    @BeforeEach
    void tools() {
        Tools.requireExiftool();
        Tools.requireImageMagick();
    }

    /** exiftool's struct value for an MWG region over the pixels of one colour, as stored. */
    private static String mwgRegion(Path photo, int colour, String name) throws Exception {
        double[] b = Tools.colourBox(photo, colour);
        return String.format(Locale.ROOT, "{Area={X=%.6f,Y=%.6f,W=%.6f,H=%.6f,Unit=normalized},Type=Face,Name=%s}",
                b[0] + b[2] / 2, b[1] + b[3] / 2, b[2], b[3], name);
    }

    private static String regionInfo(Path photo, String... regions) throws Exception {
        boolean swapped = Tools.exiftoolJson("-n", "-Orientation", photo.toString()).get("Orientation").asInt() >= 5;
        int w = swapped ? Tools.DISPLAY_H : Tools.DISPLAY_W;
        int h = swapped ? Tools.DISPLAY_W : Tools.DISPLAY_H;
        return "-RegionInfo={AppliedToDimensions={W=" + w + ",H=" + h + ",Unit=pixel},RegionList=[" + String.join(",", regions) + "]}";
    }

    private static FaceBox display(double[] n) {
        return new FaceBox(n[0] * Tools.DISPLAY_W, n[1] * Tools.DISPLAY_H, n[2] * Tools.DISPLAY_W, n[3] * Tools.DISPLAY_H);
    }

    private static void assertOn(RegionRead read, String name, double[] displayBox) {
        List<FaceRegion> named = read.regions().stream().filter(r -> r.name().equals(name)).toList();
        assertThat(named).as(name + " in " + read).isNotEmpty();
        for (FaceRegion r : named) {
            assertThat(r.box().iou(display(displayBox))).as(name + " from " + r.origin()).isGreaterThan(0.9);
        }
    }

    @Test
    void mwgRegionsEmbeddedByExiftoolLandOnTheirFacesInARotatedPhoto() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 6);
        Tools.run("exiftool", "-q", "-overwrite_original",
                regionInfo(photo, mwgRegion(photo, Tools.RED, "Anna"), mwgRegion(photo, Tools.BLUE, "Ben")), photo.toString());
        RegionRead read = regions.read(photo);
        assertThat(read.problems()).isEmpty();
        assertOn(read, "Anna", Tools.RED_BOX);
        assertOn(read, "Ben", Tools.BLUE_BOX);
    }

    @Test
    void mwgRegionsExiftoolEmbeddedInAHeicLandOnTheirFaces() throws Exception {
        Path jpeg = Tools.markedPhoto(tmp, "p.jpg", 1);
        Assumptions.assumeTrue(Tools.runs("heif-enc", "--help") || Files.isExecutable(Path.of("/usr/bin/heif-enc")),
                "heif-enc is not installed (Debian: libheif-examples)");
        Path heic = tmp.resolve("p.heic");
        Tools.run("heif-enc", "-q", "95", "-o", heic.toString(), jpeg.toString());
        String info = regionInfo(jpeg, mwgRegion(jpeg, Tools.RED, "Anna"), mwgRegion(jpeg, Tools.BLUE, "Ben"));
        Tools.run("exiftool", "-q", "-overwrite_original", info, heic.toString());
        RegionRead read = regions.read(heic);
        assertThat(read.problems()).isEmpty();
        assertOn(read, "Anna", Tools.RED_BOX);
        assertOn(read, "Ben", Tools.BLUE_BOX);
    }

    @Test
    void mwgRegionsInASidecarExiftoolWroteLandOnTheirFaces() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 8);
        Path sidecar = tmp.resolve("p.xmp");
        Tools.run("exiftool", "-q", regionInfo(photo, mwgRegion(photo, Tools.RED, "Anna"), mwgRegion(photo, Tools.BLUE, "Ben")),
                sidecar.toString());
        RegionRead read = regions.read(photo);
        assertThat(read.problems()).isEmpty();
        assertOn(read, "Anna", Tools.RED_BOX);
        assertOn(read, "Ben", Tools.BLUE_BOX);
    }

    @Test
    void regionsEmbeddedAndInASidecarAreBothRead() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 3);
        Tools.run("exiftool", "-q", "-overwrite_original", regionInfo(photo, mwgRegion(photo, Tools.RED, "Anna")), photo.toString());
        Tools.run("exiftool", "-q", regionInfo(photo, mwgRegion(photo, Tools.BLUE, "Ben")), tmp.resolve("p.jpg.xmp").toString());
        RegionRead read = regions.read(photo);
        assertOn(read, "Anna", Tools.RED_BOX);
        assertOn(read, "Ben", Tools.BLUE_BOX);
        assertThat(read.regions()).extracting(FaceRegion::origin).anyMatch(o -> o.contains("p.jpg.xmp")).anyMatch(o -> o.contains("MWG in p.jpg"));
    }

    @Test
    void microsoftRegionsAreTopLeftBasedAndLandOnTheirFaces() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 6);
        double[] r = Tools.colourBox(photo, Tools.RED);
        String rect = String.format(Locale.ROOT, "%.6f|, %.6f|, %.6f|, %.6f", r[0], r[1], r[2], r[3]);
        Tools.run("exiftool", "-q", "-overwrite_original",
                "-RegionInfoMP={Regions=[{Rectangle=" + rect + ",PersonDisplayName=Anna}]}", photo.toString());
        RegionRead read = regions.read(photo);
        assertThat(read.problems()).isEmpty();
        assertOn(read, "Anna", Tools.RED_BOX);
    }

    @Test
    void unnamedRegionsAreIgnored() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 1);
        double[] b = Tools.colourBox(photo, Tools.RED);
        String unnamed = String.format(Locale.ROOT, "{Area={X=%.6f,Y=%.6f,W=%.6f,H=%.6f,Unit=normalized},Type=Face}",
                b[0] + b[2] / 2, b[1] + b[3] / 2, b[2], b[3]);
        Tools.run("exiftool", "-q", "-overwrite_original", regionInfo(photo, unnamed), photo.toString());
        RegionRead read = regions.read(photo);
        assertThat(read.regions()).isEmpty();
        assertThat(read.unnamed()).isEqualTo(1);
    }

    @Test
    void bothRdfSerialisationsOfAStructAreRead() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 1);
        // Anna as nested rdf:Description elements, Ben with rdf:parseType="Resource".
        String xmp = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about=""
                    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
                    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
                    xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#">
                   <mwg-rs:Regions>
                    <rdf:Description>
                     <mwg-rs:AppliedToDimensions stDim:w="600" stDim:h="400" stDim:unit="pixel"/>
                     <mwg-rs:RegionList>
                      <rdf:Bag>
                       <rdf:li>
                        <rdf:Description mwg-rs:Name="Anna" mwg-rs:Type="Face">
                         <mwg-rs:Area stArea:x="0.2" stArea:y="0.325" stArea:w="0.2" stArea:h="0.25" stArea:unit="normalized"/>
                        </rdf:Description>
                       </rdf:li>
                       <rdf:li rdf:parseType="Resource">
                        <mwg-rs:Name>Ben</mwg-rs:Name>
                        <mwg-rs:Type>Face</mwg-rs:Type>
                        <mwg-rs:Area rdf:parseType="Resource">
                         <stArea:x>0.75</stArea:x><stArea:y>0.6875</stArea:y><stArea:w>0.166667</stArea:w><stArea:h>0.375</stArea:h>
                         <stArea:unit>normalized</stArea:unit>
                        </mwg-rs:Area>
                       </rdf:li>
                      </rdf:Bag>
                     </mwg-rs:RegionList>
                    </rdf:Description>
                   </mwg-rs:Regions>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>
                """;
        Files.writeString(tmp.resolve("p.jpg.xmp"), xmp, StandardCharsets.UTF_8);
        RegionRead read = regions.read(photo);
        assertThat(read.problems()).isEmpty();
        assertOn(read, "Anna", Tools.RED_BOX);
        assertOn(read, "Ben", Tools.BLUE_BOX);
        // exiftool agrees that this is what the file says.
        assertThat(Tools.exiftoolJson("-struct", "-RegionInfo", tmp.resolve("p.jpg.xmp").toString()).at("/RegionInfo/RegionList"))
                .hasSize(2);
    }

    @Test
    void aMalformedSidecarIsReportedAndSkippedAndTheEmbeddedRegionsStillCount() throws Exception {
        Path photo = Tools.markedPhoto(tmp, "p.jpg", 6);
        Tools.run("exiftool", "-q", "-overwrite_original", regionInfo(photo, mwgRegion(photo, Tools.RED, "Anna")), photo.toString());
        Files.writeString(tmp.resolve("p.jpg.xmp"), "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><broken", StandardCharsets.UTF_8);
        RegionRead read = regions.read(photo);
        assertThat(read.problems()).singleElement().asString().contains("p.jpg.xmp").contains("not readable XMP");
        assertOn(read, "Anna", Tools.RED_BOX);
    }
}
