package kindred.library.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's waiting rules, with the time passed in: nothing here sleeps. */
class PendingChangesTest {

    @TempDir
    Path dir;

    private Path jpeg(String name, boolean complete) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, complete ? new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9}
                : new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5});
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000));
        return p;
    }

    @Test
    void aNewFileIsHandedOnOnceItHasNotChangedForTheSettleTime() throws Exception {
        PendingChanges c = new PendingChanges();
        Path p = jpeg("a.jpg", true);
        c.fileChanged(p, 0);
        assertThat(c.tick(0)).isNull(); // first look: size and time recorded
        assertThat(c.tick(PendingChanges.SETTLE_MILLIS - 1)).isNull();
        PendingChanges.Batch b = c.tick(PendingChanges.SETTLE_MILLIS);
        assertThat(b).isNotNull();
        assertThat(b.dirs()).containsExactly(dir);
        assertThat(b.notYet()).isEmpty();
        assertThat(c.tick(PendingChanges.SETTLE_MILLIS * 3)).isNull(); // handed on once
    }

    @Test
    void aFileThatKeepsGrowingWaits() throws Exception {
        PendingChanges c = new PendingChanges();
        Path p = jpeg("a.jpg", true);
        c.fileChanged(p, 0);
        c.tick(0);
        Files.write(p, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5, 6, (byte) 0xFF, (byte) 0xD9});
        assertThat(c.tick(PendingChanges.SETTLE_MILLIS)).as("it changed since the last look").isNull();
        assertThat(c.tick(2 * PendingChanges.SETTLE_MILLIS - 1)).isNull();
        assertThat(c.tick(2 * PendingChanges.SETTLE_MILLIS)).isNotNull();
    }

    @Test
    void aJpegWithoutItsEndMarkerWaitsUntilTheLongestWait() throws Exception {
        PendingChanges c = new PendingChanges();
        Path p = jpeg("cut.jpg", false);
        c.fileChanged(p, 0);
        c.tick(0);
        assertThat(c.tick(PendingChanges.SETTLE_MILLIS * 5)).isNull();
        assertThat(c.tick(PendingChanges.INCOMPLETE_MAX_MILLIS)).as("read anyway: a trailer after the marker").isNotNull();
    }

    @Test
    void aRenameIsHandedOnAsOneBatch() throws Exception {
        PendingChanges c = new PendingChanges();
        Path old = dir.resolve("old.jpg");
        Path renamed = jpeg("new.jpg", true);
        c.fileRemoved(old, 0);
        c.fileChanged(renamed, 0);
        c.tick(0);
        assertThat(c.tick(PendingChanges.QUIET_MILLIS)).as("the new name still settles: the removal waits for it").isNull();
        PendingChanges.Batch b = c.tick(PendingChanges.SETTLE_MILLIS);
        assertThat(b.dirs()).containsExactly(dir);
        assertThat(b.notYet()).isEmpty();
    }

    @Test
    void duringALongCopyWhatHasSettledGoesAfterTheLongestBatchWithTheRestNotYetRead() throws Exception {
        PendingChanges c = new PendingChanges();
        Path done = jpeg("done.jpg", true);
        c.fileChanged(done, 0);
        c.tick(0);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path writing = sub.resolve("writing.jpg");
        long t = 0;
        for (; t < PendingChanges.MAX_BATCH_MILLIS; t += 500) {
            Files.write(writing, new byte[(int) (t / 500) + 4]); // grows every 500 ms: never settles
            c.fileChanged(writing, t);
            PendingChanges.Batch b = c.tick(t);
            assertThat(b).as("at %d ms", t).isNull();
        }
        PendingChanges.Batch b = c.tick(t);
        assertThat(b.dirs()).containsExactly(dir);
        assertThat(b.notYet()).containsExactly(writing);
    }

    @Test
    void aFileRemovedWhileItWaitsIsNotHandedOnButItsFolderIs() throws Exception {
        PendingChanges c = new PendingChanges();
        Path p = jpeg("gone.jpg", true);
        c.fileChanged(p, 0);
        c.tick(0);
        Files.delete(p);
        c.tick(10);
        PendingChanges.Batch b = c.tick(10 + PendingChanges.QUIET_MILLIS);
        assertThat(b.dirs()).containsExactly(dir);
        assertThat(b.notYet()).isEmpty();
        assertThat(c.waiting()).isZero();
    }
}
