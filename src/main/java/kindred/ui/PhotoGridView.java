package kindred.ui;

import java.util.function.BiConsumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.animation.PauseTransition;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.text.Text;
import javafx.util.Duration;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;

/**
 * A virtualized grid of photo thumbnails (ControlsFX GridView): only visible tiles exist, thumbnails load
 * off the FX thread and are dropped if the tile scrolled away before its turn. Click selects, double-click
 * or Enter opens. Used by the photo pages and Search.
 */
final class PhotoGridView extends StackPane {

    /** How long the tile-size slider must rest before the grid is rebuilt at the new size (ms). */
    static final int SETTLE_MILLIS = 120;

    private final GridView<PhotoItem> grid;
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);

    PhotoGridView(ObservableList<PhotoItem> photos, ImageCache images, DoubleProperty tileSize,
                  BiConsumer<ObservableList<PhotoItem>, Integer> open) {
        grid = new GridView<>(photos);
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(6);
        // A new tile size makes the grid build every visible cell again (and style it): apply it once the slider
        // rests, not at every step of a drag.
        DoubleProperty applied = new SimpleDoubleProperty(tileSize.get());
        PauseTransition settle = new PauseTransition(Duration.millis(SETTLE_MILLIS));
        settle.setOnFinished(e -> applied.set(tileSize.get()));
        tileSize.addListener((o, a, b) -> settle.playFromStart());
        grid.cellWidthProperty().bind(applied);
        grid.cellHeightProperty().bind(applied);
        grid.setCellFactory(g -> new PhotoCell(images, applied, selected, photos, open));
        grid.setFocusTraversable(true);
        grid.setOnKeyPressed(e -> {
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
        photos.addListener((javafx.collections.ListChangeListener<PhotoItem>) c -> {
            if (selected.get() >= photos.size()) {
                selected.set(photos.size() - 1);
            }
        });
        getChildren().add(grid);
    }

    int columns() {
        double w = grid.getWidth() - 16;
        double cell = grid.getCellWidth() + grid.getHorizontalCellSpacing() * 2;
        return Math.max(1, (int) Math.floor(w / cell));
    }

    IntegerProperty selectedProperty() {
        return selected;
    }

    GridView<PhotoItem> grid() {
        return grid;
    }

    private static final class PhotoCell extends GridCell<PhotoItem> {
        private final ImageView view = new ImageView();
        // Text in a plain pane, not a Label: no control skin to build and style for each of the grid's cells.
        private final Text badgeText = new Text();
        private final StackPane badge = new StackPane(badgeText);
        private final StackPane box = new StackPane(view, badge);
        private final ImageCache images;
        private final DoubleProperty tileSize;
        private PhotoItem shown;
        private int shownSize;
        private final javafx.beans.value.ChangeListener<Number> selectionListener;
        private final javafx.beans.value.ChangeListener<Number> sizeListener;
        private final IntegerProperty selected;

        PhotoCell(ImageCache images, DoubleProperty tileSize, IntegerProperty selected, ObservableList<PhotoItem> photos,
                  BiConsumer<ObservableList<PhotoItem>, Integer> open) {
            this.images = images;
            this.tileSize = tileSize;
            view.setPreserveRatio(true);
            view.setSmooth(true);
            view.fitWidthProperty().bind(tileSize.subtract(8));
            view.fitHeightProperty().bind(tileSize.subtract(8));
            badge.getStyleClass().add("tile-badge");
            badgeText.getStyleClass().add("tile-badge-text");
            badge.setMaxSize(javafx.scene.layout.Region.USE_PREF_SIZE, javafx.scene.layout.Region.USE_PREF_SIZE);
            StackPane.setAlignment(badge, Pos.BOTTOM_RIGHT);
            StackPane.setMargin(badge, new javafx.geometry.Insets(0, 6, 6, 0));
            box.getStyleClass().add("photo-tile");
            // Cells are recreated often (every change of items or tile size): listen weakly to the long-lived
            // properties so that old cells are not kept alive and updated forever.
            selectionListener = (o, a, b) -> updateSelected(selected);
            selected.addListener(new javafx.beans.value.WeakChangeListener<>(selectionListener));
            indexProperty().addListener((o, a, b) -> updateSelected(selected));
            this.selected = selected;
            setOnMouseClicked(e -> {
                if (getItem() == null || e.getButton() != MouseButton.PRIMARY) {
                    return;
                }
                selected.set(getIndex());
                getGridView().requestFocus();
                if (e.getClickCount() == 2) {
                    open.accept(photos, getIndex());
                }
            });
            sizeListener = (o, a, b) -> {
                if (getItem() != null && ImageCache.bucket(b.intValue()) != shownSize) {
                    load(getItem());
                }
            };
            tileSize.addListener(new javafx.beans.value.WeakChangeListener<>(sizeListener));
        }

        private void updateSelected(IntegerProperty selected) {
            box.pseudoClassStateChanged(Views.SELECTED, getItem() != null && getIndex() == selected.get());
        }

        @Override
        protected void updateItem(PhotoItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                shown = null;
                view.setImage(null);
                return;
            }
            badge.setVisible(item.faces() > 0);
            badgeText.setText(item.faces() == 1 ? "1 face" : item.faces() + " faces");
            setGraphic(box);
            updateSelected(selected);
            if (shown == null || !shown.path().equals(item.path())) {
                view.setImage(null);
                load(item);
            }
            shown = item;
        }

        private void load(PhotoItem item) {
            int size = (int) tileSize.get();
            shownSize = ImageCache.bucket(size);
            images.thumbnail(item.path(), size, img -> {
                if (getItem() != null && getItem().path().equals(item.path()) && img != null) {
                    view.setImage(img);
                }
            }, () -> {
                PhotoItem now = getItem();
                return now != null && now.path().equals(item.path());
            });
        }
    }
}
