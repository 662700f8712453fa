package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibraryLocationTest {

    @Test
    void theEnvironmentVariableWins() {
        assertThat(LibraryLocation.defaultDir(Map.of("KINDRED_LIBRARY", "/data/lib", "XDG_DATA_HOME", "/x"), "Linux", "/home/a"))
                .isEqualTo(Path.of("/data/lib"));
    }

    @Test
    void linuxUsesXdgDataHome() {
        assertThat(LibraryLocation.defaultDir(Map.of("XDG_DATA_HOME", "/x"), "Linux", "/home/a")).isEqualTo(Path.of("/x/kindred"));
    }

    @Test
    void linuxFallsBackToLocalShare() {
        assertThat(LibraryLocation.defaultDir(Map.of(), "Linux", "/home/a")).isEqualTo(Path.of("/home/a/.local/share/kindred"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(LibraryLocation.defaultDir(Map.of(), "Mac OS X", "/Users/a"))
                .isEqualTo(Path.of("/Users/a/Library/Application Support/Kindred"));
    }
}
