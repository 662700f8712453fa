package kindred.ui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FxTaskExecutorTest {

    @Test
    void aTaskAskedForAfterTheWindowClosedIsDroppedQuietly() throws Exception {
        FxTaskExecutor executor = new FxTaskExecutor("test", 1);
        executor.close();
        AtomicBoolean ran = new AtomicBoolean();
        // A watcher's late event makes the closed window ask for its counts: this threw RejectedExecutionException on the
        // FX thread, which failed the next window test.
        assertThatCode(() -> executor.execute(BackgroundTask.run("Counting", () -> ran.set(true)))).doesNotThrowAnyException();
        Thread.sleep(100);
        assertThat(ran).isFalse();
    }
}
