package kindred.ui.common;

import java.util.function.BiConsumer;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.util.Duration;

/**
 * A grid of photo thumbnails on the {@link TileGrid} pool: a tile-size change or a scroll moves and resizes the
 * same tiles, and a tile whose photo is the same keeps its image and text. Thumbnails are decoded and scaled to
 * the tile's exact size on the image threads ({@link ImageCache#tile}), so the renderer draws them 1:1; they are
 * asked for at the new size once the tile-size slider rests ({@link #SETTLE_MILLIS}).
 * Click selects, double-click or Enter opens, arrows move. Used by the photo pages and Search.
 */
public final class PhotoGridView extends TileGrid<PhotoItem, PhotoGridView.PhotoTile> {

    /** How long the tile-size slider must rest before tiles ask for thumbnails at the new size (ms). */
    static final int SETTLE_MILLIS = 120;

    /** Space between tiles and around the grid, in pixels (what the ControlsFX grid it replaced showed). */
    static final double GAP = 12;
    static final double PAD = 14;

    private final ObservableList<PhotoItem> photos;
    private final ImageCache images;
    private final BiConsumer<ObservableList<PhotoItem>, Integer> open;
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    /** The size thumbnails are asked for: follows the tile size once the slider rests. */
    private int imageSize;

    /** A grid of {@code photos} with tiles {@code tileSize} wide; a double click or Enter calls {@code open}. */
    public PhotoGridView(ObservableList<PhotoItem> photos, ImageCache images, DoubleProperty tileSize,
                  BiConsumer<ObservableList<PhotoItem>, Integer> open) {
        super(photos, 0, 0, GAP, PAD);
        this.photos = photos;
        this.images = images;
        this.open = open;
        this.imageSize = thumbnailSize(tileSize.get());
        var side = Bindings.createDoubleBinding(() -> (double) Math.max(16, Math.round(tileSize.get())), tileSize);
        tileWidthProperty().bind(side);
        tileHeightProperty().bind(side);
        getStyleClass().add("photo-grid");
        setFocusTraversable(true);

        PauseTransition settle = new PauseTransition(Duration.millis(SETTLE_MILLIS));
        settle.setOnFinished(e -> {
            imageSize = thumbnailSize(tileSize.get());
            requestLayout();
        });
        tileSize.addListener((o, a, b) -> settle.playFromStart());
        photos.addListener((ListChangeListener<PhotoItem>) c -> {
            if (selected.get() >= photos.size()) {
                selected.set(photos.size() - 1);
            }
        });
        selected.addListener((o, a, b) -> {
            PhotoTile was = tileAt(a.intValue());
            if (was != null) {
                was.pseudoClassStateChanged(Views.SELECTED, false);
            }
            PhotoTile now = tileAt(b.intValue());
            if (now != null) {
                now.pseudoClassStateChanged(Views.SELECTED, true);
            }
            scrollTo(b.intValue());
        });
        setOnKeyPressed(e -> {
            int i = selected.get();
            int n = photos.size();
            int page = Math.max(1, visibleRows() - 1);
            // Up and down follow the rows as drawn: a month's photos start a new row under its header.
            int to = switch (e.getCode()) {
                case RIGHT -> i + 1;
                case LEFT -> i - 1;
                case DOWN -> i < 0 ? 0 : moveRows(i, 1);
                case UP -> i < 0 ? 0 : moveRows(i, -1);
                case HOME -> 0;
                case END -> n - 1;
                case PAGE_DOWN -> i < 0 ? 0 : moveRows(i, page);
                case PAGE_UP -> i < 0 ? 0 : moveRows(i, -page);
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

    /** The index of the selected photo, -1 for none. */
    public IntegerProperty selectedProperty() {
        return selected;
    }

    /** The tile showing photo {@code index}, or null when it is out of view. */
    public Node photoTileAt(int index) {
        return tileAt(index);
    }

    /** The node that takes the keyboard focus. */
    public Node grid() {
        return this;
    }

    @Override
    protected PhotoTile newTile() {
        return new PhotoTile();
    }

    /**
     * One photo's tile: the thumbnail centred, a "n faces" badge at the bottom right. A Region laid out by hand
     * (no StackPane layout, no Label skin): resizing it moves two nodes and restyles nothing.
     */
    final class PhotoTile extends TileGrid.Tile<PhotoItem> {
        private final ImageView view = new ImageView();
        /** Said instead of a thumbnail that cannot be made (a RAW without a preview, a damaged file). */
        private final Text unreadable = new Text();
        private final Text badgeText = new Text();
        private final StackPane badge = new StackPane(badgeText);
        /** "Offline": the photo's drive or share is not there (its faces and names are kept). */
        private final StackPane offline = new StackPane(new Text("Offline"));
        /** Path and size of the image shown, or requested. */
        private String imagePath;
        private int imageSize;

        PhotoTile() {
            getStyleClass().add("photo-tile");
            view.setPreserveRatio(true);
            view.setSmooth(true);
            badge.getStyleClass().add("tile-badge");
            badgeText.getStyleClass().add("tile-badge-text");
            unreadable.getStyleClass().add("tile-unreadable");
            unreadable.setVisible(false);
            unreadable.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            offline.getStyleClass().add("tile-offline");
            offline.getChildren().get(0).getStyleClass().add("tile-badge-text");
            offline.setVisible(false);
            getChildren().addAll(view, unreadable, badge, offline);
            setOnMouseClicked(e -> {
                if (item() == null || e.getButton() != MouseButton.PRIMARY) {
                    return;
                }
                selected.set(index());
                PhotoGridView.this.requestFocus();
                if (e.getClickCount() == 2) {
                    open.accept(photos, index());
                }
            });
        }

        @Override
        protected void show(PhotoItem was, PhotoItem p) {
            if (was == null || was.faces() != p.faces()) {
                badge.setVisible(p.faces() > 0);
                badgeText.setText(p.faces() == 1 ? "1 face" : p.faces() + " faces");
                requestLayout(); // the badge is sized and placed by this tile's layout
            }
            if (was == null || was.offline() != p.offline()) {
                offline.setVisible(p.offline());
                requestLayout();
            }
            if (was == null || !was.path().equals(p.path())) {
                imagePath = null;
                view.setImage(null);
                unreadable.setVisible(false);
            }
        }

        @Override
        protected void placed() {
            pseudoClassStateChanged(Views.SELECTED, index() == selected.get());
        }

        @Override
        protected boolean wantsImage() {
            PhotoItem item = item();
            return item != null && (imagePath == null || !imagePath.equals(item.path()) || imageSize != PhotoGridView.this.imageSize);
        }

        @Override
        protected void loadImage() {
            PhotoItem p = item();
            int size = PhotoGridView.this.imageSize;
            imagePath = p.path();
            imageSize = size;
            images.tile(p.path(), size, (img, exact) -> {
                if (item() == null || !item().path().equals(p.path())) {
                    return;
                }
                if (img == null) {
                    if (view.getImage() == null) {
                        String name = java.nio.file.Path.of(p.path()).getFileName().toString();
                        unreadable.setText(name + (item().offline() ? "\noffline: its drive is not connected" : "\ncannot be shown"));
                        unreadable.setVisible(true);
                        requestLayout();
                    }
                    return;
                }
                unreadable.setVisible(false);
                // A thumbnail of another size only fills an empty tile until the one made for this size comes.
                if (exact ? imageSize == size : view.getImage() == null) {
                    view.setImage(img);
                    requestLayout();
                }
            }, () -> item() != null && item().path().equals(p.path()) && imageSize == size);
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
            if (unreadable.isVisible()) {
                unreadable.setWrappingWidth(fit - 8);
                unreadable.relocate(Math.round((s - unreadable.getLayoutBounds().getWidth()) / 2),
                        Math.round((s - unreadable.getLayoutBounds().getHeight()) / 2));
            }
            if (badge.isVisible()) {
                badge.autosize();
                badge.relocate(Math.round(s - badge.getWidth() - 6), Math.round(s - badge.getHeight() - 6));
            }
            if (offline.isVisible()) {
                offline.autosize();
                offline.relocate(6, Math.round(s - offline.getHeight() - 6));
            }
        }
    }
}
