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
import kindred.library.FaceInfo;
import kindred.ui.common.ImageCache;
import kindred.ui.common.Messages;
import kindred.ui.common.Navigation;
import kindred.ui.common.TileGrid;
import kindred.ui.common.Views;
import kindred.ui.people.PersonViewModel.Mode;

/**
 * A person page, an unnamed cluster, or Review: face crops, suggestions first with their confidence, on a
 * {@link TileGrid} (a pool of tiles reused as the list changes). A person page shows their photos first
 * ({@link PersonPhotosView}) with a Photos / Faces switch.
 * Keys: Y/Enter confirm, N/Delete not this person, I ignore (only without Ctrl, Alt or Meta: Ctrl+I is the window's
 * Info), arrows move, Shift+arrows and Shift/Ctrl-click select many, Ctrl+A all; Space (or a double click) opens the
 * face's photo with the face marked. A decision (key or button) acts on the selection, else the focused tile, only when
 * one of them is in view: else it selects the first tile in view and says so. Also the Other faces page (faces no group
 * holds, with their suggestion: "Alice?").
 */
public final class PersonView extends BorderPane {

    static final PseudoClass FOCUSED_TILE = PseudoClass.getPseudoClass("focused-tile");
    static final int TILE = 132;

    /** Space between face tiles and around them, in pixels (what the ControlsFX grid it replaced showed). */
    static final double GAP = 12;
    static final double PAD = 14;

    private final PersonViewModel vm;
    private final PeopleViewModel people;
    private final ImageCache images;
    private final TileGrid<FaceItem, FaceTile> grid;
    private final PersonPhotosView photosView;
    private final Navigation main;

