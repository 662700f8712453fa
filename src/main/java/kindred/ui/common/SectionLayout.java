package kindred.ui.common;

import java.util.Arrays;
import java.util.List;

/**
 * Where a {@link TileGrid}'s headers and tiles go: items in rows of {@code cols}, each section starting on a new row
 * under its header. Pure geometry (no JavaFX node), computed once per change of the items' count, the sections, the
 * columns or the tile size, then asked per layout pass: binary searches over the sections, so a scroll through
 * 100,000 photos in 600 months costs the same at any depth. Without sections it is the plain grid: one section
 * without a header.
 */
final class SectionLayout {

    private final int n;
    private final int cols;
    private final double pitchY;
    private final double tileHeight;
    private final double pad;
    private final double gap;
    /** Section starts (ascending, the first 0), header tops and heights, first-row tops. */
    private final int[] start;
    private final double[] top;
    private final double[] headerHeight;
    private final double[] rowsTop;
    private final double content;
    private final List<GridSection> sections;
    private final List<GridSection> source;

    /**
     * @param n           items
     * @param sections    the sections (starts ascending); those starting at or past {@code n} are left out, and items
     *                    before the first section's start belong to a section without header
     * @param majorHeight height of a major section's header, in pixels; {@code minorHeight} of the others
     */
    SectionLayout(int n, List<GridSection> sections, int cols, double tileHeight, double gap, double pad,
                  double minorHeight, double majorHeight) {
        this.n = n;
        this.cols = Math.max(1, cols);
        this.tileHeight = tileHeight;
        this.gap = gap;
        this.pad = pad;
        this.pitchY = tileHeight + gap;
        this.source = sections;
        List<GridSection> kept = sections.stream().filter(s -> s.start() >= 0 && s.start() < n).toList();
        boolean leading = kept.isEmpty() || kept.get(0).start() > 0;
        int count = kept.size() + (leading ? 1 : 0);
        this.sections = kept;
        start = new int[count];
        top = new double[count];
        headerHeight = new double[count];
        rowsTop = new double[count];
        int prev = -1;
        for (int s = 0; s < count; s++) {
            GridSection g = leading ? (s == 0 ? null : kept.get(s - 1)) : kept.get(s);
            start[s] = g == null ? 0 : Math.max(g.start(), prev + 1);
            prev = start[s];
        }
        double y = pad;
        for (int s = 0; s < count; s++) {
            GridSection g = header(s);
            top[s] = y;
            headerHeight[s] = g == null ? 0 : g.major() ? majorHeight : minorHeight;
            y += headerHeight[s];
            rowsTop[s] = y;
            y += rowsIn(s) * pitchY;
        }
        content = n == 0 ? 0 : y - gap + pad;
    }

    /** The section's header (null for the leading section without one). */
    GridSection header(int s) {
        int offset = start.length - sections.size();
        return s < offset ? null : sections.get(s - offset);
    }

    int sections() {
        return start.length;
    }

    int columns() {
        return cols;
    }

    int items() {
        return n;
    }

    double tileHeight() {
        return tileHeight;
    }

    /** The list of sections this layout was made from. */
    List<GridSection> source() {
        return source;
    }

    private int end(int s) {
        return s + 1 < start.length ? start[s + 1] : n;
    }

    private int rowsIn(int s) {
        return (end(s) - start[s] + cols - 1) / cols;
    }

    /** Total height of headers and tiles, pads included, in pixels. */
    double contentHeight() {
        return content;
    }

    double headerTop(int s) {
        return top[s];
    }

    double headerHeight(int s) {
        return headerHeight[s];
    }

    /** The section holding item {@code index}. */
    int sectionOf(int index) {
        int i = Arrays.binarySearch(start, index);
        return i >= 0 ? i : -i - 2;
    }

    /** The section whose header or rows are at height {@code y} (the first one above it, at least 0). */
    int sectionAt(double y) {
        int i = Arrays.binarySearch(top, y);
        return Math.max(0, i >= 0 ? i : -i - 2);
    }

    int column(int index) {
        return (index - start[sectionOf(index)]) % cols;
    }

    /** Top of the tile of item {@code index}. */
    double y(int index) {
        int s = sectionOf(index);
        return rowsTop[s] + ((index - start[s]) / cols) * pitchY;
    }

    /** The first item whose row reaches below {@code y}, or n when none. */
    int firstAtOrBelow(double y) {
        if (n == 0) {
            return 0;
        }
        int s = sectionAt(y);
        for (; s < start.length; s++) {
            int rows = rowsIn(s);
            int row = (int) Math.floor((y - rowsTop[s] + gap) / pitchY);
            row = Math.max(0, row);
            if (row < rows) {
                return start[s] + row * cols;
            }
        }
        return n;
    }

    /** The last item whose row starts above {@code y}, or -1 when none. */
    int lastAbove(double y) {
        if (n == 0) {
            return -1;
        }
        int s = sectionAt(y);
        for (; s >= 0; s--) {
            if (y <= rowsTop[s]) {
                continue; // only this section's header (or less) is above y
            }
            int row = Math.min(rowsIn(s) - 1, (int) Math.floor((y - rowsTop[s]) / pitchY));
            return Math.min(end(s) - 1, start[s] + (row + 1) * cols - 1);
        }
        return -1;
    }

    /** The item {@code rows} rows below (negative: above) {@code index}, in the same column where it exists. */
    int moveRows(int index, int rows) {
        if (n == 0) {
            return -1;
        }
        int i = Math.max(0, Math.min(n - 1, index));
        int step = rows > 0 ? 1 : -1;
        for (int k = 0; k < Math.abs(rows); k++) {
            int s = sectionOf(i);
            int col = (i - start[s]) % cols;
            int row = (i - start[s]) / cols;
            int to;
            if (step > 0) {
                if (row + 1 < rowsIn(s)) {
                    to = Math.min(end(s) - 1, start[s] + (row + 1) * cols + col);
                } else if (s + 1 < start.length) {
                    to = Math.min(end(s + 1) - 1, start[s + 1] + col);
                } else {
                    to = n - 1;
                }
            } else {
                if (row > 0) {
                    to = start[s] + (row - 1) * cols + col;
                } else if (s > 0) {
                    int last = rowsIn(s - 1) - 1;
                    to = Math.min(end(s - 1) - 1, start[s - 1] + last * cols + col);
                } else {
                    to = 0;
                }
            }
            if (to == i) {
                break;
            }
            i = to;
        }
        return i;
    }

    /** Top of the view that shows item {@code index}'s row, with its section's header when it is in the first row. */
    double topToShow(int index) {
        int s = sectionOf(index);
        boolean firstRow = index - start[s] < cols;
        return firstRow ? top[s] - (s == 0 ? pad : 0) : y(index);
    }

    /** Bottom of item {@code index}'s tile. */
    double bottom(int index) {
        return y(index) + tileHeight;
    }

    /** The index of the first section of the group {@code year} ({@link GridSection#year}), or -1. */
    int firstSectionOf(String year) {
        for (int s = 0; s < start.length; s++) {
            GridSection g = header(s);
            if (g != null && year.equals(g.year())) {
                return s;
            }
        }
        return -1;
    }
}
