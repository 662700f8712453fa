package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.scan.FolderScanner;
import kindred.library.IndexJob;
import kindred.library.people.People;
import kindred.library.PhotoMetadata;
import kindred.library.regions.ExportOptions;
import kindred.library.regions.FaceRegionSync;
import kindred.library.regions.FaceRegionSync.Selection;
import kindred.library.RegionEmbedder;
import kindred.metadata.ExifMetadataReader;
import kindred.metadata.Tools;
import kindred.metadata.XmpRegionFiles;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;
import kindred.store.Database;
import kindred.store.SqliteLibraryStore;
import kindred.store.SqlitePeopleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names of a photo with twins travel to every file of the shot: the JPEG's sidecar as before, the RAW's and HEIF's
 * sidecars with the names docs/decisions/0009-raw-and-twin-sidecars.md chose, read back by exiftool over the faces
 * of each file as it is stored; and a region Lightroom wrote for the RAW names the JPEG's face. The twins are JPEG
 * data under RAW and HEIC names (nothing here depends on RAW decoding): one stored rotated (orientation 6), one at
 * half the JPEG's size.
 */
class TwinSidecarsTest {

    /** 1 % of the image size, as for the JPEG's own regions (XmpExiftoolRoundTripTest). */
    private static final double TOLERANCE = 0.01;

    @TempDir
    Path dir;

    Path photos;
    SqliteLibraryStore store;
    People people;
    FaceRegionSync sync;
    Path jpeg;
    Path raw;
    Path heicJpeg;
    Path heic;

