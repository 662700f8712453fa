package kindred.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import javafx.animation.PauseTransition;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.util.Duration;

/**
 * A virtualized grid of photo thumbnails: only the tiles on screen exist, from a pool that only grows to the
 * number that fits the viewport. The FX thread's work per pulse is kept small (the FX-stall benchmark,
 * docs/bench/fx-stall.md, measures it):
 * <ul>
 *   <li>a tile-size change or a scroll moves and resizes the same tiles: no node is created, added to the
 *       scene or restyled (a ControlsFX GridView rebuilt and restyled every visible cell at each tile size);</li>
 *   <li>tiles out of view are hidden, not removed, so they are never styled again;</li>
 *   <li>a list update rebinds only the tiles whose photo changed, and a tile whose photo is the same keeps its
 *       image and text (no text layout);</li>
 *   <li>thumbnails are decoded and scaled to the tile's exact size on the image threads ({@link ImageCache#tile}),
 *       so the renderer draws them 1:1; at most {@link #IMAGE_REQUESTS_PER_LAYOUT} tiles ask for theirs per pulse.</li>
 * </ul>
 * Click selects, double-click or Enter opens, arrows move. Used by the photo pages and Search.
 */
final class PhotoGridView extends Region {

    /** How long the tile-size slider must rest before tiles ask for thumbnails at the new size (ms). */
    static final int SETTLE_MILLIS = 120;

    /** Space between tiles and around the grid, in pixels (what the ControlsFX grid it replaces showed). */
    static final double GAP = 12;
    static final double PAD = 14;

    /**
     * Tiles that may ask the image cache for a thumbnail in one layout pass: the rest ask in the next pulse. A
     * cache hit costs the FX thread an image swap; 24 is about one screen of 180 px tiles at 1280×800.
     */
    static final int IMAGE_REQUESTS_PER_LAYOUT = 24;

    private final ObservableList<PhotoItem> photos;
    private final ImageCache images;
    private final DoubleProperty tileSize;
    private final BiConsumer<ObservableList<PhotoItem>, Integer> open;
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final ScrollBar bar = new ScrollBar();
    private final Map<Integer, Tile> shown = new HashMap<>();
    private final Deque<Tile> free = new ArrayDeque<>();
    /** The size thumbnails are asked for: follows the tile size once the slider rests. */
    private int imageSize;

    PhotoGridView(ObservableList<PhotoItem> photos, ImageCache images, DoubleProperty tileSize,
                  BiConsumer<ObservableList<PhotoItem>, Integer> open) {
        this.photos = photos;
        this.images = images;
        this.tileSize = tileSize;
        this.open = open;
        this.imageSize = thumbnailSize(tileSize.get());
        getStyleClass().add("photo-grid");
        bar.setOrientation(Orientation.VERTICAL);
        getChildren().add(bar);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setFocusTraversable(true);

        PauseTransition settle = new PauseTransition(Duration.millis(SETTLE_MILLIS));
        settle.setOnFinished(e -> {
            imageSize = thumbnailSize(tileSize.get());
            requestLayout();
        });
        tileSize.addListener((o, a, b) -> {
            settle.playFromStart();
            requestLayout();
        });
        bar.valueProperty().addListener((o, a, b) -> requestLayout());
        photos.addListener((ListChangeListener<PhotoItem>) c -> {
            if (selected.get() >= photos.size()) {
                selected.set(photos.size() - 1);
            }
            requestLayout();
        });
        selected.addListener((o, a, b) -> {
            Tile was = shown.get(a.intValue());
            if (was != null) {
                was.pseudoClassStateChanged(Views.SELECTED, false);
            }
            Tile now = shown.get(b.intValue());
            if (now != null) {
                now.pseudoClassStateChanged(Views.SELECTED, true);
            }
            scrollTo(b.intValue());
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            bar.setValue(clamp(bar.getValue() - e.getDeltaY(), 0, bar.getMax()));
            e.consume();
        });
        setOnKeyPressed(e -> {
            int cols = columns();
            int i = selected.get();
            int n = photos.size();
            int to = switch (e.getCode()) {
                case RIGHT -> i + 1;
                case LEFT -> i - 1;
                case DOWN -> i + cols;
                case UP -> i - cols;
                case HOME -> 0;
                case END -> n - 1;
                case PAGE_DOWN -> i + cols * Math.max(1, visibleRows() - 1);
                case PAGE_UP -> i - cols * Math.max(1, visibleRows() - 1);
                default -> Integer.MIN_VALUE;
            };
            if (to != Integer.MIN_VALUE && n > 0) {
                selected.set(Math.max(0, Math.min(n - 1, to)));
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER && i >= 0 && i < n) {
                open.accept(photos, i);
                e.consume();
            }
        });
    }

