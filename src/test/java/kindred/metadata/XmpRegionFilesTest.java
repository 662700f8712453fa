package kindred.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kindred.library.regions.ExportOptions;
import kindred.library.regions.FaceRegion;
import kindred.library.regions.FileChange;
import kindred.library.regions.RegionRead;
import kindred.library.regions.RegionWriteResult;
import kindred.library.regions.SidecarNaming;
import kindred.model.FaceBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export safety: what Kindred does not own survives, writes are atomic and only when something changes. */
class XmpRegionFilesTest {

    @TempDir
    Path tmp;

    final XmpRegionFiles regions = new XmpRegionFiles(new ExifMetadataReader(), List.of());

    static final ExportOptions EMBEDDED = new ExportOptions(false, true, SidecarNaming.AUTO, false);

    private Path photo() throws IOException {
        Path src = Path.of(System.getProperty("kindred.testPhotos", "target/test-photos")).resolve("sample1.jpg");
        Path p = tmp.resolve("photo.jpg");
        Files.copy(src, p);
        return p;
    }

    private static List<FaceRegion> anna() {
        return List.of(new FaceRegion("Anna", new FaceBox(10, 20, 40, 50), "Kindred"));
    }

    @Test
    void aSecondExportOfTheSameNamesChangesNothing() throws Exception {
        Path photo = photo();
        RegionWriteResult first = regions.write(photo, anna(), ExportOptions.defaults());
        assertThat(first.changed()).isTrue();
        Path sidecar = tmp.resolve("photo.jpg.xmp");
        byte[] before = Files.readAllBytes(sidecar);
        var mtime = Files.getLastModifiedTime(sidecar);
        RegionWriteResult second = regions.write(photo, anna(), ExportOptions.defaults());
        assertThat(second.changed()).isFalse();
        assertThat(Files.readAllBytes(sidecar)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(sidecar)).isEqualTo(mtime);
    }

    @Test
    void aDryRunReportsTheChangeAndWritesNothing() throws Exception {
        Path photo = photo();
        byte[] jpeg = Files.readAllBytes(photo);
        RegionWriteResult r = regions.write(photo, anna(), new ExportOptions(true, true, SidecarNaming.AUTO, true));
        assertThat(r.files()).hasSize(2).allMatch(FileChange::changed);
        assertThat(tmp.resolve("photo.jpg.xmp")).doesNotExist();
        assertThat(Files.readAllBytes(photo)).isEqualTo(jpeg);
    }

    @Test
    void noSidecarIsCreatedForAPhotoWithoutNames() throws Exception {
        Path photo = photo();
        RegionWriteResult r = regions.write(photo, List.of(), ExportOptions.defaults());
        assertThat(r.files()).isEmpty();
        assertThat(tmp.resolve("photo.jpg.xmp")).doesNotExist();
    }

    @Test
    void autoNamingUsesTheOnlyExistingSidecarAndTheFullNameOtherwise() throws Exception {
        Path photo = photo();
        assertThat(XmpRegionFiles.sidecarFor(photo, SidecarNaming.AUTO)).isEqualTo(tmp.resolve("photo.jpg.xmp"));
        assertThat(XmpRegionFiles.sidecarFor(photo, SidecarNaming.BASE_NAME)).isEqualTo(tmp.resolve("photo.xmp"));
        Files.writeString(tmp.resolve("photo.xmp"), "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>");
        assertThat(XmpRegionFiles.sidecarFor(photo, SidecarNaming.AUTO)).isEqualTo(tmp.resolve("photo.xmp"));
        assertThat(XmpRegionFiles.sidecarFor(photo, SidecarNaming.FULL_NAME)).isEqualTo(tmp.resolve("photo.jpg.xmp"));
    }

    @Test
    void embeddedExportChangesNoByteOutsideTheXmpSegment() throws Exception {
        Path photo = photo();
        byte[] before = Files.readAllBytes(photo);
        regions.write(photo, anna(), EMBEDDED);
        byte[] after = Files.readAllBytes(photo);
        assertThat(withoutXmp(after)).isEqualTo(withoutXmp(before));
        assertThat(regions.read(photo).regions()).extracting(FaceRegion::name).contains("Anna");
    }

