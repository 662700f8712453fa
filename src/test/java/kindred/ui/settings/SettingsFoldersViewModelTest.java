package kindred.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import kindred.library.FaceQuery;
import kindred.library.FolderInfo;
import kindred.ui.LibraryViewModelTest;
import org.junit.jupiter.api.Test;

/** The Settings page's folder actions (issue 18): a folder that moved, a folder removed; no window needed. */
class SettingsFoldersViewModelTest extends LibraryViewModelTest {

    private FolderInfo onlyFolder() {
        SettingsViewModel s = vm.settings();
        s.reload();
        assertThat(s.folders()).hasSize(1);
        return s.folders().get(0);
    }

    @Test
    void aFolderThatMovedIsPointedAtItsNewPlaceWithItsNamesKept() throws Exception {
        long face = photos.face(0);
        services.people().nameFace(face, "Ada");
        FolderInfo folder = onlyFolder();
        Path moved = tmp.resolve("elsewhere");
        Files.move(Path.of(folder.path()), moved);

        vm.settings().moveFolder(folder, moved);

        assertThat(vm.settings().folders()).extracting(FolderInfo::path).containsExactly(moved.toString());
        assertThat(vm.settings().messageProperty().get()).contains("Every name was kept");
        assertThat(services.queries().faces(new FaceQuery(null, "Ada", null))).singleElement()
                .satisfies(f -> assertThat(f.photoPath()).startsWith(moved.toString()));
    }

    @Test
    void removingAFolderSaysWhatGoesThenForgetsIt() throws Exception {
        long face = photos.face(0);
        services.people().nameFace(face, "Ada");
        FolderInfo folder = onlyFolder();
        AtomicReference<String> said = new AtomicReference<>();

        vm.settings().describeRemoval(folder, said::set);
        assertThat(said.get()).contains("1 photo").contains("1 confirmed name").contains("Ada").contains("not touched");

        vm.settings().removeFolder(folder);
        assertThat(vm.settings().folders()).isEmpty();
        assertThat(services.queries().faces(FaceQuery.all())).isEmpty();
        assertThat(Files.exists(Path.of(folder.path()))).isTrue();
    }
}
