package kindred.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import kindred.library.scan.FolderScanner;
import kindred.library.IndexProgress;
import kindred.metadata.ExifMetadataReader;
import kindred.store.Database;
import kindred.store.SqliteLibraryStore;
import kindred.vision.OpenCvVisionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker pool on real photos, models and library. */
@Tag("slow")
class IndexingServiceTest {

    @TempDir
    Path tmp;

    SqliteLibraryStore store;
    IndexingService indexing;

    @BeforeEach
    void setUp() throws Exception {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Path demo = Path.of(System.getProperty("kindred.testPhotos", "target/test-photos"));
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 1; i <= 6; i++) {
                Files.copy(demo.resolve("sample" + i + ".jpg"), photos.resolve(copy + "-" + i + ".jpg"));
            }
        }
        store = new SqliteLibraryStore(Database.open(tmp.resolve("library")));
        OpenCvVisionProvider vision = new OpenCvVisionProvider(tmp.resolve("library/models"));
        new FolderScanner(store, vision.activeDetectorId()).scan(List.of(photos));
        indexing = new IndexingService(store, new ExifMetadataReader(), vision, 2);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void progressReachesEveryPhotoWithRateAndFaces() throws Exception {
        List<IndexProgress> events = new CopyOnWriteArrayList<>();
        IndexProgress last = indexing.start(events::add).await();
        assertThat(last.photosDone()).isEqualTo(12);
        assertThat(last.photosTotal()).isEqualTo(12);
        assertThat(last.facesFound()).isBetween(42, 46);
        assertThat(last.state()).isEqualTo("done");
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.photosDone()).isLessThanOrEqualTo(e.photosTotal()));
        assertThat(events).anySatisfy(e -> assertThat(e.photosPerSecond()).isPositive());
        assertThat(store.pendingJobs()).isZero();
    }

    @Test
    void cancelLeavesTheRestQueuedForTheNextRun() throws Exception {
        IndexingService.IndexRun run = indexing.start(p -> { });
        run.cancel();
        IndexProgress p = run.await();
        assertThat(p.state()).isEqualTo("cancelled");
        assertThat(store.pendingJobs()).isEqualTo(12 - p.photosDone());
        IndexProgress resumed = indexing.start(x -> { }).await();
        assertThat(p.photosDone() + resumed.photosDone()).isEqualTo(12);
        assertThat(store.pendingJobs()).isZero();
    }

    @Test
    void aPausedRunIndexesNothingUntilResumed() throws Exception {
        IndexingService.IndexRun run = indexing.start(p -> { });
        run.pause();
        // The photos in flight when pausing finish; then nothing moves.
        int atPause = -1;
        for (int i = 0; i < 40 && atPause != run.photosDone(); i++) {
            atPause = run.photosDone();
            Thread.sleep(500);
        }
        Thread.sleep(1000);
        assertThat(run.photosDone()).isEqualTo(atPause);
        assertThat(run.progress().state()).isEqualTo("paused");
        run.resume();
        assertThat(run.await().photosDone()).isEqualTo(12);
    }

    @Test
    void aRunStartedBeforeAScanIndexesEveryPhotoTheScanQueues() throws Exception {
        Path more = Files.createDirectories(tmp.resolve("more"));
        Path demo = Path.of(System.getProperty("kindred.testPhotos", "target/test-photos"));
        for (int i = 1; i <= 6; i++) {
            // Distinct contents: the same pictures in another library folder would be identical copies, not queued.
            kindred.library.DistinctJpegs.copy(demo.resolve("sample" + i + ".jpg"), more.resolve("more-" + i + ".jpg"));
        }
        IndexingService.IndexRun run = indexing.startWhileQueueing(p -> { });
        kindred.library.ScanSummary scanned = run.scan(queued -> new FolderScanner(store, null).scan(List.of(more), queued));
        IndexProgress last = run.await();
        assertThat(scanned.added()).isEqualTo(6);
        assertThat(last.photosDone()).isEqualTo(18); // the 12 queued before, and the scan's 6
        assertThat(last.state()).isEqualTo("done");
        assertThat(store.pendingJobs()).isZero();
    }

    @Test
    void aQueueingRunEndsOnceToldNothingMoreComes() throws Exception {
        IndexingService.IndexRun run = indexing.startWhileQueueing(p -> { });
        run.noMoreJobs();
        assertThat(run.await().photosDone()).isEqualTo(12);
        assertThat(store.pendingJobs()).isZero();
    }
}
