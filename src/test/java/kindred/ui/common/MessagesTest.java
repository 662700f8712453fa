package kindred.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import kindred.library.MissingFolderException;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void countsUseSingularAndPlural() {
        assertThat(Messages.count(1, "photo")).isEqualTo("1 photo");
        assertThat(Messages.count(2, "face")).isEqualTo("2 faces");
    }

    @Test
    void durationsAreRounded() {
        assertThat(Messages.duration(42.4)).isEqualTo("42 s");
        assertThat(Messages.duration(600)).isEqualTo("10 min");
        assertThat(Messages.duration(3900)).isEqualTo("1 h 5 min");
    }

    @Test
    void errorsSayWhatToDoAndNeverShowAStackTrace() {
        assertThat(Messages.forUser(new MissingFolderException(Path.of("/media/usb/photos")))).contains("plug in the drive");
        assertThat(Messages.forUser(new IllegalStateException(new java.io.IOException()))).contains("try again");
        assertThat(Messages.forUser(new RuntimeException("disk full"))).startsWith("disk full").doesNotContain("at kindred");
    }
}