    /** Thumbnail side for a tile: the tile minus its inner margin. */
    private static int thumbnailSize(double tile) {
        return Math.max(16, (int) Math.round(tile) - 8);
    }

    private double tile() {
        return Math.max(16, Math.round(tileSize.get()));
    }

    private double pitch() {
        return tile() + GAP;
    }

    int columns() {
        double usable = getWidth() - 2 * PAD - bar.prefWidth(-1) + GAP;
        return Math.max(1, (int) Math.floor(usable / pitch()));
    }

    private int visibleRows() {
        return Math.max(1, (int) Math.floor((getHeight() - 2 * PAD + GAP) / pitch()));
    }

    IntegerProperty selectedProperty() {
        return selected;
    }

    /** The node that takes the keyboard focus. */
    Node grid() {
        return this;
    }

    private void scrollTo(int index) {
        if (index < 0 || getHeight() <= 0) {
            return;
        }
        double top = PAD + (index / columns()) * pitch();
        double bottom = top + tile() + PAD;
        double v = bar.getValue();
        if (top - PAD < v) {
            bar.setValue(clamp(top - PAD, 0, bar.getMax()));
        } else if (bottom > v + getHeight()) {
            bar.setValue(clamp(bottom - getHeight(), 0, bar.getMax()));
        }
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double barW = bar.prefWidth(-1);
        int n = photos.size();
        double tile = tile();
        double pitch = pitch();
        int cols = Math.max(1, (int) Math.floor((w - 2 * PAD - barW + GAP) / pitch));
        int rows = (n + cols - 1) / cols;
        double content = rows == 0 ? 0 : 2 * PAD + rows * pitch - GAP;
        double max = Math.max(0, content - h);
        bar.setMin(0);
        bar.setMax(max);
        bar.setVisibleAmount(max <= 0 ? 1 : max * h / content);
        bar.setBlockIncrement(Math.max(pitch, h - pitch));
        bar.setUnitIncrement(pitch / 3);
        bar.setVisible(max > 0);
        bar.resizeRelocate(w - barW, 0, barW, h);
        double scroll = clamp(bar.getValue(), 0, max);
        if (scroll != bar.getValue()) {
            bar.setValue(scroll);
        }

        int firstRow = Math.max(0, (int) Math.floor((scroll - PAD) / pitch));
        int lastRow = Math.min(rows - 1, (int) Math.floor((scroll + h - PAD) / pitch));
        int first = firstRow * cols;
        int last = Math.min(n - 1, (lastRow + 1) * cols - 1);

        // Tiles that left the range (or whose index no longer exists) go back to the pool, hidden.
        for (Iterator<Map.Entry<Integer, Tile>> it = shown.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Tile> e = it.next();
            int i = e.getKey();
            if (i < first || i > last) {
                Tile t = e.getValue();
                t.unbind();
                free.push(t);
                it.remove();
            }
        }
        double x0 = PAD;
        int requests = 0;
        boolean more = false;
        for (int i = first; i <= last; i++) {
            Tile t = shown.get(i);
            if (t == null) {
                t = free.isEmpty() ? newTile() : free.pop();
                shown.put(i, t);
                t.index = i;
            }
            PhotoItem item = photos.get(i);
            if (!item.equals(t.item)) {
                t.show(item);
            }
            t.pseudoClassStateChanged(Views.SELECTED, i == selected.get());
            int row = i / cols;
            int col = i % cols;
            t.resizeRelocate(x0 + col * pitch, PAD + row * pitch - scroll, tile, tile);
            if (t.wantsImage(imageSize)) {
                if (requests < IMAGE_REQUESTS_PER_LAYOUT) {
                    requests++;
                    t.load(imageSize);
                } else {
                    more = true;
                }
            }
        }
        if (more) {
            // The rest of the tiles ask in the next pulse.
            javafx.application.Platform.runLater(this::requestLayout);
        }
    }

