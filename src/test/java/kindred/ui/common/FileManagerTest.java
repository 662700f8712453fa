package kindred.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Showing a photo's file in the system's file manager: the command per system, and what the user is told when it fails. */
class FileManagerTest {

    @TempDir
    Path tmp;

    @Test
    void linuxOpensThePhotosFolderWithXdgOpen() {
        Path photo = tmp.resolve("IMG_1.jpg");
        assertThat(FileManager.command("Linux", photo)).containsExactly("xdg-open", tmp.toAbsolutePath().toString());
    }

    @Test
    void macOsAndWindowsShowTheFileItselfSelected() {
        Path photo = tmp.resolve("IMG_1.jpg").toAbsolutePath();
        assertThat(FileManager.command("Mac OS X", photo)).containsExactly("open", "-R", photo.toString());
        assertThat(FileManager.command("Windows 11", photo)).containsExactly("explorer.exe", "/select," + photo);
    }

    @Test
    void aMissingOpenerIsSaidWithWhereThePhotoIs() {
        Path photo = tmp.resolve("IMG_1.jpg");
        String problem = FileManager.run(List.of("kindred-no-such-file-manager", tmp.toString()), photo);
        assertThat(problem).isEqualTo("No file manager could be started (kindred-no-such-file-manager is not installed). "
                + "The photo is at " + photo.toAbsolutePath());
    }

    @Test
    void anOpenerThatFailsIsSaidWithItsStatus() {
        String problem = FileManager.run(List.of("false"), tmp.resolve("IMG_1.jpg"));
        assertThat(problem).startsWith("No file manager opened (false ended with status 1)");
    }

    @Test
    void anOpenerThatSucceedsSaysNothing() {
        assertThat(FileManager.run(List.of("true"), tmp.resolve("IMG_1.jpg"))).isNull();
    }

    @Test
    void aFolderThatIsNotThereIsSaidBeforeAnythingIsStarted() {
        Path gone = tmp.resolve("unplugged").resolve("IMG_1.jpg");
        assertThat(FileManager.open("Linux", gone)).isEqualTo("The folder " + gone.getParent().toAbsolutePath()
                + " is not reachable: is the drive plugged in?");
    }

    @Test
    void theMessageReachesTheUserThroughTheExecutor() throws Exception {
        Path gone = tmp.resolve("unplugged").resolve("IMG_1.jpg");
        List<String> told = new ArrayList<>();
        FileManager.show(new CurrentThreadTaskExecutor(), gone.toString(), told::add);
        assertThat(told).singleElement().asString().contains("is not reachable");
        assertThat(Files.exists(gone.getParent())).isFalse();
    }
}
