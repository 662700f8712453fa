package kindred.ui.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * A virtualized grid of equal tiles over a list: only the tiles in view exist, from a pool that only grows to
 * the number that fits the viewport. Used for photos ({@link PhotoGridView}), person cards (people.PeopleView)
 * and face crops (people.PersonView). It keeps the FX thread's work per pulse small (the FX-stall benchmark,
 * docs/bench/fx-stall.md, measures it):
 * <ul>
 *   <li>a change of tile size, a scroll or a list update moves and resizes the same tiles: no node is created,
 *       added to the scene or restyled (the ControlsFX GridView it replaces rebuilt and restyled every visible
 *       cell at each tile size and each change of the item count);</li>
 *   <li>tiles out of view are hidden, not removed, so they are never styled again;</li>
 *   <li>a list update rebinds only the tiles whose item changed ({@link Object#equals}): a tile whose item is the
 *       same keeps its image and text (no text layout);</li>
 *   <li>at most {@link #IMAGE_REQUESTS_PER_LAYOUT} tiles ask for their image, and at most
 *       {@link #TILES_ADDED_PER_LAYOUT} new tiles are made, per layout pass; the rest in the next pulses.</li>
 * </ul>
 * Items may be grouped in {@link #sectionsProperty() sections} (photos by month): each section starts on a new row
 * under a header; headers come from a pool of their own, and where headers and tiles go is {@link SectionLayout}'s
 * geometry, computed once per change and searched per pass, so a date-grouped grid of 100,000 photos scrolls as a
 * plain one does.
 * A subclass makes the tiles ({@link #newTile()}); each tile shows one item and lays out its own children.
 *
 * @param <T> the items
 * @param <C> the tiles
 */
public abstract class TileGrid<T, C extends TileGrid.Tile<T>> extends Region {

    /**
     * Tiles that may ask for their image in one layout pass: the rest ask in the next pulse. A cache hit costs the
     * FX thread an image swap; 24 is about one screen of 180 px photo tiles at 1280×800.
     */
    static final int IMAGE_REQUESTS_PER_LAYOUT = 24;

    /**
     * New tiles one layout pass may make: the rest of a growing pool is made in the next pulses. A new tile is
     * styled (CSS) and, for controls, skinned in the pass that adds it, about 1 ms each on the 2-core benchmark
     * machine; the FX-stall benchmark caught a pool growing by a screenful at once (about 50 photo tiles at 120 px)
     * in a 58 ms piece of FX-thread work. 8 tiles keep a pulse's share of it under about 10 ms.
     */
    static final int TILES_ADDED_PER_LAYOUT = 8;

    private final ObservableList<T> items;
    private final double gap;
    private final double pad;
    private final DoubleProperty tileWidth = new SimpleDoubleProperty();
    private final DoubleProperty tileHeight = new SimpleDoubleProperty();
    private final ScrollBar bar = new ScrollBar();
    private final Map<Integer, C> shown = new HashMap<>();
    private final Deque<C> free = new ArrayDeque<>();
    private final ObjectProperty<List<GridSection>> sections = new SimpleObjectProperty<>(List.of());
    private final Map<Integer, SectionHeader> headers = new HashMap<>();
    private final Deque<SectionHeader> freeHeaders = new ArrayDeque<>();
    private final IntegerProperty layoutChanges = new SimpleIntegerProperty();
    private SectionLayout geometry;

    /**
     * Height of a section's header, in pixels: one line of 15 px bold text and its note, with 10 px above; a major
     * header (a new year) adds a 24 px line for the year.
     */
    static final double HEADER_HEIGHT = 40;
    static final double MAJOR_HEADER_HEIGHT = 74;

    /**
     * @param gap space between tiles, in pixels
     * @param pad space around the grid, in pixels
     */
    public TileGrid(ObservableList<T> items, double tileWidth, double tileHeight, double gap, double pad) {
        this.items = items;
        this.gap = gap;
        this.pad = pad;
        this.tileWidth.set(tileWidth);
        this.tileHeight.set(tileHeight);
        bar.setOrientation(Orientation.VERTICAL);
        getChildren().add(bar);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        this.tileWidth.addListener((o, a, b) -> requestLayout());
        this.tileHeight.addListener((o, a, b) -> requestLayout());
        bar.valueProperty().addListener((o, a, b) -> requestLayout());
        items.addListener((ListChangeListener<T>) c -> requestLayout());
        sections.addListener((o, a, b) -> requestLayout());
        visibleProperty().addListener((o, a, shown) -> {
            if (shown) {
                requestLayout();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            bar.setValue(clamp(bar.getValue() - e.getDeltaY(), 0, bar.getMax()));
            e.consume();
        });
    }

    /** A new tile for the pool; the grid adds it to the scene and shows items in it. */
    protected abstract C newTile();

    ObservableList<T> items() {
        return items;
    }

    DoubleProperty tileWidthProperty() {
        return tileWidth;
    }

    DoubleProperty tileHeightProperty() {
        return tileHeight;
    }

    private double pitchX() {
        return tileWidth.get() + gap;
    }

    private double pitchY() {
        return tileHeight.get() + gap;
    }

    /** Tiles per row at the current width. */
    public int columns() {
        double usable = getWidth() - 2 * pad - bar.prefWidth(-1) + gap;
        return Math.max(1, (int) Math.floor(usable / pitchX()));
    }

    /** Whole rows that fit the height. */
    int visibleRows() {
        return Math.max(1, (int) Math.floor((getHeight() - 2 * pad + gap) / pitchY()));
    }

    /** The headers over runs of items (empty: none, a plain grid). Set with the items, in the same pulse. */
    public ObjectProperty<List<GridSection>> sectionsProperty() {
        return sections;
    }

    /** Counts the layout passes that changed the geometry (sections, columns, sizes): what a scrubber listens to. */
    public ReadOnlyIntegerProperty layoutChangesProperty() {
        return layoutChanges;
    }

    /** The scroll offset from the top, in pixels. */
    public DoubleProperty scrollProperty() {
        return bar.valueProperty();
    }

    /** The geometry for the current items, sections, width and tile size (computed again only when one changed). */
    SectionLayout geometry() {
        int cols = columns();
        double th = tileHeight.get();
        SectionLayout g = geometry;
        if (g == null || g.items() != items.size() || g.columns() != cols || g.tileHeight() != th || g.source() != sections.get()) {
            g = new SectionLayout(items.size(), sections.get(), cols, th, gap, pad, HEADER_HEIGHT, MAJOR_HEADER_HEIGHT);
            geometry = g;
            layoutChanges.set(layoutChanges.get() + 1);
        }
        return g;
    }

    /** The height of all headers and tiles, pads included, in pixels. */
    public double contentHeight() {
        return geometry().contentHeight();
    }

    /** The item {@code rows} rows below {@code index} (negative: above), in its column where the row has one. */
    public int moveRows(int index, int rows) {
        return geometry().moveRows(index, rows);
    }

    /** Scrolls so that section {@code s}'s header (of {@link #sectionsProperty()}) is at the top. */
    public void scrollToSection(GridSection section) {
        SectionLayout g = geometry();
        for (int s = 0; s < g.sections(); s++) {
            if (g.header(s) == section) {
                bar.setValue(clamp(g.headerTop(s) - (s == 0 ? pad : 0), 0, bar.getMax()));
                requestLayout();
                return;
            }
        }
    }

    /** The section of the item at the top of the view, or null when the grid has no sections. */
    public GridSection sectionInView() {
        SectionLayout g = geometry();
        if (g.sections() == 0) {
            return null;
        }
        int s = g.sectionAt(bar.getValue() + pad);
        return g.header(s);
    }

    /** The tile showing item {@code index}, or null when it is out of view (or not laid out yet). */
    public C tileAt(int index) {
        return shown.get(index);
    }

    /** The tiles in view, in no particular order. */
    List<C> shownTiles() {
        return new ArrayList<>(shown.values());
    }

    /** Shows every tile in view again (after a change the items do not carry, e.g. the page's mode). */
    public void refresh() {
        for (C t : shown.values()) {
            T item = t.item;
            t.show(null, item);
        }
        requestLayout();
    }

    /** Scrolls so that item {@code index} is in view (with its section's header when it is in the section's first row). */
    public void scrollTo(int index) {
        if (index < 0 || index >= items.size() || getHeight() <= 0) {
            return;
        }
        SectionLayout g = geometry();
        double top = g.topToShow(index);
        double bottom = g.bottom(index) + pad;
        double v = bar.getValue();
        double max = Math.max(0, g.contentHeight() - getHeight());
        if (top - pad < v) {
            bar.setValue(clamp(top - pad, 0, max));
        } else if (bottom > v + getHeight()) {
            bar.setValue(clamp(bottom - getHeight(), 0, max));
        }
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    @Override
    protected void layoutChildren() {
        if (!isVisible()) {
            // A hidden grid (a person page's faces while their photos are shown) makes no tiles and asks for no
            // images: the benchmark's person page of 5,000 photos had its hidden face grid decoding face crops. It is
            // laid out when shown.
            return;
        }
        double w = getWidth();
        double h = getHeight();
        double barW = bar.prefWidth(-1);
        int n = items.size();
        double tw = tileWidth.get();
        double th = tileHeight.get();
        double px = pitchX();
        double py = pitchY();
        SectionLayout g = geometry();
        double content = g.contentHeight();
        double max = Math.max(0, content - h);
        bar.setMin(0);
        bar.setMax(max);
        bar.setVisibleAmount(max <= 0 ? 1 : max * h / content);
        bar.setBlockIncrement(Math.max(py, h - py));
        bar.setUnitIncrement(py / 3);
        bar.setVisible(max > 0);
        bar.resizeRelocate(w - barW, 0, barW, h);
        double scroll = clamp(bar.getValue(), 0, max);
        if (scroll != bar.getValue()) {
            bar.setValue(scroll);
        }

        int first = g.firstAtOrBelow(scroll);
        int last = Math.min(n - 1, g.lastAbove(scroll + h));

        // Tiles that left the range (or whose index no longer exists) go back to the pool, hidden.
        for (Iterator<Map.Entry<Integer, C>> it = shown.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, C> e = it.next();
            int i = e.getKey();
            if (i < first || i > last) {
                C t = e.getValue();
                t.item = null;
                t.index = -1;
                t.setVisible(false);
                t.cleared();
                free.push(t);
                it.remove();
            }
        }
        layoutHeaders(g, scroll, h, w - barW);
        int requests = 0;
        int added = 0;
        boolean more = false;
        for (int i = first; i <= last; i++) {
            C t = shown.get(i);
            if (t == null) {
                if (!free.isEmpty()) {
                    t = free.pop();
                } else if (added < TILES_ADDED_PER_LAYOUT) {
                    added++;
                    t = addTile();
                } else {
                    more = true; // this item's tile is made in the next pulse
                    continue;
                }
                shown.put(i, t);
                t.index = i;
            }
            T item = items.get(i);
            if (!item.equals(t.item)) {
                T was = t.item;
                t.item = item;
                t.setVisible(true);
                t.show(was, item);
            }
            t.placed();
            t.resizeRelocate(pad + g.column(i) * px, g.y(i) - scroll, tw, th);
            if (t.wantsImage()) {
                if (requests < IMAGE_REQUESTS_PER_LAYOUT) {
                    requests++;
                    t.loadImage();
                } else {
                    more = true;
                }
            }
        }
        if (more) {
            // The rest of the tiles are made, or ask for their image, in the next pulse.
            Platform.runLater(this::requestLayout);
        }
    }

    /** Shows the headers of the sections in view (from their own pool), hides the others. */
    private void layoutHeaders(SectionLayout g, double scroll, double h, double width) {
        int from = g.sections() == 0 ? 0 : g.sectionAt(scroll);
        int to = g.sections() == 0 ? -1 : g.sectionAt(scroll + h);
        for (Iterator<Map.Entry<Integer, SectionHeader>> it = headers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, SectionHeader> e = it.next();
            int s = e.getKey();
            if (s < from || s > to || g.header(s) != e.getValue().section) {
                SectionHeader hd = e.getValue();
                hd.section = null;
                hd.setVisible(false);
                freeHeaders.push(hd);
                it.remove();
            }
        }
        for (int s = from; s <= to; s++) {
            GridSection section = g.header(s);
            if (section == null || g.headerTop(s) + g.headerHeight(s) < scroll) {
                continue;
            }
            SectionHeader hd = headers.get(s);
            if (hd == null) {
                hd = freeHeaders.isEmpty() ? addHeader() : freeHeaders.pop();
                headers.put(s, hd);
                hd.show(section);
                hd.setVisible(true);
            }
            hd.resizeRelocate(pad, g.headerTop(s) - scroll, Math.max(0, width - 2 * pad), g.headerHeight(s));
        }
    }

    private SectionHeader addHeader() {
        SectionHeader hd = new SectionHeader();
        getChildren().add(getChildren().size() - 1, hd);
        return hd;
    }

    /**
     * A section's header: the year above (a major section), the title, a note after it; the tooltip says what the
     * section means. Text nodes laid out by hand, like the tiles.
     */
    static final class SectionHeader extends Region {
        private final Text year = new Text();
        private final Text title = new Text();
        private final Text note = new Text();
        private final Tooltip tip = new Tooltip();
        private GridSection section;

        SectionHeader() {
            getStyleClass().add("grid-header");
            year.getStyleClass().add("grid-header-year");
            title.getStyleClass().add("grid-header-title");
            note.getStyleClass().add("grid-header-note");
            year.setTextOrigin(javafx.geometry.VPos.TOP);
            title.setTextOrigin(javafx.geometry.VPos.BASELINE);
            note.setTextOrigin(javafx.geometry.VPos.BASELINE);
            tip.setShowDelay(javafx.util.Duration.millis(300));
            getChildren().addAll(year, title, note);
        }

        GridSection section() {
            return section;
        }

        void show(GridSection s) {
            section = s;
            year.setText(s.major() ? s.year() : "");
            year.setVisible(s.major());
            title.setText(s.title());
            note.setText(s.note());
            if (s.tooltip().isEmpty()) {
                Tooltip.uninstall(this, tip);
            } else {
                tip.setText(s.tooltip());
                Tooltip.install(this, tip);
            }
            requestLayout();
        }

        @Override
        protected void layoutChildren() {
            // Title and note share a baseline 12 px above the header's bottom; the year sits at the top.
            double baseline = getHeight() - 12;
            year.relocate(0, 4);
            title.setLayoutX(0);
            title.setLayoutY(baseline);
            note.setLayoutX(Math.round(title.getLayoutBounds().getWidth() + 10));
            note.setLayoutY(baseline);
        }
    }

    private C addTile() {
        C t = newTile();
        getChildren().add(getChildren().size() - 1, t);
        return t;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    /**
     * One tile: shows one item at a time and lays out its own children (a Region laid out by hand, so that a
     * resize moves a few nodes and restyles nothing).
     */
    public abstract static class Tile<T> extends Region {
        int index = -1; // set by the grid only
        T item; // set by the grid only

        /** The index of the item shown, or -1 when the tile is back in the pool. */
        public int index() {
            return index;
        }

        /** The item shown, or null when the tile is back in the pool. */
        public T item() {
            return item;
        }

        /**
         * Shows {@code now} instead of {@code was} (null for a tile just taken from the pool, or on a refresh).
         * Called only when the item changed: set what differs, since text and style changes cost layout and CSS.
         */
        protected abstract void show(T was, T now);

        /** Called in every layout pass while the tile is in view: cheap state that depends on its index. */
        protected void placed() {
        }

        /** Called when the tile goes back to the pool (it is hidden already). */
        protected void cleared() {
        }

        /** Whether the tile still has to ask for its image (see {@link #IMAGE_REQUESTS_PER_LAYOUT}). */
        protected boolean wantsImage() {
            return false;
        }

        /** Asks for the tile's image (asynchronously). */
        protected void loadImage() {
        }
    }
}