    private Tile newTile() {
        Tile t = new Tile();
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
     * One photo's tile: the thumbnail centred, a "n faces" badge at the bottom right. A Region laid out by hand
     * (no StackPane layout, no Label skin): resizing it moves two nodes and restyles nothing.
     */
    private final class Tile extends Region {
        private final ImageView view = new ImageView();
        private final Text badgeText = new Text();
        private final StackPane badge = new StackPane(badgeText);
        private int index = -1;
        private PhotoItem item;
        /** Path and size of the image shown, or requested. */
        private String imagePath;
        private int imageSize;

        Tile() {
            getStyleClass().add("photo-tile");
            view.setPreserveRatio(true);
            view.setSmooth(true);
            badge.getStyleClass().add("tile-badge");
            badgeText.getStyleClass().add("tile-badge-text");
            getChildren().addAll(view, badge);
            setOnMouseClicked(e -> {
                if (item == null || e.getButton() != MouseButton.PRIMARY) {
                    return;
                }
                selected.set(index);
                PhotoGridView.this.requestFocus();
                if (e.getClickCount() == 2) {
                    open.accept(photos, index);
                }
            });
        }

        void show(PhotoItem p) {
            PhotoItem was = item;
            item = p;
            setVisible(true);
            if (was == null || was.faces() != p.faces()) {
                badge.setVisible(p.faces() > 0);
                badgeText.setText(p.faces() == 1 ? "1 face" : p.faces() + " faces");
                requestLayout(); // the badge is sized and placed by this tile's layout
            }
            if (was == null || !was.path().equals(p.path())) {
                imagePath = null;
                view.setImage(null);
            }
        }

        void unbind() {
            item = null;
            index = -1;
            setVisible(false);
        }

        boolean wantsImage(int size) {
            return item != null && (imagePath == null || !imagePath.equals(item.path()) || imageSize != size);
        }

        void load(int size) {
            PhotoItem p = item;
            imagePath = p.path();
            imageSize = size;
            images.tile(p.path(), size, (img, exact) -> {
                if (img == null || item == null || !item.path().equals(p.path())) {
                    return;
                }
                // A thumbnail of another size only fills an empty tile until the one made for this size comes.
                if (exact ? imageSize == size : view.getImage() == null) {
                    view.setImage(img);
                    requestLayout();
                }
            }, () -> item != null && item.path().equals(p.path()) && imageSize == size);
        }

        @Override
        protected void layoutChildren() {
            double s = getWidth();
            double fit = s - 8;
            Image img = view.getImage();
            double iw = 0;
            double ih = 0;
            if (img != null && img.getWidth() > 0 && img.getHeight() > 0) {
                double k = Math.min(fit / img.getWidth(), fit / img.getHeight());
                iw = Math.round(img.getWidth() * k);
                ih = Math.round(img.getHeight() * k);
                // An image made for this size is drawn 1:1 (no scaling in the renderer).
                if (Math.abs(iw - img.getWidth()) <= 1 && Math.abs(ih - img.getHeight()) <= 1) {
                    iw = img.getWidth();
                    ih = img.getHeight();
                }
            }
            if (view.getFitWidth() != iw || view.getFitHeight() != ih) {
                view.setFitWidth(iw);
                view.setFitHeight(ih);
            }
            view.relocate(Math.round((s - iw) / 2), Math.round((s - ih) / 2));
            if (badge.isVisible()) {
                badge.autosize();
                badge.relocate(Math.round(s - badge.getWidth() - 6), Math.round(s - badge.getHeight() - 6));
            }
        }
    }
}
