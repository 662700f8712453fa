package kindred.library.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import kindred.library.MissingFolderException;
import kindred.library.PhotoMetadata;
import kindred.library.ScanSummary;
import kindred.library.StoredPhoto;
import org.junit.jupiter.api.Test;

/** The scanner on a real temporary SQLite library and real files (no decoding involved). */
class FolderScannerTest extends ScannerFixture {

    @Test
    void newPhotosAreQueuedAndOtherFilesIgnored() throws Exception {
        file("a.jpg", "a");
        file("sub/b.PNG", "b");
        file("notes.txt", "x");
        file("clip.mp4", "x");
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.seen()).isEqualTo(2);
        assertThat(s.added()).isEqualTo(2);
        assertThat(store.pendingJobs()).isEqualTo(2);
    }

    @Test
    void aSecondScanOfUnchangedFilesQueuesNothing() throws Exception {
        file("a.jpg", "a");
        scanner.scan(List.of(photos));
        store.claimIndexJobs(10).forEach(j -> store.saveFailed(j, "corrupt", "test"));
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.unchanged()).isEqualTo(1);
        assertThat(s.added() + s.changed()).isZero();
        assertThat(store.pendingJobs()).isZero();
    }

    @Test
    void aChangedFileIsQueuedAgain() throws Exception {
        Path a = file("a.jpg", "a");
        scanner.scan(List.of(photos));
        store.claimIndexJobs(10).forEach(j -> store.saveFailed(j, "corrupt", "test"));
        Files.writeString(a, "longer content");
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.changed()).isEqualTo(1);
        assertThat(store.pendingJobs()).isEqualTo(1);
    }

    @Test
    void aRenamedFileIsRelinkedByContentNotAddedAgain() throws Exception {
        Path a = file("a.jpg", "same bytes");
        scanner.scan(List.of(photos));
        long id = store.photoByPath(a.toRealPath().toString()).orElseThrow().id();
        store.claimIndexJobs(10).forEach(j -> store.saveFailed(j, "corrupt", "test"));
        Path moved = Files.move(a, Files.createDirectories(photos.resolve("2024")).resolve("renamed.jpg"));
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.moved()).isEqualTo(1);
        assertThat(s.added()).isZero();
        assertThat(store.photoByPath(moved.toRealPath().toString()).orElseThrow().id()).isEqualTo(id);
        assertThat(store.counts().photos()).isEqualTo(1);
    }

    @Test
    void aVanishedFileIsMarkedMissingAndKept() throws Exception {
        Path a = file("a.jpg", "a");
        file("b.jpg", "b");
        scanner.scan(List.of(photos));
        String path = a.toRealPath().toString();
        Files.delete(a);
        Thread.sleep(5); // scan times are milliseconds
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.missing()).isEqualTo(1);
        assertThat(store.photoByPath(path)).get().extracting(StoredPhoto::missing).isEqualTo(true);
    }

    @Test
    void aSymlinkLoopIsReportedAndTheScanGoesOn() throws Exception {
        file("a.jpg", "a");
        Files.createSymbolicLink(photos.resolve("loop"), photos);
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.added()).isEqualTo(1);
        assertThat(s.warnings()).anyMatch(w -> w.contains("loop"));
    }

    @Test
    void aMissingFolderIsAClearErrorAndChangesNothing() {
        assertThatThrownBy(() -> scanner.scan(List.of(tmp.resolve("nope"))))
                .isInstanceOf(MissingFolderException.class).hasMessageContaining("does not exist");
        assertThat(store.folders()).isEmpty();
    }

    @Test
    void photosIndexedWithAnotherDetectorAreQueuedAgain() throws Exception {
        file("a.jpg", "a");
        scanner.scan(List.of(photos));
        var job = store.claimIndexJobs(1).get(0);
        store.saveIndexed(job, new PhotoMetadata("jpeg", 10, 10, 1, null),
                new kindred.model.PhotoAnalysis(10, 10, "old-detector", "emb", List.of()));
        ScanSummary s = scanner.scan(List.of(photos));
        assertThat(s.changed()).isEqualTo(1);
        assertThat(store.pendingJobs()).isEqualTo(1);
    }

    @Test
    void hiddenFoldersAreSkipped() throws Exception {
        file(".thumbnails/t.jpg", "t");
        file("a.jpg", "a");
        assertThat(scanner.scan(List.of(photos)).seen()).isEqualTo(1);
    }

    @Test
    void touchingAFileWithoutChangingItsSizeCountsAsChanged() throws Exception {
        Path a = file("a.jpg", "a");
        scanner.scan(List.of(photos));
        store.claimIndexJobs(10).forEach(j -> store.saveFailed(j, "corrupt", "test"));
        Files.setLastModifiedTime(a, FileTime.fromMillis(Files.getLastModifiedTime(a).toMillis() + 60_000));
        assertThat(scanner.scan(List.of(photos)).changed()).isEqualTo(1);
    }
}
