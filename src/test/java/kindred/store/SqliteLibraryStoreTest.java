package kindred.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.IndexJob;
import kindred.library.LibraryException;
import kindred.library.LibraryPhoto;
import kindred.library.PhotoQuery;
import kindred.library.PhotoMetadata;
import kindred.model.DetectedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.LandmarkScheme;
import kindred.model.Landmarks;
import kindred.model.PhotoAnalysis;
import kindred.model.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLibraryStoreTest {

    @TempDir
    Path dir;

    SqliteLibraryStore store;

    @BeforeEach
    void open() {
        store = new SqliteLibraryStore(Database.open(dir));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static PhotoMetadata md() {
        return new PhotoMetadata("jpeg", 100, 80, 1, null);
    }

    static DetectedFace face(double x, double y, double w, double h) {
        float[] v = Embedding.normalized(new float[] {(float) x, (float) y, 1, 2});
        return new DetectedFace(new FaceBox(x, y, w, h), new Landmarks(LandmarkScheme.YUNET_5, new float[10]), 0.9, 0.8,
                new Embedding("test-embedder", v));
    }

    static PhotoAnalysis analysis(DetectedFace... faces) {
        return new PhotoAnalysis(100, 80, "test-detector", "test-embedder", List.of(faces));
    }

    private IndexJob newPhotoJob(String name) {
        long folder = store.addFolder(dir.toString());
        store.addPhoto(folder, dir.resolve(name).toString(), 10, 1000, "hash-" + name, 1);
        return store.claimIndexJobs(10).stream().filter(j -> j.path().endsWith(name)).findFirst().orElseThrow();
    }

    @Test
    void aNewLibraryIsAtTheCurrentSchemaVersion() throws Exception {
        int v = store.database().read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
                return rs.getInt(1);
            }
        });
        assertThat(v).isEqualTo(Database.SCHEMA_VERSION);
    }

    @Test
    void reopeningAMigratedLibraryKeepsItsData() {
        store.addFolder("/photos");
        store.close();
        store = new SqliteLibraryStore(Database.open(dir));
        assertThat(store.folders()).extracting(f -> f.path()).containsExactly("/photos");
    }

    @Test
    void aLibraryFromANewerKindredIsRefusedWithAClearMessage() {
        store.database().write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA user_version = 999");
            }
            return null;
        });
        store.close();
        assertThatThrownBy(() -> Database.open(dir)).isInstanceOf(LibraryException.class)
                .hasMessageContaining("newer Kindred").hasMessageContaining("Update Kindred");
        store = new SqliteLibraryStore(Database.open(dir.resolve("other")));
    }

    @Test
    void aLibraryFolderThatCannotBeCreatedIsAClearError() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> Database.open(file.resolve("library"))).isInstanceOf(LibraryException.class)
                .hasMessageContaining("--library");
    }

    @Test
    void aNewPhotoQueuesOneIndexJob() {
        long folder = store.addFolder(dir.toString());
        store.addPhoto(folder, dir.resolve("a.jpg").toString(), 10, 1000, "h", 1);
        assertThat(store.pendingJobs()).isEqualTo(1);
    }

    @Test
    void savingAnAnalysisStoresTheFacesAndFinishesTheJob() {
        IndexJob job = newPhotoJob("a.jpg");
        int stored = store.saveIndexed(job, md(), analysis(face(10, 10, 20, 20), face(50, 10, 20, 20)));
        assertThat(stored).isEqualTo(2);
        assertThat(store.pendingJobs()).isZero();
        assertThat(store.faces(FaceQuery.all())).hasSize(2);
        assertThat(store.photoByPath(job.path()).orElseThrow().status()).isEqualTo("indexed");
    }

    @Test
    void aPhotoChangedWhileBeingIndexedStaysQueuedForItsNewContent() {
        IndexJob job = newPhotoJob("a.jpg");
        store.photoChanged(job.photoId(), 20, 2000, "hash-new", 2);
        store.saveIndexed(job, md(), analysis(face(10, 10, 20, 20)));
        assertThat(store.pendingJobs()).isEqualTo(1);
        assertThat(store.claimIndexJobs(10)).extracting(IndexJob::photoId).containsExactly(job.photoId());
    }

    @Test
    void facesByIdReadsTheFacesAsTheQueryDoesAndSkipsIdsThatDoNotExist() {
        IndexJob job = newPhotoJob("a.jpg");
        store.saveIndexed(job, md(), analysis(face(10, 10, 20, 20), face(50, 10, 20, 20)));
        List<FaceInfo> all = store.faces(FaceQuery.all());
        List<Long> asked = new java.util.ArrayList<>(all.stream().map(FaceInfo::id).toList());
        asked.add(999_999L);
        for (long i = 0; i < 600; i++) { // more ids than one statement binds
            asked.add(1_000_000 + i);
        }

        assertThat(store.facesById(asked)).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void savingTheSameJobTwiceDoesNotDuplicateFaces() {
        IndexJob job = newPhotoJob("a.jpg");
        store.saveIndexed(job, md(), analysis(face(10, 10, 20, 20)));
        store.saveIndexed(job, md(), analysis(face(10, 10, 20, 20)));
        assertThat(store.faces(FaceQuery.all())).hasSize(1);
    }

    @Test
    void reindexingKeepsAConfirmedFaceAndDoesNotAddItAgain() {
        IndexJob job = newPhotoJob("a.jpg");
        store.saveIndexed(job, md(), analysis(face(10, 10, 20, 20), face(50, 10, 20, 20)));
        long faceId = store.faces(FaceQuery.all()).get(0).id();
        store.database().write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO people(name, created_at) VALUES ('Grandma', 0)");
                s.execute("INSERT INTO assignments(face_id, person_id, source, state, updated_at) VALUES (" + faceId
                        + ", 1, 'manual', 'confirmed', 0)");
            }
            return null;
        });
        store.requestIndex(job.photoId());
        IndexJob again = store.claimIndexJobs(1).get(0);
        store.saveIndexed(again, md(), analysis(face(11, 10, 20, 20), face(50, 10, 20, 20)));
        List<FaceInfo> faces = store.faces(FaceQuery.all());
        assertThat(faces).hasSize(2);
        assertThat(faces).filteredOn(f -> f.id() == faceId).singleElement()
                .satisfies(f -> {
                    assertThat(f.person()).isEqualTo("Grandma");
                    assertThat(f.state()).isEqualTo(State.CONFIRMED);
                });
    }

    @Test
    void aFailureIsRecordedWithItsReasonAndFinishesTheJob() {
        IndexJob job = newPhotoJob("broken.jpg");
        store.saveFailed(job, "TRUNCATED", "The file is cut short.");
        assertThat(store.failedPhotos()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("truncated");
            assertThat(f.message()).contains("cut short");
        });
        assertThat(store.pendingJobs()).isZero();
        assertThat(store.counts().failedPhotos()).isEqualTo(1);
    }

    @Test
    void jobsLeftRunningByAKilledProcessAreQueuedAgain() {
        newPhotoJob("a.jpg");
        assertThat(store.claimIndexJobs(10)).isEmpty();
        assertThat(store.requeueInterrupted()).isEqualTo(1);
        assertThat(store.claimIndexJobs(10)).hasSize(1);
    }

    @Test
    void photosNotSeenByAScanAreMarkedMissingNotDeleted() {
        long folder = store.addFolder("/p");
        store.addPhoto(folder, "/p/a.jpg", 1, 1, "h1", 100);
        store.addPhoto(folder, "/p/b.jpg", 1, 1, "h2", 100);
        store.addPhoto(folder, "/pother/c.jpg", 1, 1, "h3", 100);
        store.photosSeen(List.of(store.photoByPath("/p/a.jpg").orElseThrow().id()), 200);
        assertThat(store.markMissing("/p", 200)).isEqualTo(1);
        assertThat(store.photoByPath("/p/b.jpg").orElseThrow().missing()).isTrue();
        assertThat(store.photoByPath("/pother/c.jpg").orElseThrow().missing()).isFalse();
    }

    @Test
    void aMovedPhotoKeepsItsFaces() {
        IndexJob job = newPhotoJob("a.jpg");
        store.saveIndexed(job, md(), analysis(face(10, 10, 20, 20)));
        store.photoMoved(job.photoId(), store.addFolder("/new"), "/new/a.jpg", 10, 1000, 5);
        assertThat(store.faces(new FaceQuery("/new/a.jpg", null, null))).hasSize(1);
    }

    @Test
    void embeddingsRoundTripAsFloat32() {
        float[] v = {0.25f, -1.5f, 3.0e-7f, Float.MIN_VALUE};
        assertThat(SqliteLibraryStore.fromBlob(SqliteLibraryStore.toBlob(v))).containsExactly(v);
    }

    @Test
    void theLibraryFileIsReadableOnlyByItsOwner() throws Exception {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(Database.FILE_NAME)))).isEqualTo("rw-------");
    }

    @Test
    void thePhotoQueryFiltersByFolderFacesUnnamedFacesAndPerson() {
        long a = store.addFolder(dir.resolve("a").toString());
        long b = store.addFolder(dir.resolve("b").toString());
        store.addPhoto(a, dir.resolve("a/1.jpg").toString(), 10, 1, "h1", 1);
        store.addPhoto(a, dir.resolve("a/2.jpg").toString(), 10, 1, "h2", 1);
        store.addPhoto(b, dir.resolve("b/3.jpg").toString(), 10, 1, "h3", 1);
        for (IndexJob j : store.claimIndexJobs(10)) {
            PhotoAnalysis an = j.path().endsWith("1.jpg") ? analysis(face(1, 1, 50, 50), face(60, 1, 30, 30))
                    : j.path().endsWith("3.jpg") ? analysis(face(1, 1, 50, 50)) : analysis();
            store.saveIndexed(j, md(), an);
        }
        long named = store.faces(new FaceQuery(dir.resolve("b/3.jpg").toString(), null, null)).get(0).id();
        SqlitePeopleStore people = new SqlitePeopleStore(store.database());
        long ada = people.createPerson("Ada");
        people.assign(List.of(named), ada, kindred.model.Source.MANUAL, State.CONFIRMED, null);

        assertThat(store.photos(PhotoQuery.all())).extracting(LibraryPhoto::path).containsExactly(
                dir.resolve("a/1.jpg").toString(), dir.resolve("a/2.jpg").toString(), dir.resolve("b/3.jpg").toString());
        LibraryPhoto first = store.photos(PhotoQuery.all()).get(0);
        assertThat(first.faces()).isEqualTo(2);
        assertThat(first.unnamedFaces()).isEqualTo(2);
        assertThat(first.width()).isEqualTo(100);
        assertThat(store.photos(new PhotoQuery(dir.resolve("a").toString(), false, false, null, null, 10))).hasSize(2);
        assertThat(store.photos(new PhotoQuery(null, true, false, null, null, 10))).extracting(LibraryPhoto::path)
                .containsExactly(dir.resolve("a/1.jpg").toString(), dir.resolve("b/3.jpg").toString());
        assertThat(store.photos(new PhotoQuery(null, false, true, null, null, 10))).extracting(LibraryPhoto::path)
                .containsExactly(dir.resolve("a/1.jpg").toString());
        assertThat(store.photos(new PhotoQuery(null, false, false, "ada", null, 10))).extracting(LibraryPhoto::path)
                .containsExactly(dir.resolve("b/3.jpg").toString());
    }

    @Test
    void thePhotoQueryPagesByPathAndStaysFastAtAHundredThousandPhotos() {
        long folder = store.addFolder("/p");
        store.database().write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO photos(folder_id, path, size, mtime, status, first_seen_at, last_seen_at)"
                    + " VALUES (?, ?, 1, 1, 'indexed', 1, 1)")) {
                for (int i = 0; i < 100_000; i++) {
                    ps.setLong(1, folder);
                    ps.setString(2, String.format("/p/%06d.jpg", i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        List<LibraryPhoto> page1 = store.photos(new PhotoQuery(null, false, false, null, null, 1000));
        List<LibraryPhoto> page2 = store.photos(new PhotoQuery(null, false, false, null, null, 1000).after(page1.get(999).path()));
        assertThat(page1.get(0).path()).isEqualTo("/p/000000.jpg");
        assertThat(page2.get(0).path()).isEqualTo("/p/001000.jpg");
        long t0 = System.nanoTime();
        List<LibraryPhoto> last = store.photos(new PhotoQuery(null, false, false, null, "/p/098999.jpg", PhotoQuery.PAGE));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(last).hasSize(1000);
        assertThat(ms).as("a page deep in a 100,000-photo library, ms").isLessThan(1000);
    }
}