    /** The person, cluster or Review page of {@code vm}; name fields complete from {@code people}'s names. */
    public PersonView(PersonViewModel vm, PeopleViewModel people, ImageCache images, Navigation main) {
        this.vm = vm;
        this.people = people;
        this.images = images;
        this.main = main;
        photosView = new PersonPhotosView(vm.photos(), images, main);
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
        confirm.setOnAction(e -> decide(vm::confirm, "Y", "confirm"));
        confirm.getStyleClass().add("success");
        Button reject = Views.tip(new Button("Not this person"), "Remove and never suggest again (N or Delete)");
        reject.setOnAction(e -> decide(vm::reject, "N", "say no to"));
        reject.getStyleClass().add("danger");
        Button ignore = Views.tip(new Button("Ignore"), "Not a face worth naming: a poster, a stranger (I)");
        ignore.setOnAction(e -> decide(vm::ignore, "I", "ignore"));
        TextField moveTo = Views.nameField("Someone else… (type a name)", people.names());
        moveTo.setPrefColumnCount(16);
        Views.tip(moveTo, "Name the selected faces as another person; Enter to apply");
        moveTo.promptTextProperty().bind(Bindings.when(vm.modeProperty().isEqualTo(Mode.OTHER))
                .then("Who is this? (type a name)").otherwise("Someone else… (type a name)"));
        moveTo.setOnAction(e -> {
            String typed = moveTo.getText();
            if (Messages.cleanName(typed) == null) {
                return;
            }
            // With no face chosen in view, the first is chosen and the name stays typed for the next Enter.
            if (decide(() -> nameTargets(typed), "Enter", "name")) {
                moveTo.clear();
                grid.requestFocus();
            } else {
                moveTo.requestFocus();
            }
        });
        TextField nameAll = Views.nameField("Who is this? Type a name", people.names());
        nameAll.setPrefColumnCount(18);
        Views.tip(nameAll, "Names every face here; a new name creates the person");
        nameAll.setOnAction(e -> {
            String typed = nameAll.getText();
            FaceInfo cover = vm.items().isEmpty() ? null : vm.items().get(0).face();
            SamePersonQuestion.ask(this, people, images, typed, cover, vm.items().size(), a -> {
                vm.nameCluster(a.name(), a.differentFrom());
                nameAll.clear();
            });
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
        // A person page: their photos (newest first, by month) or their faces (suggestions first).
        javafx.scene.control.ToggleGroup views = new javafx.scene.control.ToggleGroup();
        javafx.scene.control.ToggleButton photos = Views.tip(new javafx.scene.control.ToggleButton("Photos"),
                "Their photos, newest first, by month and year");
        photos.setId("person-show-photos");
        javafx.scene.control.ToggleButton faces = Views.tip(new javafx.scene.control.ToggleButton("Faces"),
                "Their faces: suggestions to confirm first, then the faces you confirmed");
        faces.setId("person-show-faces");
        // The page opens on the photos (kept from one person to the next): suggestions waiting on the Faces side are
        // named on the switch, so that a person's page never hides faces to confirm.
        faces.textProperty().bind(Bindings.createStringBinding(() -> {
            long waiting = vm.items().stream().filter(FaceItem::suggestion).count();
            return waiting == 0 ? "Faces" : "Faces (" + waiting + " to review)";
        }, vm.items()));
        photos.setToggleGroup(views);
        faces.setToggleGroup(views);
        views.selectToggle(vm.photos().shownProperty().get() ? photos : faces);
        views.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                views.selectToggle(a); // one of the two is always on
            } else {
                vm.photos().shownProperty().set(b == photos);
            }
        });
        vm.photos().shownProperty().addListener((o, a, on) -> views.selectToggle(on ? photos : faces));
        HBox switcher = new HBox(photos, faces);
        switcher.getStyleClass().add("segmented");
        var photosShown = vm.modeProperty().isEqualTo(Mode.PERSON).and(vm.photos().shownProperty());
        switcher.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.PERSON));
        switcher.managedProperty().bind(switcher.visibleProperty());
        Button exportPhotos = Views.tip(new Button("Export photos…"), "Copy this person's photos into a folder of their own, with a manifest");
        exportPhotos.setId("person-export-photos");
        exportPhotos.setOnAction(e -> main.exportPhotos(java.util.List.of(vm.person())));
        exportPhotos.visibleProperty().bind(names.visibleProperty());
        exportPhotos.managedProperty().bind(exportPhotos.visibleProperty());
        Button above = Views.tip(new Button("Confirm all above…"), "Confirm every suggestion at least this sure, at once");
        above.setId("confirm-above");
        above.setOnAction(e -> main.confirmAbove(null));
        above.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.REVIEW));
        above.managedProperty().bind(above.visibleProperty());
        // The buttons keep their words in a narrow window (1024 px with Info open); the name field gives way first.
        for (Button b : java.util.List.of(confirm, reject, ignore)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        moveTo.setMinWidth(140);
        selection.setMinWidth(0);
        // Wraps onto a second row in a narrow window (1024×768, or Info open) instead of cutting the buttons' words.
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 6, switcher, nameAll, confirm, reject, ignore,
                moveTo, selection, above, names, exportPhotos);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(10, 16, 6, 16));
        nameAll.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.CLUSTER));
        nameAll.managedProperty().bind(nameAll.visibleProperty());
        confirm.visibleProperty().bind(vm.modeProperty().isNotEqualTo(Mode.CLUSTER).and(photosShown.not()));
        confirm.textProperty().bind(Bindings.when(vm.modeProperty().isEqualTo(Mode.OTHER)).then("Yes").otherwise("Confirm"));
        reject.textProperty().bind(Bindings.when(vm.modeProperty().isEqualTo(Mode.OTHER)).then("No").otherwise("Not this person"));
        confirm.managedProperty().bind(confirm.visibleProperty());
        reject.visibleProperty().bind(confirm.visibleProperty());
        reject.managedProperty().bind(confirm.visibleProperty());
        ignore.visibleProperty().bind(photosShown.not());
        ignore.managedProperty().bind(ignore.visibleProperty());
        moveTo.visibleProperty().bind(photosShown.not());
        moveTo.managedProperty().bind(moveTo.visibleProperty());
        Label hint = Views.styled("", "muted");
        hint.setWrapText(true);
        hint.setMinWidth(0);
        hint.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.modeProperty().get()) {
            case CLUSTER -> "Name this group, or select wrong faces and press I to ignore them or type another name."
                    + " Space opens a face's photo.";
            case PERSON -> vm.photos().shownProperty().get()
                    ? "Newest first · double-click or Enter opens a photo with their face marked"
                    : "Dashed tiles are suggestions; \"1 in 5k\": the chance it is someone else · Y yes · N no · I ignore"
                    + " · Space opens the photo · Ctrl+Z undo";
            case OTHER -> "\"Alice?\": Kindred's suggestion · Y yes · N no · I ignore (not worth naming) · or type who it is"
                    + " · Space opens the photo · Ctrl+Z undo";
            default -> "Dashed tiles are suggestions; \"1 in 5k\": the chance it is someone else · Y yes · N no · I ignore"
                    + " · Space opens the photo · Ctrl+Z undo";
        }, vm.modeProperty(), vm.photos().shownProperty()));
        Label summary = Views.styled("", "page-subtitle");
        summary.textProperty().bind(Bindings.when(photosShown).then(vm.photos().summaryProperty()).otherwise(vm.summaryProperty()));
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
            case OTHER -> "Every face is in a group, named or ignored. Faces seen only once appear here.";
        }, vm.modeProperty()));
        empty.visibleProperty().bind(Bindings.isEmpty(vm.items()).and(photosShown.not()));
        grid.visibleProperty().bind(Bindings.isNotEmpty(vm.items()).and(photosShown.not()));
        photosView.visibleProperty().bind(photosShown);
        // Nothing to act on: no buttons that would do nothing.
        top.visibleProperty().bind(empty.visibleProperty().not());
        top.managedProperty().bind(top.visibleProperty());
        setCenter(new StackPane(grid, empty, photosView));
        setBottom(showMore());
        // Switching between Photos and Faces keeps the keys on what is shown.
        vm.photos().shownProperty().addListener((o, a, b) -> focusGrid());
    }

    /** Other faces lists a page at a time, best first: "Show more" lists the next. */
    private HBox showMore() {
        Button more = new Button();
        more.setId("show-more-faces");
        more.textProperty().bind(Bindings.createStringBinding(() -> "Show more (" + Math.max(0, vm.totalProperty().get()
                - vm.items().size()) + " more)", vm.totalProperty(), vm.items()));
        more.setOnAction(e -> vm.showMore());
        HBox box = new HBox(more);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(6, 16, 10, 16));
        box.visibleProperty().bind(vm.modeProperty().isEqualTo(Mode.OTHER).and(Bindings.size(vm.items()).lessThan(vm.totalProperty())));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /**
     * "Someone else…" / "Who is this?": names the targets as {@code typed}, asking first when someone has that name
     * already (unless every target is theirs already).
     */
    private void nameTargets(String typed) {
        java.util.List<FaceItem> t = vm.targets();
        java.util.List<Long> ids = t.stream().map(FaceItem::id).toList();
        String n = Messages.cleanName(typed);
        boolean theirsAlready = !t.isEmpty() && t.stream().allMatch(i -> n.equalsIgnoreCase(i.person()));
        if (theirsAlready) {
            vm.moveTo(ids, n, null);
            return;
        }
        SamePersonQuestion.ask(this, people, images, typed, t.isEmpty() ? null : t.get(0).face(), t.size(),
                a -> vm.moveTo(ids, a.name(), a.differentFrom()));
    }

    /**
     * A decision by key or button: acts on the selection, else the focused tile, when one of them is in view; else
     * selects the first tile in view and says so (pressing {@code key} again then {@code verb}s it). Never acts on a tile
     * the user cannot see chosen, never does nothing without a word. Returns whether it acted.
     */
    private boolean decide(Runnable action, String key, String verb) {
        if (vm.items().isEmpty()) {
            vm.say("Nothing here to " + verb);
            return false;
        }
        if (chosenInView()) {
            action.run();
            return true;
        }
        int first = firstInView();
        vm.click(first, false, false);
        grid.scrollTo(first);
        grid.requestFocus();
        vm.say("Nothing was selected: the first face " + (first == 0 ? "" : "in view ") + "is selected now. Press "
                + key + " again to " + verb + " it");
        return false;
    }

    /** Whether a selected tile, or with no selection the focused one, is on screen. */
    private boolean chosenInView() {
        if (!vm.selected().isEmpty()) {
            for (int i = 0; i < vm.items().size(); i++) {
                if (vm.selected().contains(vm.items().get(i).id()) && inView(i)) {
                    return true;
                }
            }
            return false;
        }
        int f = vm.focusProperty().get();
        return f >= 0 && f < vm.items().size() && inView(f);
    }

    /** Whether the tile of item {@code index} is laid out with at least half of it inside the grid's view. */
    private boolean inView(int index) {
        FaceTile t = grid.tileAt(index);
        if (t == null || !t.isVisible()) {
            return false;
        }
        double middle = t.getLayoutY() + t.getHeight() / 2;
        return middle >= 0 && middle <= grid.getHeight();
    }

    /** The first item whose tile is in view (0 when none is laid out yet). */
    private int firstInView() {
        for (int i = 0; i < vm.items().size(); i++) {
            if (inView(i)) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Gives the keyboard focus to the face grid; while the page is still empty (its faces loading), as soon as they are
     * shown, unless the user put the focus somewhere else meanwhile.
     */
    public void focusGrid() {
        if (photosView.isVisible()) {
            photosView.grid().requestFocus();
            return;
        }
        if (grid.isVisible() || getScene() == null) {
            grid.requestFocus();
            return;
        }
        javafx.scene.Node owner = getScene().getFocusOwner();
        grid.visibleProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean visible) {
                o.removeListener(this);
                if (visible && getScene() != null && getScene().getFocusOwner() == owner && isVisible()) {
                    grid.requestFocus();
                }
            }
        });
    }

    /** The person's Photos view (tests). */
    public PersonPhotosView photosView() {
        return photosView;
    }

    /** Opens the photo of the face on tile {@code index} in the viewer, the face marked; the arrows go through the others. */
    private void openFace(int index) {
        var items = vm.items();
        if (index < 0 || index >= items.size()) {
            return;
        }
        main.openFaces(items.stream().map(FaceItem::face).toList(), index);
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
        boolean plain = !e.isControlDown() && !e.isAltDown() && !e.isMetaDown() && !e.isShortcutDown();
        if (!plain && k != KeyCode.A && !k.isArrowKey()) {
            return; // Ctrl+I is the window's Info, Ctrl+Y or Alt+N are no decision: the window's shortcuts get them
        }
        if (k.isArrowKey() && vm.focusProperty().get() < 0 && !vm.items().isEmpty()) {
            // Nothing chosen yet: the first arrow chooses the first tile in view, not the tile next to tile 0.
            int first = firstInView();
            vm.click(first, false, false);
            grid.scrollTo(first);
            e.consume();
            return;
        }
        switch (k) {
            case Y, ENTER -> decide(vm::confirm, k == KeyCode.Y ? "Y" : "Enter", "confirm");
            case N, DELETE, BACK_SPACE -> decide(vm::reject, k == KeyCode.N ? "N" : "Delete", "say no to");
            case I -> decide(vm::ignore, "I", "ignore");
            case SPACE -> openFace(vm.focusProperty().get());
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
            javafx.scene.control.Tooltip.install(tile, new javafx.scene.control.Tooltip("Double-click or Space: open its photo, the face marked"));
            setOnMouseClicked(e -> {
                if (item() != null && e.getButton() == MouseButton.PRIMARY) {
                    vm.click(index(), e.isShiftDown(), e.isShortcutDown());
                    grid.requestFocus();
                    if (e.getClickCount() == 2 && !e.isShiftDown() && !e.isShortcutDown()) {
                        openFace(index());
                    }
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
            Mode mode = vm.modeProperty().get();
            boolean named = mode == Mode.REVIEW || mode == Mode.OTHER;
            name.setText(named && sugg && item.person() != null ? item.person() + "?" : sugg ? "Suggested" : "");
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
