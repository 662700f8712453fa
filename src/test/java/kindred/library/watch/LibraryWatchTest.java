package kindred.library.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import kindred.app.Services;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.FolderInfo;
import kindred.library.LibraryPhoto;
import kindred.library.PhotoQuery;
import kindred.library.StoredPhoto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher on real folders with the real services and models (issue 18): photos copied, written slowly, renamed,
 * removed, in a folder past the watch limit, on a drive that goes away and comes back, and identical copies. Waits
 * are generous deadlines on what the library holds, never timings.
 */
@Tag("slow")
class LibraryWatchTest {

    /** How long a test waits for what the watcher should do, in milliseconds: generous on a busy 2-core machine. */
    static final long DEADLINE_MILLIS = 240_000;

    @TempDir
    Path tmp;

    Path photos;
    Services services;
    final List<LibraryWatch.Event> events = new CopyOnWriteArrayList<>();

    static Path testPhoto(String name) {
        return Path.of(System.getProperty("kindred.testPhotos", "target/test-photos")).resolve(name);
    }

    @BeforeEach
    void libraryWithOnePhoto() throws Exception {
        photos = Files.createDirectories(tmp.resolve("drive/Family")).toRealPath();
        Files.copy(testPhoto("sample1.jpg"), photos.resolve("sample1.jpg"));
        services = new Services(tmp.resolve("library"), 1);
        services.scans().run(List.of(photos), p -> { }, r -> { });
    }

    @AfterEach
    void close() {
        System.clearProperty(DirectoryWatcher.MAX_WATCHES_PROPERTY);
        services.close();
    }

    private void watch() {
        services.watch().start(events::add);
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long until = System.currentTimeMillis() + DEADLINE_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("not within " + DEADLINE_MILLIS / 1000 + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private boolean indexed(Path file) {
        return services.store().photoByPath(file.toString()).map(p -> "indexed".equals(p.status()) && !p.missing()).orElse(false);
    }

    private List<FaceInfo> faces(Path file) {
        return services.queries().faces(new FaceQuery(file.toString(), null, null));
    }

    private long indexedEvents(Path file) {
        return events.stream().filter(e -> e.what() == LibraryWatch.What.INDEXED && file.toString().equals(e.path())).count();
    }

    @Test
    void photosCopiedIntoAWatchedFolderAreIndexedWithoutAnythingElse() throws Exception {
        watch();
        Path sub = Files.createDirectories(photos.resolve("2026/Card"));
        Files.copy(testPhoto("sample2.jpg"), photos.resolve("sample2.jpg"));
        Files.copy(testPhoto("sample4.jpg"), sub.resolve("sample4.jpg"));
        await("both photos indexed", () -> indexed(photos.resolve("sample2.jpg")) && indexed(sub.resolve("sample4.jpg")));
        assertThat(faces(photos.resolve("sample2.jpg"))).hasSize(3);
        assertThat(faces(sub.resolve("sample4.jpg"))).hasSize(4);
        await("the new faces grouped", () -> events.stream().anyMatch(e -> e.what() == LibraryWatch.What.GROUPED));
        assertThat(services.store().pendingJobs()).isZero();
    }

    @Test
    void aPhotoWrittenSlowlyIsIndexedOnceAndComplete() throws Exception {
        watch();
        await("watching", () -> services.watch().status().folders() == 1);
        byte[] jpeg = Files.readAllBytes(testPhoto("sample2.jpg"));
        Path target = photos.resolve("slow.jpg");
        int pieces = 8;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int i = 0; i < pieces; i++) {
                int from = jpeg.length * i / pieces;
                int to = jpeg.length * (i + 1) / pieces;
                out.write(jpeg, from, to - from);
                out.flush();
                Thread.sleep(600); // a slow writer: each piece 600 ms after the last (under the settle time)
            }
        }
        await("the slow photo indexed", () -> indexed(target));
        // A few seconds more, in which a second indexing of it would show.
        Thread.sleep(PendingChanges.SETTLE_MILLIS + PendingChanges.QUIET_MILLIS + 1_000);
        await("the watcher idle", () -> services.store().pendingJobs() == 0);
        StoredPhoto p = services.store().photoByPath(target.toString()).orElseThrow();
        assertThat(p.size()).as("read complete").isEqualTo(jpeg.length);
        assertThat(faces(target)).as("every face of the whole photo").hasSize(3);
        assertThat(indexedEvents(target)).as("indexed once").isEqualTo(1);
        assertThat(events).noneMatch(e -> e.what() == LibraryWatch.What.FAILED);
    }

