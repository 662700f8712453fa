package kindred.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The twin rule on file names alone. */
class TwinsTest {

    @Test
    void aRawBesideAJpegOfTheSameNameIsItsTwinWhateverTheCase() {
        assertThat(Twins.primaries(List.of("IMG_0001.CR2", "img_0001.jpg", "IMG_0002.CR2")))
                .containsExactly(java.util.Map.entry("IMG_0001.CR2", "img_0001.jpg"));
    }

    @Test
    void theJpegIsPreferredToTheHeifFileAndTheHeifFileToTheRaw() {
        assertThat(Twins.primaries(List.of("a.DNG", "a.HEIC", "a.JPG")))
                .containsEntry("a.DNG", "a.JPG").containsEntry("a.HEIC", "a.JPG").hasSize(2);
        assertThat(Twins.primaries(List.of("b.NEF", "b.heic"))).containsExactly(java.util.Map.entry("b.NEF", "b.heic"));
    }

    @Test
    void filesOfOneFamilyOrOfNoFamilyAreNeverTwins() {
        assertThat(Twins.primaries(List.of("a.jpg", "a.jpeg", "a.png", "b.png", "b.cr2", "c.cr2", "c.nef"))).isEmpty();
    }

    @Test
    void theBaseNameSidecarBelongsToTheFileThatCannotHoldItsOwnMetadata() {
        List<String> folder = List.of("IMG_0001.JPG", "IMG_0001.CR2", "IMG_0002.JPG");
        assertThat(Twins.ownsBaseNameSidecar("IMG_0001.CR2", folder)).isTrue();
        assertThat(Twins.ownsBaseNameSidecar("IMG_0001.JPG", folder)).isFalse();
        assertThat(Twins.ownsBaseNameSidecar("IMG_0002.JPG", folder)).isTrue();
        assertThat(Twins.ownsBaseNameSidecar("x.heic", List.of("x.heic", "x.jpg"))).isTrue();
        assertThat(Twins.ownsBaseNameSidecar("x.heic", List.of("x.heic", "x.ARW"))).isFalse();
    }
}
