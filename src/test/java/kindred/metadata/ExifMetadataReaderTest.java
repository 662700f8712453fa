package kindred.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import kindred.library.PhotoMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExifMetadataReaderTest {

    @TempDir
    Path tmp;

    final ExifMetadataReader reader = new ExifMetadataReader();

    static Path sample() {
        return Path.of(System.getProperty("kindred.testPhotos", "target/test-photos")).resolve("sample1.jpg");
    }

    private static boolean exiftool() {
        try {
            return new ProcessBuilder("exiftool", "-ver").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void readsTheStoredSizeAndFormatOfAJpeg() throws Exception {
        PhotoMetadata md = reader.read(Files.readAllBytes(sample()), "sample1.jpg");
        assertThat(md.format()).isEqualTo("jpeg");
        assertThat(md.storedWidth()).isPositive();
        assertThat(md.storedHeight()).isPositive();
    }

    @Test
    void readsOrientationAndDateWrittenByExiftool() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(exiftool(), "skipped: exiftool is not installed (.ci/run installs it)");
        Path p = Files.copy(sample(), tmp.resolve("rotated.jpg"));
        Process proc = new ProcessBuilder("exiftool", "-q", "-overwrite_original", "-n", "-Orientation=6",
                "-DateTimeOriginal=2019:07:14 15:30:00", p.toString()).inheritIO().start();
        assertThat(proc.waitFor()).isZero();
        PhotoMetadata md = reader.read(Files.readAllBytes(p), "rotated.jpg");
        assertThat(md.orientation()).isEqualTo(6);
        assertThat(md.swapsAxes()).isTrue();
        assertThat(md.takenAt()).isEqualTo(LocalDateTime.of(2019, 7, 14, 15, 30));
    }

    @Test
    void garbageGivesUnknownsNotAnException() {
        PhotoMetadata md = reader.read("definitely not an image".getBytes(), "x.jpg");
        assertThat(md.orientation()).isEqualTo(1);
        assertThat(md.storedWidth()).isZero();
        assertThat(md.takenAt()).isNull();
    }

    @Test
    void emptyBytesGiveUnknowns() {
        assertThat(reader.read(new byte[0], "x.jpg").format()).isNull();
    }

    @Test
    void heicIsRecognisedByItsContent() {
        byte[] heic = java.util.Arrays.copyOf(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}, 64);
        assertThat(reader.read(heic, "IMG_1.HEIC").format()).isEqualTo("heif");
    }

    @Test
    void nefReadsAsRawWithItsSizeAndOrientation() throws Exception {
        String shared = System.getProperty("kindred.shared");
        Path nef = shared == null ? null : Path.of(shared, "fixtures/formats/raw/nikon_d7100_truncated.nef");
        boolean present = nef != null && Files.isRegularFile(nef);
        if (!present) {
            System.out.println("SKIPPED: the shared NEF fixture is absent (kindred.shared = " + shared + ")");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(present, "the shared NEF fixture is absent");
        PhotoMetadata md = reader.read(Files.readAllBytes(nef), nef.getFileName().toString());
        // exiftool -n -Orientation -ImageSize: 1, 6036 4020.
        assertThat(md.format()).isEqualTo("raw");
        assertThat(md.storedWidth()).isEqualTo(6036);
        assertThat(md.storedHeight()).isEqualTo(4020);
        assertThat(md.orientation()).isEqualTo(1);
        assertThat(md.takenAt()).isEqualTo(LocalDateTime.of(2013, 9, 3, 9, 45, 16));
    }

    @Test
    void jpegNamedNefReadsAsJpeg() throws Exception {
        assertThat(reader.read(Files.readAllBytes(sample()), "DSC_0001.nef").format()).isEqualTo("jpeg");
    }
}