    @Test
    void aRenamedPhotoKeepsItsFacesAndNamesAndARemovedOneIsMissing() throws Exception {
        Files.copy(testPhoto("sample2.jpg"), photos.resolve("sample2.jpg"));
        services.scans().run(List.of(photos), p -> { }, r -> { });
        FaceInfo f = faces(photos.resolve("sample1.jpg")).get(0);
        services.people().nameFace(f.id(), "Ada");
        watch();
        await("watching", () -> services.watch().status().folders() == 1);
        Files.move(photos.resolve("sample1.jpg"), photos.resolve("renamed.jpg"));
        Files.delete(photos.resolve("sample2.jpg"));
        await("renamed and missing", () -> services.store().photoByPath(photos.resolve("renamed.jpg").toString()).isPresent()
                && services.store().photoByPath(photos.resolve("sample2.jpg").toString()).map(StoredPhoto::missing).orElse(false));
        assertThat(faces(photos.resolve("renamed.jpg"))).anyMatch(x -> "Ada".equals(x.person()) && x.id() == f.id());
        assertThat(events).noneMatch(e -> e.what() == LibraryWatch.What.INDEXED);
    }

    @Test
    void pastTheWatchLimitAFolderIsLookedAtByItsModificationTime() throws Exception {
        Path sub = Files.createDirectories(photos.resolve("Polled"));
        services.scans().run(List.of(photos), p -> { }, r -> { });
        System.setProperty(DirectoryWatcher.MAX_WATCHES_PROPERTY, "1"); // the folder itself; Polled is past the limit
        watch();
        await("one directory polled", () -> services.watch().status().polledDirs() == 1);
        assertThat(services.watch().status().watchedDirs()).isEqualTo(1);
        Files.copy(testPhoto("sample4.jpg"), sub.resolve("sample4.jpg"));
        await("the photo in the polled folder indexed", () -> indexed(sub.resolve("sample4.jpg")));
        assertThat(faces(sub.resolve("sample4.jpg"))).hasSize(4);
    }

    @Test
    void atStartWhatChangedSinceLastTimeIsFoundAndTheRestIsNotReadAgain() throws Exception {
        Path sub = Files.createDirectories(photos.resolve("Later"));
        Files.copy(testPhoto("sample4.jpg"), sub.resolve("sample4.jpg")); // while nothing watched
        Files.copy(testPhoto("sample2.jpg"), photos.resolve("sample2.jpg"));
        watch();
        await("both found at start", () -> indexed(sub.resolve("sample4.jpg")) && indexed(photos.resolve("sample2.jpg")));
        assertThat(indexedEvents(photos.resolve("sample1.jpg"))).as("unchanged: not indexed again").isZero();
        Map<String, Long> dirs = services.store().directories(photos.toString());
        assertThat(dirs).containsKeys(photos.toString(), sub.toString());
    }

    @Test
    void aFolderWhoseRootIsRenamedAwayIsOfflineWithItsNamesAndNothingIsIndexedWhenItComesBack() throws Exception {
        FaceInfo f = faces(photos.resolve("sample1.jpg")).get(0);
        services.people().nameFace(f.id(), "Ada");
        watch();
        await("watching", () -> services.watch().status().folders() == 1);
        Path away = photos.resolveSibling("Family-unplugged");
        Files.move(photos, away); // the drive's mount point gone: the folder's root is not there
        await("offline", () -> services.watch().status().offline() == 1);
        assertOfflineWithNames(f.id());
        Files.move(away, photos);
        await("back", () -> services.watch().status().offline() == 0 && services.watch().status().folders() == 1);
        Thread.sleep(LibraryWatch.PRESENCE_MILLIS + PendingChanges.QUIET_MILLIS + PendingChanges.SETTLE_MILLIS);
        await("idle", () -> services.store().pendingJobs() == 0);
        assertThat(events).noneMatch(e -> e.what() == LibraryWatch.What.INDEXED || e.what() == LibraryWatch.What.MISSING);
        assertThat(events).anyMatch(e -> e.what() == LibraryWatch.What.OFFLINE).anyMatch(e -> e.what() == LibraryWatch.What.ONLINE);
        assertThat(faces(photos.resolve("sample1.jpg"))).anyMatch(x -> x.id() == f.id() && "Ada".equals(x.person()));
    }

