package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files Kindred writes next to photos: readable by whoever reads the photo, and named as Kindred's. */
class SidecarFilesTest {

    @TempDir
    Path tmp;

    private Path photo;
    private CliHarness cli;

    @BeforeEach
    void oneNamedFace() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        photo = photos.resolve("a.jpg");
        Files.copy(CliHarness.testPhotos().resolve("sample1.jpg"), photo);
        cli = new CliHarness(tmp.resolve("library"));
        assertThat(cli.run("scan", photos.toString()).exit()).isZero();
        long face = cli.run("--json", "faces").json().get(0).get("id").asLong();
        assertThat(cli.run("name", "--face", Long.toString(face), "Anna").exit()).isZero();
    }

    private Path export() {
        CliHarness.Result r = cli.run("--json", "xmp", "export");
        assertThat(r.exit()).as(r.err()).isZero();
        return photo.resolveSibling("a.jpg.xmp");
    }

    @Test
    void aNewSidecarTakesThePhotosPermissions() throws Exception {
        Files.setPosixFilePermissions(photo, PosixFilePermissions.fromString("rw-r-----"));

        Path sidecar = export();

        assertThat(Files.getPosixFilePermissions(sidecar)).isEqualTo(Files.getPosixFilePermissions(photo));
    }

    @Test
    void aSidecarNextToAWorldReadablePhotoIsWorldReadable() throws Exception {
        Files.setPosixFilePermissions(photo, PosixFilePermissions.fromString("rw-r--r--"));

        Path sidecar = export();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sidecar))).isEqualTo("rw-r--r--");
    }

    @Test
    void aSidecarHasThePhotosOwner() throws Exception {
        Path sidecar = export();

        assertThat(Files.getOwner(sidecar)).isEqualTo(Files.getOwner(photo));
    }

    @Test
    void theLibraryStaysPrivateWhenSidecarsAreShared() throws Exception {
        Files.setPosixFilePermissions(photo, PosixFilePermissions.fromString("rw-r--r--"));
        export();

        Path library = tmp.resolve("library");
        assertThat(Files.getPosixFilePermissions(library)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(library)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
                    assertThat(PosixFilePermissions.toString(p)).as(f.toString()).isEqualTo("rw-------");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void theSidecarsXmpPacketNamesKindredAsItsTool() throws Exception {
        String xml = Files.readString(export(), StandardCharsets.UTF_8);

        assertThat(xml).containsPattern("x:xmptk=\"Kindred( [^\"]+)?\"").doesNotContain("Adobe XMP Core");
    }

    @Test
    void aPhotoWithNamesEmbeddedKeepsItsPermissionsAndNamesKindred() throws Exception {
        Files.setPosixFilePermissions(photo, PosixFilePermissions.fromString("rw-r-----"));

        CliHarness.Result r = cli.run("--json", "xmp", "export", "--embedded");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode again = cli.run("--json", "xmp", "import").json();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(photo))).isEqualTo("rw-r-----");
        assertThat(new String(Files.readAllBytes(photo), StandardCharsets.ISO_8859_1)).contains("x:xmptk=\"Kindred");
        assertThat(again.get("photos_read").asInt()).isEqualTo(1);
        assertThat(again.get("regions_found").asInt()).as(again.toString()).isPositive();
    }
}
