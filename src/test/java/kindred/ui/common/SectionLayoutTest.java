package kindred.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a grid's headers and tiles go, without a window: {@link SectionLayout}. */
class SectionLayoutTest {

    private static final double TILE = 100;
    private static final double GAP = 10;
    private static final double PAD = 5;
    private static final double MINOR = 40;
    private static final double MAJOR = 70;

    private static GridSection month(int start, boolean major) {
        return new GridSection(start, "m" + start, "", "", major, major ? "y" + start : "");
    }

    private static SectionLayout layout(int n, List<GridSection> sections, int cols) {
        return new SectionLayout(n, sections, cols, TILE, GAP, PAD, MINOR, MAJOR);
    }

    @Test
    void withoutSectionsItIsThePlainGrid() {
        SectionLayout g = layout(10, List.of(), 4);
        assertThat(g.y(0)).isEqualTo(PAD);
        assertThat(g.y(5)).isEqualTo(PAD + TILE + GAP);
        assertThat(g.column(5)).isEqualTo(1);
        assertThat(g.contentHeight()).isEqualTo(2 * PAD + 3 * (TILE + GAP) - GAP);
    }

    @Test
    void eachSectionStartsANewRowUnderItsHeader() {
        // 1 item, then 2, then 1: three rows, three headers.
        SectionLayout g = layout(4, List.of(month(0, true), month(1, true), month(3, false)), 4);
        assertThat(g.headerTop(0)).isEqualTo(PAD);
        assertThat(g.y(0)).isEqualTo(PAD + MAJOR);
        assertThat(g.headerTop(1)).isEqualTo(PAD + MAJOR + TILE + GAP);
        assertThat(g.y(1)).isEqualTo(g.headerTop(1) + MAJOR);
        assertThat(g.y(2)).isEqualTo(g.y(1));
        assertThat(g.column(1)).isZero();
        assertThat(g.column(2)).isEqualTo(1);
        assertThat(g.headerTop(2)).isEqualTo(g.y(1) + TILE + GAP);
        assertThat(g.y(3)).isEqualTo(g.headerTop(2) + MINOR);
        assertThat(g.column(3)).isZero();
        assertThat(g.contentHeight()).isEqualTo(g.y(3) + TILE + PAD);
    }

    @Test
    void theItemsInViewAreFoundAcrossHeaders() {
        SectionLayout g = layout(4, List.of(month(0, true), month(1, true), month(3, false)), 4);
        // Rows start at 75 (section 0), 255 (section 1) and 405 (section 2).
        assertThat(g.firstAtOrBelow(0)).isZero();
        assertThat(g.lastAbove(200)).as("section 1's header is in view, its row not yet").isZero();
        assertThat(g.lastAbove(300)).isEqualTo(2);
        assertThat(g.firstAtOrBelow(180)).as("below item 0's row").isEqualTo(1);
        assertThat(g.firstAtOrBelow(400)).isEqualTo(3);
        assertThat(g.sectionAt(260)).isEqualTo(1);
    }

    @Test
    void upAndDownFollowTheRowsAsDrawn() {
        // Section 0: 5 items (two rows of 3 columns), section 1: 2 items.
        SectionLayout g = layout(7, List.of(month(0, true), month(5, false)), 3);
        assertThat(g.moveRows(1, 1)).isEqualTo(4);
        assertThat(g.moveRows(4, 1)).as("into the next section, same column").isEqualTo(6);
        assertThat(g.moveRows(2, 1)).as("the row below is shorter: its last item").isEqualTo(4);
        assertThat(g.moveRows(6, -1)).isEqualTo(4);
        assertThat(g.moveRows(5, -1)).isEqualTo(3);
        assertThat(g.moveRows(0, -1)).isZero();
        assertThat(g.moveRows(6, 1)).isEqualTo(6);
        assertThat(g.moveRows(0, 3)).isEqualTo(6);
    }

    @Test
    void aSectionPastTheItemsIsLeftOut() {
        SectionLayout g = layout(2, List.of(month(0, true), month(5, false)), 3);
        assertThat(g.sections()).isEqualTo(1);
        assertThat(g.contentHeight()).isEqualTo(PAD + MAJOR + TILE + PAD);
    }
}
