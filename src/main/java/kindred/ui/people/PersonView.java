package kindred.ui.people;

import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import kindred.ui.common.ImageCache;
import kindred.ui.common.Messages;
import kindred.ui.common.Navigation;
import kindred.ui.common.TileGrid;
import kindred.ui.common.Views;
import kindred.ui.people.PersonViewModel.Mode;

/**
 * A person page, an unnamed cluster, or Review: face crops, suggestions first with their confidence, on a
 * {@link TileGrid} (a pool of tiles reused as the list changes).
 * Keys: Y/Enter confirm, N/Delete not this person, I ignore, arrows move, Shift+arrows and Shift/Ctrl-click
 * select many, Ctrl+A all.
 */
public final class PersonView extends BorderPane {

    static final PseudoClass FOCUSED_TILE = PseudoClass.getPseudoClass("focused-tile");
    static final int TILE = 132;

    /** Space between face tiles and around them, in pixels (what the ControlsFX grid it replaced showed). */
    static final double GAP = 12;
    static final double PAD = 14;

    private final PersonViewModel vm;
    private final ImageCache images;
    private final TileGrid<FaceItem, FaceTile> grid;

    /** The person, cluster or Review page of {@code vm}; name fields complete from {@code people}'s names. */
    public PersonView(PersonViewModel vm, PeopleViewModel people, ImageCache images, Navigation main) {
        this.vm = vm;
        this.images = images;
        grid = new TileGrid<>(vm.items(), TILE, TILE + 22, GAP, PAD) {
            @Override
            protected FaceTile newTile() {
                return new FaceTile();
            }
        };
        grid.getStyleClass().add("face-grid");
        grid.setFocusTraversable(true);
        grid.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        // Selection and focus are pseudo-classes set in the layout pass; the mode changes the names under the tiles.
        vm.selected().addListener((SetChangeListener<Long>) c -> grid.requestLayout());
        vm.focusProperty().addListener((o, a, b) -> {
            grid.requestLayout();
            grid.scrollTo(b.intValue());
        });
        vm.modeProperty().addListener((o, a, b) -> grid.refresh());

        Button confirm = Views.tip(new Button("Confirm"), "This is the person (Y or Enter)");
        confirm.setOnAction(e -> vm.confirm());
        confirm.getStyleClass().add("success");
        Button reject = Views.tip(new Button("Not this person"), "Remove and never suggest again (N or Delete)");
        reject.setOnAction(e -> vm.reject());
        reject.getStyleClass().add("danger");
        Button ignore = Views.tip(new Button("Ignore"), "Not a face worth naming: a poster, a stranger (I)");
        ignore.setOnAction(e -> vm.ignore());
        TextField moveTo = Views.nameField("Someone else… (type a name)", people.names());
        moveTo.setPrefColumnCount(16);
        Views.tip(moveTo, "Name the selected faces as another person; Enter to apply");
        moveTo.setOnAction(e -> {
            vm.moveTo(moveTo.getText());
            moveTo.clear();
            grid.requestFocus();
        });
        TextField nameAll = Views.nameField("Who is this? Type a name", people.names());
        nameAll.setPrefColumnCount(18);
        Views.tip(nameAll, "Names every face here; a new name creates the person");
        nameAll.setOnAction(e -> {
            vm.nameCluster(nameAll.getText());
            nameAll.clear();
        });
        Label selection = Views.styled("", "muted");
        selection.textProperty().bind(Bindings.createStringBinding(() -> vm.selected().isEmpty() ? ""
                : Messages.count(vm.selected().size(), "face") + " selected", vm.selected()));
        Button names = Views.tip(new Button("Write names into their photos…"), "So that digiKam, Lightroom and others see "
                + "who is in these photos: a preview first");
        names.setId("person-export");
        names.setOnAction(e -> {
            if (vm.person() != null) {
                main.export(new kindred.library.regions.FaceRegionSync.Selection(null, vm.person()));
            }
        });
        names.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.PERSON));
        names.managedProperty().bind(names.visibleProperty());
        // Wraps onto a second row in a narrow window (1024×768, or Info open) instead of cutting the buttons' words.
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 6, nameAll, confirm, reject, ignore, moveTo, selection, names);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(10, 16, 6, 16));
        nameAll.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.CLUSTER));
        nameAll.managedProperty().bind(nameAll.visibleProperty());
        confirm.visibleProperty().bind(vm.modeProperty().isNotEqualTo(Mode.CLUSTER));
        confirm.managedProperty().bind(confirm.visibleProperty());
        reject.visibleProperty().bind(confirm.visibleProperty());
        reject.managedProperty().bind(confirm.visibleProperty());
        Label hint = Views.styled("", "muted");
        hint.setWrapText(true);
        hint.setMinWidth(0);
        hint.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.modeProperty().get()) {
            case CLUSTER -> "Name this group, or select wrong faces and press I to ignore them or type another name.";
            default -> "Dashed tiles are suggestions; \"1 in 5k\": the chance it is someone else · Y yes · N no · I ignore · Ctrl+Z undo";
        }, vm.modeProperty()));
        Label summary = Views.styled("", "page-subtitle");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox top = new VBox(4, actions, new HBox(12, summary, hint));
        ((HBox) top.getChildren().get(1)).setPadding(new Insets(0, 16, 6, 16));
        setTop(top);

        VBox empty = Views.emptyState("Nothing to review", "", null);
        Label explain = (Label) empty.getChildren().get(1);
        explain.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.modeProperty().get()) {
            case REVIEW -> "No suggestions are waiting. When new photos show someone you named, their faces appear here to confirm.";
            case PERSON -> "No faces for this person.";
            case CLUSTER -> "These faces have all been named or ignored.";
        }, vm.modeProperty()));
        empty.visibleProperty().bind(Bindings.isEmpty(vm.items()));
        // Nothing to act on: no buttons that would do nothing.
        top.visibleProperty().bind(empty.visibleProperty().not());
        top.managedProperty().bind(top.visibleProperty());
        grid.visibleProperty().bind(empty.visibleProperty().not());
        setCenter(new StackPane(grid, empty));
    }

    /** Gives the keyboard focus to the face grid. */
    public void focusGrid() {
        grid.requestFocus();
    }

    private int columns() {
        return grid.columns();
    }

    /** The tile showing item {@code index}, or null when it is out of view. */
    public javafx.scene.Node tileAt(int index) {
        FaceTile t = grid.tileAt(index);
        return t == null ? null : t.tile;
    }

    private void key(KeyEvent e) {
        boolean shift = e.isShiftDown();
        KeyCode k = e.getCode();
        switch (k) {
            case Y, ENTER -> vm.confirm();
            case N, DELETE, BACK_SPACE -> vm.reject();
            case I -> vm.ignore();
            case RIGHT -> vm.move(1, shift);
            case LEFT -> vm.move(-1, shift);
            case DOWN -> vm.move(columns(), shift);
            case UP -> vm.move(-columns(), shift);
            case A -> {
                if (e.isShortcutDown()) {
                    vm.selectAll();
                } else {
                    return;
                }
            }
            case ESCAPE -> vm.clearSelection();
            default -> {
                return;
            }
        }
        e.consume();
    }

    /**
     * One face crop on the {@link TileGrid} pool: the crop, its "1 in 5k" badge (a suggestion's measured chance,
     * with a tooltip), and below it whose face it is suggested to be. Selected and focused tiles are pseudo-classes,
     * set in each layout pass.
     */
    private final class FaceTile extends TileGrid.Tile<FaceItem> {
        private final ImageView face = new ImageView();
        private final Label confidence = new Label();
        private final javafx.scene.control.Tooltip chance = new javafx.scene.control.Tooltip();
        private final Label name = Views.styled("", "muted");
        private final StackPane tile = new StackPane(face, confidence);
        /** The face whose crop is shown, or asked for (-1: none). */
        private long loaded = -1;

        FaceTile() {
            face.setFitWidth(TILE - 8);
            face.setFitHeight(TILE - 8);
            tile.getStyleClass().add("face-tile");
            confidence.getStyleClass().add("confidence");
            confidence.setTooltip(chance);
            StackPane.setAlignment(confidence, Pos.TOP_RIGHT);
            StackPane.setMargin(confidence, new Insets(5));
            getChildren().addAll(tile, name);
            setOnMouseClicked(e -> {
                if (item() != null && e.getButton() == MouseButton.PRIMARY) {
                    vm.click(index(), e.isShiftDown(), e.isShortcutDown());
                    grid.requestFocus();
                }
            });
        }

        @Override
        protected void show(FaceItem was, FaceItem item) {
            boolean sugg = item.suggestion();
            if (sugg != tile.getStyleClass().contains("suggestion")) {
                if (sugg) {
                    tile.getStyleClass().add("suggestion");
                } else {
                    tile.getStyleClass().remove("suggestion");
                }
            }
            confidence.setVisible(item.oneIn() > 0);
            confidence.setText(item.chanceBadge());
            chance.setText(item.chanceText() + (item.oneIn() > 0 ? " (measured on public face photos)" : ""));
            boolean review = vm.modeProperty().get() == Mode.REVIEW;
            name.setText(review ? item.person() + "?" : sugg ? "Suggested" : "");
            if (loaded != item.id()) {
                face.setImage(null);
                loaded = -1;
            }
        }

        @Override
        protected void placed() {
            FaceItem it = item();
            tile.pseudoClassStateChanged(Views.SELECTED, it != null && vm.selected().contains(it.id()));
            tile.pseudoClassStateChanged(FOCUSED_TILE, it != null && index() == vm.focusProperty().get());
        }

        @Override
        protected boolean wantsImage() {
            return item() != null && loaded != item().id();
        }

        @Override
        protected void loadImage() {
            FaceItem item = item();
            loaded = item.id();
            images.faceCrop(item.face(), TILE, img -> {
                if (item() != null && item().id() == item.id() && loaded == item.id()) {
                    face.setImage(img);
                }
            }, () -> item() != null && item().id() == item.id());
        }

        @Override
        protected void layoutChildren() {
            tile.resizeRelocate(0, 0, TILE, TILE);
            name.resizeRelocate(0, TILE + 2, TILE, name.prefHeight(TILE));
        }
    }
}
