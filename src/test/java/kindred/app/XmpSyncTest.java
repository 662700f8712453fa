package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.IndexJob;
import kindred.library.people.People;
import kindred.library.PhotoMetadata;
import kindred.library.regions.ExportOptions;
import kindred.library.regions.FaceRegionSync;
import kindred.library.regions.FaceRegionSync.ImportSummary;
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
import kindred.model.Source;
import kindred.model.State;
import kindred.store.Database;
import kindred.store.SqliteLibraryStore;
import kindred.store.SqlitePeopleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Import and export through the library: regions written by exiftool on a photo stored rotated (orientation 6) name
 * the right detected faces; a region without a face becomes an imported face; disagreements are reported.
 */
class XmpSyncTest {

    @TempDir
    Path dir;

    SqliteLibraryStore store;
    People people;
    FaceRegionSync sync;
    Path photo;
    final AtomicInteger embedded = new AtomicInteger();

    @BeforeEach
    void library() throws Exception {
        Tools.requireExiftool();
        Tools.requireImageMagick();
        store = new SqliteLibraryStore(Database.open(dir.resolve("lib")));
        SqlitePeopleStore ps = new SqlitePeopleStore(store.database());
        people = new People(ps);
        RegionEmbedder fake = new RegionEmbedder() {
            @Override
            public Optional<RegionFace> embed(byte[] encoded, int orientation, FaceBox box) {
                embedded.incrementAndGet();
                return Optional.of(new RegionFace(new Embedding("test-embedder", Embedding.normalized(new float[] {1, 2, 3, 4})), 0.7));
            }

            @Override
            public void close() {
            }
        };
        sync = new FaceRegionSync(store, ps, new XmpRegionFiles(new ExifMetadataReader(), List.of()), () -> fake, people::clusterNewFaces);
        photo = Tools.markedPhoto(dir, "p.jpg", 6);
        long folder = store.addFolder(dir.toString());
        store.addPhoto(folder, photo.toString(), 10, 1000, "hash", 1);
        IndexJob job = store.claimIndexJobs(1).get(0);
        // What the detector found, in display space: near the red and the blue face, and a third face (green) on the left.
        store.saveIndexed(job, new PhotoMetadata("jpeg", 400, 600, 6, null), new PhotoAnalysis(600, 400, "test-detector", "test-embedder",
                List.of(face(64, 84, 112, 92), face(405, 210, 92, 135), face(20, 250, 80, 100))));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static DetectedFace face(double x, double y, double w, double h) {
        float[] v = Embedding.normalized(new float[] {(float) x, (float) y, 1, 2});
        return new DetectedFace(new FaceBox(x, y, w, h), new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9, 0.8,
                new Embedding("test-embedder", v));
    }

    /** exiftool's MWG region over the pixels of one colour as stored. */
    private String over(int colour, String name) throws Exception {
        double[] b = Tools.colourBox(photo, colour);
        return String.format(Locale.ROOT, "{Area={X=%.6f,Y=%.6f,W=%.6f,H=%.6f,Unit=normalized},Type=Face,Name=%s}",
                b[0] + b[2] / 2, b[1] + b[3] / 2, b[2], b[3], name);
    }

    private static String regionInfo(String... regions) {
        return "-RegionInfo={AppliedToDimensions={W=400,H=600,Unit=pixel},RegionList=[" + String.join(",", regions) + "]}";
    }

    /** A region where no face was detected: the stored centre, 10 % wide. */
    private static final String DORA = "{Area={X=0.5,Y=0.5,W=0.1,H=0.1,Unit=normalized},Type=Face,Name=Dora}";

    private FaceInfo faceAt(double x, double y) {
        return store.faces(new FaceQuery(photo.toString(), null, null)).stream()
                .filter(f -> f.box().x() <= x && x <= f.box().x() + f.box().w() && f.box().y() <= y && y <= f.box().y() + f.box().h())
                .findFirst().orElseThrow();
    }

    @Test
    void eachImportedNameLandsOnItsDetectedFaceAndAFacelessRegionBecomesAFace() throws Exception {
        Tools.run("exiftool", "-q", regionInfo(over(Tools.RED, "Anna"), over(Tools.BLUE, "Ben"), DORA), dir.resolve("p.jpg.xmp").toString());
        ImportSummary s = sync.importRegions(Selection.everything());
        assertThat(s.conflicts()).isEmpty();
        assertThat(s.problems()).isEmpty();
        assertThat(s.photosRead()).isEqualTo(1);
        assertThat(s.regionsImported()).isEqualTo(3);
        assertThat(s.regionsMatched()).isEqualTo(2);
        assertThat(s.facesCreated()).isEqualTo(1);
        FaceInfo red = faceAt(120, 130);
        assertThat(red.person()).isEqualTo("Anna");
        assertThat(red.source()).isEqualTo(Source.IMPORTED);
        assertThat(red.state()).isEqualTo(State.CONFIRMED);
        assertThat(faceAt(450, 280).person()).isEqualTo("Ben");
        assertThat(faceAt(50, 300).person()).as("the green face had no region").isNull();
        FaceInfo dora = faceAt(300, 200);
        assertThat(dora.person()).isEqualTo("Dora");
        assertThat(dora.source()).isEqualTo(Source.IMPORTED);
        // Display box of the stored centre square: 60 × 40 px (10 % of 600 × 400), centred.
        assertThat(dora.box().iou(new FaceBox(270, 180, 60, 40))).isGreaterThan(0.95);
        assertThat(embedded.get()).isEqualTo(1);
    }

    @Test
    void importingTwiceChangesNothingTheSecondTime() throws Exception {
        Tools.run("exiftool", "-q", regionInfo(over(Tools.RED, "Anna"), DORA), dir.resolve("p.jpg.xmp").toString());
        sync.importRegions(Selection.everything());
        int faces = store.faces(FaceQuery.all()).size();
        ImportSummary again = sync.importRegions(Selection.everything());
        assertThat(again.regionsImported()).isZero();
        assertThat(again.regionsKnown()).isEqualTo(2);
        assertThat(store.faces(FaceQuery.all())).hasSize(faces);
    }

    @Test
    void aFaceTheUserNamedOtherwiseIsReportedAsAConflictAndKeepsItsName() throws Exception {
        people.nameFace(faceAt(120, 130).id(), "Carl");
        Tools.run("exiftool", "-q", regionInfo(over(Tools.RED, "Anna")), dir.resolve("p.jpg.xmp").toString());
        ImportSummary s = sync.importRegions(Selection.everything());
        assertThat(s.regionsImported()).isZero();
        assertThat(s.conflicts()).singleElement().satisfies(c -> assertThat(c.names()).containsExactly("Carl", "Anna"));
        assertThat(faceAt(120, 130).person()).isEqualTo("Carl");
        assertThat(faceAt(120, 130).source()).isEqualTo(Source.MANUAL);
    }

    @Test
    void twoDifferentNamesOnOneFaceAreReportedAndNeitherIsApplied() throws Exception {
        Tools.run("exiftool", "-q", "-overwrite_original", regionInfo(over(Tools.RED, "Anna")), photo.toString());
        Tools.run("exiftool", "-q", regionInfo(over(Tools.RED, "Annie")), dir.resolve("p.jpg.xmp").toString());
        ImportSummary s = sync.importRegions(Selection.everything());
        assertThat(s.conflicts()).singleElement().satisfies(c -> assertThat(c.names()).containsExactlyInAnyOrder("Anna", "Annie"));
        assertThat(faceAt(120, 130).person()).isNull();
        assertThat(s.facesCreated()).isZero();
    }

    @Test
    void exportWritesTheConfirmedNamesAndExiftoolReadsThemOverTheFaces() throws Exception {
        people.nameFace(faceAt(120, 130).id(), "Anna");
        FaceRegionSync.ExportSummary s = sync.export(Selection.everything(), ExportOptions.defaults());
        assertThat(s.photosWritten()).isEqualTo(1);
        assertThat(s.regionsWritten()).isEqualTo(1);
        JsonNode region = Tools.exiftoolJson("-struct", "-RegionInfo", dir.resolve("p.jpg.xmp").toString()).at("/RegionInfo/RegionList/0");
        assertThat(region.get("Name").asText()).isEqualTo("Anna");
        double[] red = Tools.colourBox(photo, Tools.RED);
        // The detector's box is a few pixels off the red square; its centre is within 1 % of the square's.
        assertThat(region.at("/Area/X").asDouble()).isCloseTo(red[0] + red[2] / 2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(region.at("/Area/Y").asDouble()).isCloseTo(red[1] + red[3] / 2, org.assertj.core.data.Offset.offset(0.01));
        assertThat(sync.export(Selection.everything(), ExportOptions.defaults()).photosWritten()).as("nothing new").isZero();
    }
}
