package kindred.library.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import kindred.library.FaceQuery;
import kindred.library.IndexJob;
import kindred.library.LibraryPhoto;
import kindred.library.PhotoMetadata;
import kindred.library.PhotoQuery;
import kindred.library.ScanSummary;
import kindred.library.StoredPhoto;
import kindred.model.DetectedFace;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;
import org.junit.jupiter.api.Test;

/** RAW+JPEG and HEIC+JPEG twins on a real temporary library and real files (nothing decoded). */
class FolderScannerTwinsTest extends ScannerFixture {

    private long photoId(Path p) {
        return store.photoByPath(p.toString()).orElseThrow().id();
    }

    @Test
    void aRawAndJpegPairIsOnePhotoWithOneIndexJobForTheJpeg() throws Exception {
        Path jpg = file("IMG_0001.JPG", "jpeg");
        Path raw = file("IMG_0001.CR2", "raw");
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.seen()).isEqualTo(1);
        assertThat(s.twins()).isEqualTo(1);
        assertThat(store.photos()).extracting(StoredPhoto::path).containsExactly(jpg.toString());
        assertThat(store.claimIndexJobs(10)).extracting(IndexJob::path).containsExactly(jpg.toString());
        assertThat(store.twinsOf(photoId(jpg))).containsExactly(raw.toString());
        assertThat(store.photoOfTwin(raw.toString())).map(StoredPhoto::path).contains(jpg.toString());
    }

    @Test
    void aHeicAndJpegPairIsOnePhotoWhateverTheCaseOfTheNames() throws Exception {
        Path jpg = file("img_0002.jpg", "jpeg");
        Path heic = file("IMG_0002.HEIC", "heic");
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.seen()).isEqualTo(1);
        assertThat(store.counts().photos()).isEqualTo(1);
        assertThat(store.pendingJobs()).isEqualTo(1);
        assertThat(store.twinsOf(photoId(jpg))).containsExactly(heic.toString());
    }

    @Test
    void aRescanDoesNotDuplicateTwins() throws Exception {
        Path jpg = file("IMG_0001.JPG", "jpeg");
        file("IMG_0001.CR2", "raw");
        scanner.scan(List.of(photos));
        ScanSummary again = scanner.scan(List.of(photos));
        assertThat(again.seen()).isEqualTo(1);
        assertThat(again.added()).isZero();
        assertThat(again.twins()).isEqualTo(1);
        assertThat(store.photos()).hasSize(1);
        assertThat(store.twinsOf(photoId(jpg))).hasSize(1);
    }

    @Test
    void aRawWithoutItsJpegIsAPhotoOfItsOwn() throws Exception {
        Path raw = file("IMG_0003.NEF", "raw");
        file("IMG_0004.JPG", "jpeg");
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.seen()).isEqualTo(2);
        assertThat(s.twins()).isZero();
        assertThat(store.photoByPath(raw.toString())).isPresent();
        assertThat(store.twins()).isEmpty();
    }

    @Test
    void removingTheJpegMakesTheRawAPhotoOfItsOwnOnTheNextScan() throws Exception {
        Path jpg = file("IMG_0001.JPG", "jpeg");
        Path raw = file("IMG_0001.CR2", "raw");
        scanner.scan(List.of(photos));
        long jpgId = photoId(jpg);
        Files.delete(jpg);
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.missing()).isEqualTo(1);
        assertThat(s.added()).isEqualTo(1);
        assertThat(store.photoByPath(raw.toString())).isPresent();
        assertThat(store.twinsOf(jpgId)).isEmpty();
        assertThat(store.photoOfTwin(raw.toString())).isEmpty();
    }

    @Test
    void aRawThatFailedInAnOlderScanBecomesATwinWhenItsJpegIsThere() throws Exception {
        Path raw = file("IMG_0005.ARW", "raw");
        scanner.scan(List.of(photos));
        store.claimIndexJobs(10).forEach(j -> store.saveFailed(j, "unsupported", "RAW is not supported yet"));
        assertThat(store.failedPhotos()).hasSize(1);
        Path jpg = file("IMG_0005.jpg", "jpeg");
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.twins()).isEqualTo(1);
        assertThat(store.photoByPath(raw.toString())).isEmpty();
        assertThat(store.failedPhotos()).isEmpty();
        assertThat(store.counts().photos()).isEqualTo(1);
        assertThat(store.twinsOf(photoId(jpg))).containsExactly(raw.toString());
    }

    @Test
    void aRawWithAConfirmedFaceIsNeverDeletedAndStaysAPhotoOfItsOwn() throws Exception {
        Path raw = file("IMG_0006.CR3", "raw");
        scanner.scan(List.of(photos));
        IndexJob job = store.claimIndexJobs(1).get(0);
        store.saveIndexed(job, new PhotoMetadata("cr3", 100, 80, 1, null), new PhotoAnalysis(100, 80, "det", "emb",
                List.of(new DetectedFace(new FaceBox(10, 10, 20, 20), new Landmarks(LandmarkScheme.YUNET_5, new float[10]),
                        0.9, 0.8, null))));
        long faceId = store.faces(FaceQuery.all()).get(0).id();
        store.database().write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO people(name, created_at) VALUES ('Grandma', 0)");
                st.execute("INSERT INTO assignments(face_id, person_id, source, state, updated_at) VALUES (" + faceId
                        + ", 1, 'manual', 'confirmed', 0)");
            }
            return null;
        });
        file("IMG_0006.JPG", "jpeg");
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.twins()).isZero();
        assertThat(s.seen()).isEqualTo(2);
        assertThat(store.photoByPath(raw.toString())).isPresent();
        assertThat(store.faces(FaceQuery.all())).singleElement().satisfies(f -> assertThat(f.person()).isEqualTo("Grandma"));
        assertThat(store.twins()).isEmpty();
    }

    @Test
    void theWindowsPhotoListCarriesEachPhotosTwins() throws Exception {
        file("IMG_0008.JPG", "jpeg");
        Path raw = file("IMG_0008.DNG", "raw");
        file("IMG_0009.JPG", "jpeg");
        scanner.scan(List.of(photos));
        List<LibraryPhoto> listed = store.photos(PhotoQuery.all());
        assertThat(listed).extracting(LibraryPhoto::twins).containsExactly(List.of(raw.toString()), List.of());
    }

    @Test
    void aTwinDeletedFromDiskIsForgottenByTheNextScan() throws Exception {
        Path jpg = file("IMG_0007.JPG", "jpeg");
        Path raw = file("IMG_0007.RW2", "raw");
        scanner.scan(List.of(photos));
        Files.delete(raw);
        scanner.scan(List.of(photos));
        assertThat(store.twinsOf(photoId(jpg))).isEmpty();
        assertThat(store.photos()).hasSize(1);
    }
}
