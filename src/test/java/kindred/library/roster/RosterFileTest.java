package kindred.library.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kindred.library.LibraryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a roster in each of its three layouts; nothing here touches a library. */
class RosterFileTest {

    @TempDir
    Path dir;

    private Path file(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "not decoded here");
    }

    @Test
    void aPhotosNameWithoutItsCopyNumberIsThePerson() {
        assertThat(RosterFile.nameFromFile("Ada Lovelace.jpg")).isEqualTo("Ada Lovelace");
        assertThat(RosterFile.nameFromFile("Ada Lovelace 2.jpg")).isEqualTo("Ada Lovelace");
        assertThat(RosterFile.nameFromFile("Ada Lovelace (3).JPG")).isEqualTo("Ada Lovelace");
        assertThat(RosterFile.nameFromFile("Ada_Lovelace_12.png")).isEqualTo("Ada_Lovelace");
        assertThat(RosterFile.nameFromFile("Class of 2026.jpg")).isEqualTo("Class of 2026");
    }

    @Test
    void aSubFolderPerPersonGivesEveryPhotoInItToThatPerson() throws IOException {
        file("Ada Lovelace/one.jpg");
        file("Ada Lovelace/nested/two.heic");
        file("Ada Lovelace/notes.txt");
        file("Ada Lovelace/.hidden.jpg");
        file("Alan Turing/a.png");
        RosterFile.Read r = RosterFile.read(dir);
        assertThat(r.entries()).extracting(RosterFile.Entry::name, e -> e.photo().getFileName().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Ada Lovelace", "two.heic"),
                        org.assertj.core.groups.Tuple.tuple("Ada Lovelace", "one.jpg"),
                        org.assertj.core.groups.Tuple.tuple("Alan Turing", "a.png"));
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void photosNamedByPersonAndSubFoldersMixInOneFolder() throws IOException {
        file("Ada Lovelace.jpg");
        file("Ada Lovelace 2.jpg");
        file("Alan Turing/x.jpg");
        RosterFile.Read r = RosterFile.read(dir);
        assertThat(r.entries()).extracting(RosterFile.Entry::name).containsExactly("Ada Lovelace", "Ada Lovelace", "Alan Turing");
    }

    @Test
    void aPersonFolderWithoutPhotosIsReported() throws IOException {
        Files.createDirectories(dir.resolve("Grace Hopper"));
        file("Ada Lovelace.jpg");
        RosterFile.Read r = RosterFile.read(dir);
        assertThat(r.entries()).hasSize(1);
        assertThat(r.problems()).singleElement().asString().contains("Grace Hopper");
    }

    @Test
    void aCsvGivesNamesAndPathsRelativeToItsFolder() throws IOException {
        Path photo = file("photos/ada.jpg");
        Path csv = Files.writeString(dir.resolve("roster.csv"), "\uFEFFname,photo\n# a comment\n"
                + "\"Lovelace, Ada\",photos/ada.jpg\n\n"
                + "\"Alan \"\"Prof\"\" Turing\"," + photo + "\n");
        RosterFile.Read r = RosterFile.read(csv);
        assertThat(r.entries()).extracting(RosterFile.Entry::name).containsExactly("Lovelace, Ada", "Alan \"Prof\" Turing");
        assertThat(r.entries()).allSatisfy(e -> assertThat(e.photo()).isEqualTo(photo));
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aCsvLineWithoutAPhotoOrWithAnOpenQuoteIsReported() throws IOException {
        file("a.jpg");
        Path csv = Files.writeString(dir.resolve("r.csv"), "Ada,a.jpg\nBob\n\"Carl,a.jpg\nDan,gone.jpg\n");
        RosterFile.Read r = RosterFile.read(csv);
        assertThat(r.entries()).extracting(RosterFile.Entry::name).containsExactly("Ada");
        assertThat(r.problems()).hasSize(3);
    }

    @Test
    void aPathThatIsNeitherAFolderNorACsvIsRefused() throws IOException {
        Path txt = file("names.txt");
        Path missing = dir.resolve("nothing");
        assertThatThrownBy(() -> RosterFile.read(txt)).isInstanceOf(LibraryException.class).hasMessageContaining("not a roster");
        assertThatThrownBy(() -> RosterFile.read(missing)).isInstanceOf(LibraryException.class).hasMessageContaining("no roster");
    }
}