    @Test
    void aFolderWhoseBindMountGoesAwayIsOfflineAndComingBackIndexesNothing() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: mounting needs root, and this test runs as "
                + System.getProperty("user.name"));
        Path disk = Files.createDirectories(tmp.resolve("disk"));
        Files.copy(testPhoto("sample2.jpg"), disk.resolve("sample2.jpg"));
        Path mount = Files.createDirectories(tmp.resolve("mnt/Share"));
        assumeTrue(run("mount", "--bind", disk.toString(), mount.toString()) == 0, "skipped: mount --bind is not permitted here");
        try {
            services.scans().run(List.of(mount), p -> { }, r -> { });
            FaceInfo f = faces(mount.resolve("sample2.jpg")).get(0);
            services.people().nameFace(f.id(), "Ada");
            watch();
            await("watching", () -> services.watch().status().folders() == 2);
            assertThat(run("umount", mount.toString())).isZero(); // the mount point stays, empty
            await("offline", () -> services.watch().status().offline() == 1);
            assertOfflineWithNames(f.id());
            assertThat(services.store().photoByPath(mount.resolve("sample2.jpg").toString()).orElseThrow().missing()).isFalse();
            assertThat(run("mount", "--bind", disk.toString(), mount.toString())).isZero();
            await("back", () -> services.watch().status().offline() == 0);
            Thread.sleep(LibraryWatch.PRESENCE_MILLIS + PendingChanges.QUIET_MILLIS + PendingChanges.SETTLE_MILLIS);
            await("idle", () -> services.store().pendingJobs() == 0);
            assertThat(events).noneMatch(e -> e.what() == LibraryWatch.What.INDEXED || e.what() == LibraryWatch.What.MISSING);
            assertThat(faces(mount.resolve("sample2.jpg"))).anyMatch(x -> x.id() == f.id() && "Ada".equals(x.person()));
        } finally {
            run("umount", mount.toString());
        }
    }

    /** The offline folder's photo: listed offline, its named face kept and found by search. */
    private void assertOfflineWithNames(long faceId) {
        List<FolderInfo> folders = services.queries().folders();
        assertThat(folders).anyMatch(x -> !x.present());
        List<LibraryPhoto> page = services.queries().photos(new PhotoQuery(null, false, false, null, null, 100));
        assertThat(page).isNotEmpty().anyMatch(LibraryPhoto::offline);
        List<FaceInfo> named = services.queries().facesById(List.of(faceId));
        assertThat(named).singleElement().satisfies(x -> assertThat(x.person()).isEqualTo("Ada"));
        assertThat(services.people().search(List.of("Ada"), false)).as("still found by search").isNotEmpty();
    }

    @Test
    void anIdenticalCopyInAnotherFolderSharesTheFacesAndNamesAndIsCountedOnce() throws Exception {
        FaceInfo f = faces(photos.resolve("sample1.jpg")).get(0);
        services.people().nameFace(f.id(), "Ada");
        Path backup = Files.createDirectories(tmp.resolve("backup/2026")).toRealPath();
        services.scans().run(List.of(backup), p -> { }, r -> { });
        watch();
        await("watching", () -> services.watch().status().folders() == 2);
        Files.copy(photos.resolve("sample1.jpg"), backup.resolve("copy-of-sample1.jpg"));
        await("the copy joined", () -> services.store().copies().values().stream().anyMatch(l -> l.contains(backup.resolve("copy-of-sample1.jpg").toString())));
        assertThat(services.people().search(List.of("Ada"), false)).as("counted once").hasSize(1);
        assertThat(services.queries().counts().photos()).isEqualTo(1);
        assertThat(services.queries().photo(backup.resolve("copy-of-sample1.jpg").toString())).map(StoredPhoto::path)
                .contains(photos.resolve("sample1.jpg").toString());
        List<LibraryPhoto> page = services.queries().photos(new PhotoQuery(null, false, false, null, null, 100));
        assertThat(page).singleElement().satisfies(p -> assertThat(p.copies()).containsExactly(backup.resolve("copy-of-sample1.jpg").toString()));
        assertThat(events).noneMatch(e -> e.what() == LibraryWatch.What.INDEXED);

        // The original removed: the photo lives on at its copy, names and all.
        Files.delete(photos.resolve("sample1.jpg"));
        await("the copy took over", () -> services.store().photoByPath(backup.resolve("copy-of-sample1.jpg").toString()).isPresent());
        assertThat(faces(backup.resolve("copy-of-sample1.jpg"))).anyMatch(x -> x.id() == f.id() && "Ada".equals(x.person()));
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** Each face id with its person: what the tests compare. */
    static TreeMap<Long, String> names(Services s) {
        TreeMap<Long, String> out = new TreeMap<>();
        for (FaceInfo f : s.queries().faces(new FaceQuery(null, null, null))) {
            if (f.person() != null) {
                out.put(f.id(), f.person());
            }
        }
        return out;
    }

    static List<String> lines(List<LibraryWatch.Event> events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.what() + " " + e.text()));
        return out;
    }
}
