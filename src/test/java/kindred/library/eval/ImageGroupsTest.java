package kindred.library.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ImageGroupsTest {

    private static ImageGroups parse(String text) throws IOException {
        return ImageGroups.parse(new StringReader(text), "groups.tsv");
    }

    @Test
    void skipsCommentsAndBlankLines() throws IOException {
        ImageGroups g = parse("# image\tgroup\n\nAnn_0001.jpg\twoman\n   \n  # another comment\nBob_0001.jpg\tman\n");
        assertThat(g.size()).isEqualTo(2);
        assertThat(g.groups()).containsExactly("man", "woman");
    }

    @Test
    void findsAnImageByItsFileNameInAPath() throws IOException {
        ImageGroups g = parse("Ann_0001.jpg\twoman\n");
        assertThat(g.groupOf("Ann/Ann_0001.jpg")).isEqualTo("woman");
        assertThat(g.groupOf("Ann_0001.jpg")).isEqualTo("woman");
        assertThat(g.groupOf("Ann/Ann_0002.jpg")).isNull();
    }

    @Test
    void aLineWithoutATabIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> parse("# header\nAnn_0001.jpg\twoman\nBob_0001.jpg man\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("groups.tsv line 3")
                .hasMessageContaining("Bob_0001.jpg man");
    }

    @Test
    void aLineWithThreeFieldsIsAnError() {
        assertThatThrownBy(() -> parse("Ann_0001.jpg\twoman\tadult\n")).hasMessageContaining("line 1");
    }

    @Test
    void anEmptyGroupIsAnError() {
        assertThatThrownBy(() -> parse("Ann_0001.jpg\t \n")).hasMessageContaining("line 1");
    }

    @Test
    void anImageGivenTwoGroupsIsAnErrorNamingTheSecondLine() {
        assertThatThrownBy(() -> parse("Ann_0001.jpg\twoman\nAnn_0001.jpg\tman\n"))
                .hasMessageContaining("line 2").hasMessageContaining("already in group \"woman\"");
    }

    @Test
    void aFileWithNoLabelIsAnError() {
        assertThatThrownBy(() -> parse("# only a comment\n\n")).hasMessageContaining("no `image<TAB>group` line");
    }
}