    /** The file with its standard XMP segment cut out. */
    private static byte[] withoutXmp(byte[] jpeg) throws IOException {
        List<JpegXmp.Segment> segs = JpegXmp.segments(jpeg);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int from = 0;
        for (JpegXmp.Segment s : segs) {
            if (JpegXmp.standardPacket(jpeg, List.of(s)) != null) {
                out.write(jpeg, from, s.offset() - from);
                from = s.end();
            }
        }
        out.write(jpeg, from, jpeg.length - from);
        return out.toByteArray();
    }

    @Test
    void aCrashBetweenTheTemporaryFileAndTheRenameLeavesTheOldSidecarAndPhotoIntact() throws Exception {
        Path photo = photo();
        regions.write(photo, anna(), new ExportOptions(true, true, SidecarNaming.AUTO, false));
        Path sidecar = tmp.resolve("photo.jpg.xmp");
        byte[] oldSidecar = Files.readAllBytes(sidecar);
        byte[] oldPhoto = Files.readAllBytes(photo);
        List<Path> temps = new ArrayList<>();
        XmpRegionFiles crashing = new XmpRegionFiles(new ExifMetadataReader(), List.of(), tmpFile -> {
            temps.add(tmpFile);
            assertThat(tmpFile).exists();
            throw new IllegalStateException("simulated crash before rename");
        });
        List<FaceRegion> ben = List.of(new FaceRegion("Ben", new FaceBox(100, 100, 40, 50), "Kindred"));
        assertThatThrownBy(() -> crashing.write(photo, ben, new ExportOptions(true, false, SidecarNaming.AUTO, false)))
                .hasMessageContaining("simulated crash");
        assertThatThrownBy(() -> crashing.write(photo, ben, EMBEDDED)).hasMessageContaining("simulated crash");
        assertThat(temps).hasSize(2);
        assertThat(Files.readAllBytes(sidecar)).isEqualTo(oldSidecar);
        assertThat(Files.readAllBytes(photo)).isEqualTo(oldPhoto);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("photo.jpg", "photo.jpg.xmp");
        }
    }

    @Test
    void aMalformedSidecarIsLeftAsItIsAndReported() throws Exception {
        Path photo = photo();
        Path sidecar = tmp.resolve("photo.jpg.xmp");
        String broken = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><oops";
        Files.writeString(sidecar, broken, StandardCharsets.UTF_8);
        RegionWriteResult r = regions.write(photo, anna(), ExportOptions.defaults());
        assertThat(r.problems()).singleElement().asString().contains("not readable XMP");
        assertThat(Files.readString(sidecar)).isEqualTo(broken);
    }

    @Test
    void aMalformedEmbeddedPacketIsReportedAndSkipped() throws Exception {
        Path photo = photo();
        byte[] jpeg = Files.readAllBytes(photo);
        byte[] bad = JpegXmp.withStandardPacket(jpeg, JpegXmp.segments(jpeg),
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><oops".getBytes(StandardCharsets.UTF_8));
        Files.write(photo, bad);
        RegionRead read = regions.read(photo);
        assertThat(read.regions()).isEmpty();
        assertThat(read.problems()).singleElement().asString().contains("malformed");
        RegionWriteResult r = regions.write(photo, anna(), EMBEDDED);
        assertThat(r.problems()).singleElement().asString().contains("malformed");
        assertThat(Files.readAllBytes(photo)).isEqualTo(bad);
    }

    @Test
    void embeddingIntoAPngIsRefusedWithAReason() throws Exception {
        Path png = tmp.resolve("p.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        byte[] before = Files.readAllBytes(png);
        RegionWriteResult r = regions.write(png, anna(), EMBEDDED);
        assertThat(r.problems()).singleElement().asString().contains("JPEG files only");
        assertThat(Files.readAllBytes(png)).isEqualTo(before);
    }
}
