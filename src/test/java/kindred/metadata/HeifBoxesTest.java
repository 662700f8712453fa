package kindred.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HEIF boxes read without decoding: the primary item's size, rotation and metadata items. */
class HeifBoxesTest {

    private static byte[] fixture(String name) throws Exception {
        Path p = Path.of(System.getProperty("kindred.shared", "../shared")).resolve("fixtures/formats").resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), () -> {
            String why = "skipped: " + p + " is absent (the shared development folder exists only in the team's workplace)";
            System.out.println(why);
            return why;
        });
        return Files.readAllBytes(p);
    }

    @ParameterizedTest(name = "irot {0} then imir {1} is EXIF orientation {2}")
    @CsvSource({"0, -1, 1", "1, -1, 8", "2, -1, 3", "3, -1, 6", "0, 0, 2", "0, 1, 4", "1, 0, 7", "1, 1, 5", "3, 0, 5", "3, 1, 7"})
    void rotationThenMirrorIsTheEquivalentExifOrientation(int quarterTurns, int axis, int exif) {
        assertThat(HeifBoxes.orientation(quarterTurns, axis)).isEqualTo(exif);
    }

    @Test
    void aGridReportsItsOutputSizeAndItsExifItem() throws Exception {
        HeifBoxes.Primary p = HeifBoxes.read(fixture("heic/iphone7_grid_IMG_2682.heic")).orElseThrow();
        assertThat(p.itemType()).isEqualTo("grid");
        assertThat(p.width()).isEqualTo(4032);
        assertThat(p.height()).isEqualTo(3024);
        assertThat(p.orientation()).isEqualTo(1);
        assertThat(p.exif()).isNotNull();
        assertThat(p.thumbnails()).extracting(HeifBoxes.Thumbnail::width, HeifBoxes.Thumbnail::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(320, 240));
        assertThat(new String(p.exif(), 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1)).isIn("MM", "II");
    }

    @Test
    void theRotationBoxGivesTheOrientation() throws Exception {
        HeifBoxes.Primary p = HeifBoxes.read(fixture("heic/nokia8.3_grid_bad_irot.heif")).orElseThrow();
        assertThat(p.orientation()).isEqualTo(6);
        assertThat(p.width()).isEqualTo(4608);
    }

    @Test
    void anAvifCarriesItsColourDescription() throws Exception {
        HeifBoxes.Primary p = HeifBoxes.read(fixture("avif/libheif_example.avif")).orElseThrow();
        assertThat(p.colour()).isNotNull();
        assertThat(p.colour().matrix()).isEqualTo(6); // BT.601, as exiftool reads it
    }

    @Test
    void randomBytesBehindAHeifHeaderNeverThrow() {
        Random r = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[8 + r.nextInt(4000)];
            r.nextBytes(b);
            System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}, 0, b, 0, Math.min(12, b.length));
            HeifBoxes.read(b); // empty or a partial answer, never an exception
        }
        assertThat(HeifBoxes.kind(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 0, 0})).isEqualTo("video");
        assertThat(HeifBoxes.kind(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'c', 'r', 'x', ' ', 0, 0, 0, 0})).isEqualTo("cr3");
    }
}
