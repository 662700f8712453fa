package kindred.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import kindred.library.regions.SidecarNaming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sidecar files an export writes when a RAW shares the JPEG's base name (docs/decisions/0009). */
class TwinSidecarNamingTest {

    @TempDir
    Path tmp;

    @Test
    void aJpegBesideItsRawNeverTakesTheBaseNameSidecarWhichIsTheRaws() throws Exception {
        Path jpg = Files.writeString(tmp.resolve("IMG_0001.JPG"), "j");
        Files.writeString(tmp.resolve("IMG_0001.CR2"), "r");
        Files.writeString(tmp.resolve("IMG_0001.xmp"), "<x/>");
        assertThat(XmpRegionFiles.sidecarsFor(jpg, SidecarNaming.AUTO)).containsExactly(tmp.resolve("IMG_0001.JPG.xmp"));
        assertThat(XmpRegionFiles.sidecarsFor(jpg, SidecarNaming.BASE_NAME)).containsExactly(tmp.resolve("IMG_0001.JPG.xmp"));
    }

    @Test
    void aRawWithoutSidecarGetsBothNamesAndOtherwiseKeepsTheOneItHas() throws Exception {
        Path raw = Files.writeString(tmp.resolve("IMG_0002.NEF"), "r");
        assertThat(XmpRegionFiles.sidecarsFor(raw, SidecarNaming.AUTO))
                .containsExactly(tmp.resolve("IMG_0002.NEF.xmp"), tmp.resolve("IMG_0002.xmp"));
        Files.writeString(tmp.resolve("IMG_0002.NEF.xmp"), "<x/>");
        assertThat(XmpRegionFiles.sidecarsFor(raw, SidecarNaming.AUTO)).containsExactly(tmp.resolve("IMG_0002.NEF.xmp"));
        assertThat(XmpRegionFiles.sidecarsFor(raw, SidecarNaming.BASE_NAME)).containsExactly(tmp.resolve("IMG_0002.xmp"));
    }

    @Test
    void aLoneJpegKeepsTheNamingItHadBeforeTwins() throws Exception {
        Path jpg = Files.writeString(tmp.resolve("p.jpg"), "j");
        assertThat(XmpRegionFiles.sidecarsFor(jpg, SidecarNaming.AUTO)).containsExactly(tmp.resolve("p.jpg.xmp"));
        Files.writeString(tmp.resolve("p.xmp"), "<x/>");
        assertThat(XmpRegionFiles.sidecarsFor(jpg, SidecarNaming.AUTO)).containsExactly(tmp.resolve("p.xmp"));
    }
}