    @BeforeEach
    void library() throws Exception {
        Tools.requireExiftool();
        Tools.requireImageMagick();
        photos = Files.createDirectories(dir.resolve("photos"));
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        jpeg = move(Tools.markedPhoto(scratch, "a.jpg", 1), "IMG_0001.JPG");
        raw = move(Tools.markedPhoto(scratch, "b.jpg", 6), "IMG_0001.CR2");
        heicJpeg = move(Tools.markedPhoto(scratch, "c.jpg", 1), "IMG_0002.jpg");
        Tools.run("convert", heicJpeg.toString(), "-resize", "50%", "jpg:" + scratch.resolve("half.jpg"));
        heic = move(scratch.resolve("half.jpg"), "IMG_0002.HEIC");

        store = new SqliteLibraryStore(Database.open(dir.resolve("lib")));
        SqlitePeopleStore ps = new SqlitePeopleStore(store.database());
        people = new People(ps);
        RegionEmbedder fake = new RegionEmbedder() {
            @Override
            public Optional<RegionFace> embed(byte[] encoded, int orientation, FaceBox box) {
                return Optional.of(new RegionFace(new Embedding("test-embedder", Embedding.normalized(new float[] {1, 2, 3, 4})), 0.7));
            }

            @Override
            public void close() {
            }
        };
        sync = new FaceRegionSync(store, ps, new XmpRegionFiles(new ExifMetadataReader(), List.of()), () -> fake, people::clusterNewFaces);
        assertThat(new FolderScanner(store, "test-detector").scan(List.of(photos)).twins()).isEqualTo(2);
        // What the detector found on each JPEG, in its display pixels: the red and the blue "face".
        for (IndexJob job : store.claimIndexJobs(10)) {
            store.saveIndexed(job, new PhotoMetadata("jpeg", 600, 400, 1, null), new PhotoAnalysis(600, 400, "test-detector",
                    "test-embedder", List.of(face(60, 80, 120, 100), face(400, 200, 100, 150))));
        }
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private Path move(Path from, String name) throws Exception {
        return Files.move(from, photos.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static DetectedFace face(double x, double y, double w, double h) {
        float[] v = Embedding.normalized(new float[] {(float) x, (float) y, 1, 2});
        return new DetectedFace(new FaceBox(x, y, w, h), new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9, 0.8,
                new Embedding("test-embedder", v));
    }

    private FaceInfo faceAt(Path photo, double x, double y) {
        return store.faces(new FaceQuery(photo.toString(), null, null)).stream()
                .filter(f -> f.box().x() <= x && x <= f.box().x() + f.box().w() && f.box().y() <= y && y <= f.box().y() + f.box().h())
                .findFirst().orElseThrow();
    }

    private void nameBoth(Path photo) {
        people.nameFace(faceAt(photo, 120, 130).id(), "Anna");
        people.nameFace(faceAt(photo, 450, 270).id(), "Ben");
    }

    /** exiftool's regions in {@code sidecar} cover the red (Anna) and blue (Ben) pixels of {@code file} as stored. */
    private static void assertExiftoolRegionsCover(Path sidecar, Path file) throws Exception {
        JsonNode info = Tools.exiftoolJson("-struct", "-RegionInfo", sidecar.toString()).get("RegionInfo");
        assertThat(info).as("RegionInfo in " + sidecar.getFileName()).isNotNull();
        java.awt.image.BufferedImage stored = javax.imageio.ImageIO.read(file.toFile());
        assertThat(info.at("/AppliedToDimensions/W").asInt()).isEqualTo(stored.getWidth());
        assertThat(info.at("/AppliedToDimensions/H").asInt()).isEqualTo(stored.getHeight());
        Map<String, double[]> expected = new HashMap<>();
        expected.put("Anna", Tools.colourBox(file, Tools.RED));
        expected.put("Ben", Tools.colourBox(file, Tools.BLUE));
        JsonNode list = info.get("RegionList");
        assertThat(list).hasSize(2);
        for (JsonNode r : list) {
            double[] c = expected.get(r.get("Name").asText());
            assertThat(c).as(r.get("Name").asText()).isNotNull();
            double w = r.at("/Area/W").asDouble();
            double h = r.at("/Area/H").asDouble();
            double[] got = {r.at("/Area/X").asDouble() - w / 2, r.at("/Area/Y").asDouble() - h / 2, w, h};
            assertThat(got).as(r.get("Name").asText() + " in " + sidecar.getFileName()).containsExactly(c, within(TOLERANCE));
        }
    }

    @Test
    void exportWritesTheJpegsSidecarAsBeforeAndTheRawsUnderTheNamesLightroomAndDarktableRead() throws Exception {
        nameBoth(jpeg);
        byte[] rawBefore = Files.readAllBytes(raw);
        FaceRegionSync.ExportSummary s = sync.export(new Selection(jpeg.toString(), null), ExportOptions.defaults());
        assertThat(s.problems()).isEmpty();
        assertThat(s.photosWritten()).isEqualTo(1);
        assertThat(s.regionsWritten()).isEqualTo(2);
        assertThat(s.files()).extracting(f -> f.change().file().getFileName().toString())
                .containsExactlyInAnyOrder("IMG_0001.JPG.xmp", "IMG_0001.CR2.xmp", "IMG_0001.xmp");
        assertExiftoolRegionsCover(photos.resolve("IMG_0001.JPG.xmp"), jpeg);
        assertExiftoolRegionsCover(photos.resolve("IMG_0001.CR2.xmp"), raw); // darktable, digiKam
        assertExiftoolRegionsCover(photos.resolve("IMG_0001.xmp"), raw); // Lightroom Classic, Camera Raw, Capture One
        assertThat(Files.readAllBytes(raw)).as("the RAW itself is never written").isEqualTo(rawBefore);
        assertThat(sync.export(Selection.everything(), ExportOptions.defaults()).filesWritten()).as("nothing new").isZero();
    }

    @Test
    void aHeicTwinAtHalfTheSizeGetsTheRegionsAtItsOwnScale() throws Exception {
        nameBoth(heicJpeg);
        FaceRegionSync.ExportSummary s = sync.export(Selection.everything(), ExportOptions.defaults());
        assertThat(s.problems()).isEmpty();
        assertExiftoolRegionsCover(photos.resolve("IMG_0002.jpg.xmp"), heicJpeg);
        assertExiftoolRegionsCover(photos.resolve("IMG_0002.HEIC.xmp"), heic);
        assertExiftoolRegionsCover(photos.resolve("IMG_0002.xmp"), heic);
    }

    @Test
    void theSidecarAnotherProgramChoseForTheRawIsTheOneUpdated() throws Exception {
        Tools.run("exiftool", "-q", "-XMP-dc:Subject=Holiday", photos.resolve("IMG_0001.xmp").toString());
        nameBoth(jpeg);
        sync.export(new Selection(jpeg.toString(), null), ExportOptions.defaults());
        assertThat(photos.resolve("IMG_0001.CR2.xmp")).doesNotExist();
        assertThat(photos.resolve("IMG_0001.JPG.xmp")).exists();
        assertExiftoolRegionsCover(photos.resolve("IMG_0001.xmp"), raw);
        assertThat(Tools.exiftoolJson("-XMP-dc:Subject", photos.resolve("IMG_0001.xmp").toString()).toString()).contains("Holiday");
    }

    @Test
    void aRegionLightroomWroteForTheRawNamesTheJpegsFace() throws Exception {
        // Lightroom's sidecar of the RAW, over the blue face of the RAW as stored (rotated: orientation 6).
        double[] b = Tools.colourBox(raw, Tools.BLUE);
        String region = String.format(Locale.ROOT, "{Area={X=%.6f,Y=%.6f,W=%.6f,H=%.6f,Unit=normalized},Type=Face,Name=Ben}",
                b[0] + b[2] / 2, b[1] + b[3] / 2, b[2], b[3]);
        Tools.run("exiftool", "-q", "-RegionInfo={AppliedToDimensions={W=400,H=600,Unit=pixel},RegionList=[" + region + "]}",
                photos.resolve("IMG_0001.xmp").toString());
        FaceRegionSync.ImportSummary s = sync.importRegions(Selection.everything());
        assertThat(s.conflicts()).isEmpty();
        assertThat(s.regionsMatched()).isEqualTo(1);
        assertThat(faceAt(jpeg, 450, 270).person()).isEqualTo("Ben");
        assertThat(faceAt(jpeg, 120, 130).person()).isNull();
    }
}
