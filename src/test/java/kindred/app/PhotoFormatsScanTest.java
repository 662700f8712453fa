package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import kindred.metadata.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15's mixed folder, through the real command line: HEIC and AVIF from heif-enc/avifenc, a CR2-like RAW built
 * around a demo photo, the real camera RAWs of ../shared/fixtures/formats/raw when present, RAW+JPEG and HEIC+JPEG
 * twins, a JPEG named .nef and a HEIC named .jpg. One scan for the class; each test checks one behaviour of it.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhotoFormatsScanTest {

    private Path tmp;
    private Path photos;
    private CliHarness cli;
    private CliHarness.Result scan;
    /** Every file put in the folder, by name. */
    private final List<String> files = new ArrayList<>();
    /** The demo photo each synthetic file was made from (its pixel size is the file's display size). */
    private final Map<String, Integer> madeFrom = new HashMap<>();

    @BeforeAll
    void scanTheMixedFolder() throws Exception {
        boolean tools = HostileFiles.installed("heif-enc") && HostileFiles.installed("avifenc");
        if (!tools) {
            System.out.println("skipped: heif-enc and avifenc are needed (Debian: libheif-examples, libavif-bin; .ci/run installs them)");
        }
        assumeTrue(tools, "heif-enc or avifenc is not installed");
        Tools.requireExiftool();
        tmp = Files.createTempDirectory("kindred-formats-scan");
        photos = Files.createDirectories(tmp.resolve("photos"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        put("phone.heic", HostileFiles.heic(work, 1, 85), 1);
        put("phone.avif", HostileFiles.avif(work, 4), 4);
        put("camera.cr2", SyntheticRaws.cr2Like(HostileFiles.photo(5), 1), 5);
        put("IMG_0001.CR2", SyntheticRaws.cr2Like(HostileFiles.photo(2), 1), 2);
        put("IMG_0001.JPG", HostileFiles.photo(2), 2);
        put("IMG_0002.HEIC", HostileFiles.heic(work, 3, 85), 3);
        put("IMG_0002.JPG", HostileFiles.photo(3), 3);
        put("jpeg.nef", HostileFiles.photo(6), 6);
        put("heic.jpg", HostileFiles.heic(work, 6, 70), 6);
        Path raws = CliHarness.shared().resolve("fixtures/formats/raw");
        if (Files.isDirectory(raws)) {
            try (Stream<Path> s = Files.list(raws)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    put(p.getFileName().toString(), Files.readAllBytes(p), 0);
                }
            }
        } else {
            System.out.println("formats scan: the real camera RAWs are left out: " + raws + " is absent (the shared development "
                    + "folder exists only in the team's workplace)");
        }
        cli = new CliHarness(tmp.resolve("library"));
        scan = cli.run("--json", "scan", photos.toString());
        System.out.println("formats scan: " + scan.out());
    }

    @AfterAll
    void deleteTheFolder() throws Exception {
        if (tmp != null) {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void put(String name, byte[] bytes, int sample) throws Exception {
        Files.write(photos.resolve(name), bytes);
        files.add(name);
        if (sample > 0) {
            madeFrom.put(name, sample);
        }
    }

    private Path photo(String name) {
        return photos.resolve(name);
    }

    /** status per photo row, by file name. */
    private Map<String, String> photoRows() throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("library/library.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT path, status FROM photos")) {
            while (rs.next()) {
                out.merge(Path.of(rs.getString(1)).getFileName().toString(), rs.getString(2), (a, b) -> a + "+" + b);
            }
        }
        return out;
    }

    private List<JsonNode> faces(String name) {
        List<JsonNode> out = new ArrayList<>();
        cli.run("--json", "faces", "--photo", photo(name).toString()).json().forEach(out::add);
        return out;
    }

    @Test
    void theScanExitsZeroAndEveryFileIsIndexedOrGivenAReason() throws Exception {
        assertThat(scan.exit()).as(scan.err()).isZero();
        Map<String, String[]> failures = new HashMap<>();
        cli.run("--json", "status").json().get("failures").forEach(f -> failures.put(Path.of(f.get("photo").asText()).getFileName().toString(),
                new String[] {f.get("reason").asText(), f.get("message").asText()}));
        Map<String, String> rows = photoRows();
        for (String name : files) {
            if (name.equals("IMG_0001.CR2") || name.equals("IMG_0002.HEIC")) {
                continue; // twins: no row of their own (twinsAreCountedOnce)
            }
            String[] f = failures.get(name);
            System.out.printf("  %-32s %s%n", name, f != null ? "failed: " + f[0] + " — " + f[1] : rows.get(name));
            if (f != null) {
                assertThat(rows.get(name)).as(name).isEqualTo("failed");
                assertThat(f[1]).as(name).isNotBlank().doesNotContain("Exception");
            } else {
                assertThat(rows.get(name)).as(name + " is indexed").isEqualTo("indexed");
            }
        }
        // Everything made from a demo photo is indexed with faces.
        for (String name : madeFrom.keySet()) {
            assertThat(failures).as(name).doesNotContainKey(name);
            assertThat(faces(name)).as(name + " has faces").isNotEmpty();
        }
    }

    @Test
    void twinsAreCountedOnce() throws Exception {
        JsonNode j = scan.json();
        assertThat(j.get("twins").asInt()).isEqualTo(2);
        assertThat(j.get("photos_seen").asInt()).isEqualTo(files.size() - 2);
        assertThat(photoRows()).doesNotContainKeys("IMG_0001.CR2", "IMG_0002.HEIC").containsKeys("IMG_0001.JPG", "IMG_0002.JPG");
        // The twin lists its JPEG's faces, found once.
        assertThat(faces("IMG_0001.CR2")).extracting(f -> f.get("id").asLong())
                .containsExactlyElementsOf(faces("IMG_0001.JPG").stream().map(f -> f.get("id").asLong()).toList());
        assertThat(cli.run("--json", "status").json().get("photos").asInt()).isEqualTo(files.size() - 2);
    }

    @Test
    void misnamedFilesAreIndexedByTheirContent() throws Exception {
        assertThat(photoRows()).containsEntry("jpeg.nef", "indexed").containsEntry("heic.jpg", "indexed");
        // Each has the faces of the same demo photo saved under its own name (sample 6): as many, at the same places.
        assertThat(faces("jpeg.nef")).isNotEmpty().hasSameSizeAs(faces("heic.jpg"));
    }

    @Test
    void aNameExportedForAHeicIsReadBackByExiftoolOnItsFace() throws Exception {
        assertNameReadBack("phone.heic", "phone.heic", "Anna", "phone.heic.xmp", "phone.xmp");
    }

    @Test
    void aNameExportedForACr2IsReadBackByExiftoolOnItsFace() throws Exception {
        assertNameReadBack("camera.cr2", "camera.cr2", "Ben", "camera.cr2.xmp", "camera.xmp");
    }

    @Test
    void aNameGivenOnAJpegIsReadBackByExiftoolFromItsRawTwinsSidecars() throws Exception {
        assertNameReadBack("IMG_0001.JPG", "IMG_0001.CR2", "Cleo", "IMG_0001.CR2.xmp", "IMG_0001.xmp");
    }

    /**
     * Names the largest face of {@code named}, exports, and reads each sidecar of {@code file} with exiftool: one region
     * with the name, whose centre lies inside that face's stored box and no other's, in {@code file}'s own normalized
     * coordinates (its display size: the demo photo it was made from).
     */
    private void assertNameReadBack(String named, String file, String name, String... sidecars) throws Exception {
        List<JsonNode> faces = faces(named);
        assertThat(faces).as(named).isNotEmpty();
        JsonNode face = faces.stream().max(Comparator.comparingDouble(f -> f.get("w").asDouble() * f.get("h").asDouble())).orElseThrow();
        CliHarness.Result r = cli.run("name", "--face", face.get("id").asText(), name);
        assertThat(r.exit()).as(r.err()).isZero();
        r = cli.run("--json", "xmp", "export", "--photo", photo(named).toString());
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        Path demo = CliHarness.testPhotos().resolve("sample" + madeFrom.get(file) + ".jpg");
        java.awt.image.BufferedImage source = javax.imageio.ImageIO.read(demo.toFile());
        int width = source.getWidth();
        int height = source.getHeight();
        for (String sidecar : sidecars) {
            Path xmp = photo(sidecar);
            assertThat(xmp).as(sidecar + " written").exists();
            JsonNode info = Tools.exiftoolJson("-struct", "-XMP-mwg-rs:RegionInfo", xmp.toString()).get("RegionInfo");
            assertThat(info).as("RegionInfo in " + sidecar).isNotNull();
            assertThat(info.at("/AppliedToDimensions/W").asInt()).as(sidecar).isEqualTo(width);
            assertThat(info.at("/AppliedToDimensions/H").asInt()).as(sidecar).isEqualTo(height);
            JsonNode list = info.get("RegionList");
            assertThat(list).as(sidecar).hasSize(1);
            JsonNode region = list.get(0);
            assertThat(region.get("Name").asText()).isEqualTo(name);
            double cx = region.at("/Area/X").asDouble() * width;
            double cy = region.at("/Area/Y").asDouble() * height;
            System.out.printf("%s: %s at (%.0f, %.0f) px; face box %s%n", sidecar, name, cx, cy, face);
            assertThat(inside(face, cx, cy)).as(sidecar + ": the region's centre is inside " + name + "'s face").isTrue();
            for (JsonNode other : faces) {
                if (other != face) {
                    assertThat(inside(other, cx, cy)).as(sidecar + ": the centre is on no other face").isFalse();
                }
            }
        }
    }

    private static boolean inside(JsonNode f, double x, double y) {
        double fx = f.get("x").asDouble();
        double fy = f.get("y").asDouble();
        return fx <= x && x <= fx + f.get("w").asDouble() && fy <= y && y <= fy + f.get("h").asDouble();
    }
}
