package kindred.ui.people;

import java.util.Optional;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.image.ImageView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import kindred.library.FaceInfo;
import kindred.ui.common.ImageCache;
import kindred.ui.common.Messages;
import kindred.ui.common.Navigation;
import kindred.ui.common.TileGrid;
import kindred.ui.common.Views;
import kindred.ui.people.PeopleViewModel.Card;

/**
 * Cards for named people (People page) or unnamed clusters (Unnamed page): a round face crop, the name or a
 * field to type one (with autocomplete), the counts, on a {@link TileGrid} (a pool of cards reused as the list
 * changes). Double-click opens the person page; drag a card onto
 * another to merge; right-click for name, rename, merge into, hide.
 */
public final class PeopleView extends StackPane {

    static final int CARD_W = 168;
    static final int CARD_H = 196;
    static final int FACE = 112;
    /** Space between cards and around them, in pixels (what the ControlsFX grid it replaced showed). */
    static final double GAP = 16;
    static final double PAD = 16;

    private final PeopleViewModel vm;
    private final Navigation main;
    private final ImageCache images;
    private final boolean clustersPage;
    private final TileGrid<Card, CardTile> grid;
    private final ObservableList<Card> cards;

    /** People (named cards) or, with {@code clustersPage}, Unnamed (cluster cards) of {@code vm}; a card opens through {@code main}. */
    public PeopleView(PeopleViewModel vm, ImageCache images, boolean clustersPage, Navigation main) {
        this.main = main;
        this.vm = vm;
        this.images = images;
        this.clustersPage = clustersPage;
        cards = clustersPage ? vm.clusters() : vm.people();
        grid = new TileGrid<>(cards, CARD_W, CARD_H, GAP, PAD) {
            @Override
            protected CardTile newTile() {
                return new CardTile();
            }
        };
        grid.getStyleClass().add("card-grid");
        VBox empty = clustersPage
                ? Views.emptyState("No unnamed faces: everything is named",
                "When Kindred finds new faces that look like the same person, they appear here as a group to name.", null)
                : Views.emptyState("No people yet",
                "Name a group of faces on the Unnamed page, and the person appears here with all their photos.",
                goToUnnamed());
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(cards));
        grid.visibleProperty().bind(empty.visibleProperty().not());
        javafx.scene.control.CheckBox option = clustersPage
                ? new javafx.scene.control.CheckBox("Show small groups (2 faces)")
                : new javafx.scene.control.CheckBox("Show hidden people");
        option.selectedProperty().bindBidirectional(clustersPage ? vm.showSmallGroupsProperty() : vm.showHiddenProperty());
        option.setId(clustersPage ? "show-small-groups" : "show-hidden");
        Views.tip(option, clustersPage ? "Faces seen only twice are often strangers; show them anyway"
                : "People you hid stay out of the way; show them here to unhide them");
        javafx.scene.layout.HBox bar = new javafx.scene.layout.HBox(option);
        if (!clustersPage) {
            Button roster = Views.tip(new Button("Import a roster…"), "People from a photographer's list: a reference photo each");
            roster.setId("import-roster");
            roster.setOnAction(e -> main.importRoster());
            bar.getChildren().addAll(Views.spacer(), roster);
            bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        }
        bar.setPadding(new javafx.geometry.Insets(10, 16, 0, 16));
        // Top first: Tab goes from the option to the cards (focus traversal follows the order of the children).
        javafx.scene.layout.BorderPane page = new javafx.scene.layout.BorderPane();
        page.setTop(bar);
        page.setCenter(new StackPane(grid, empty));
        page.setBottom(showMore(cards));
        getChildren().add(page);
    }

    /**
     * Gives the keyboard focus to the cards: on Unnamed, the "Add a name" button of the first card in view (typing there
     * names that group); on People, the grid.
     */
    public void focusCards() {
        if (cards.isEmpty() && getScene() != null) {
            // Still loading: as soon as the cards are there, unless the user put the focus somewhere else meanwhile.
            javafx.scene.Node owner = getScene().getFocusOwner();
            cards.addListener(new javafx.collections.ListChangeListener<>() {
                @Override
                public void onChanged(Change<? extends Card> c) {
                    cards.removeListener(this);
                    javafx.application.Platform.runLater(() -> {
                        if (getScene() != null && getScene().getFocusOwner() == owner && isVisible()) {
                            focusCards();
                        }
                    });
                }
            });
            return;
        }
        if (clustersPage && !cards.isEmpty()) {
            grid.layout();
            for (int i = 0; i < cards.size(); i++) {
                CardTile t = grid.tileAt(i);
                if (t != null && t.addName.isVisible()) {
                    t.addName.requestFocus();
                    return;
                }
            }
        }
        grid.requestFocus();
    }

    /** The index of the unnamed group {@code clusterId} among the cards, or -1. */
    private int indexOfCluster(long clusterId) {
        for (int i = 0; i < cards.size(); i++) {
            if (cards.get(i).isCluster() && cards.get(i).summary().id() == clusterId) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Opens the name field of the card of group {@code clusterId} (scrolled into view), focused, with {@code text} typed
     * so far and the caret at {@code caret}; false when the group is not listed.
     */
    private boolean editCluster(long clusterId, String text, int caret) {
        int i = indexOfCluster(clusterId);
        if (i < 0) {
            return false;
        }
        grid.scrollTo(i);
        grid.layout();
        CardTile t = grid.tileAt(i);
        if (t == null) {
            return false;
        }
        t.editName(text, caret);
        return true;
    }

    /**
     * Enter in the name field of group {@code clusterId}: asks first when the name is someone's already, names the group,
     * and opens the name field of the card that followed it (when the list reloads without the named group, that card
     * moves into its place, and its field with it: see {@link CardTile#show}), so that the next name typed names the
     * next group, never one card further or the wrong one.
     */
    private void submitName(CardTile from, long clusterId, String typed, FaceInfo cover, int faces) {
        SamePersonQuestion.ask(this, vm, images, typed, cover, faces, answer -> {
            int at = indexOfCluster(clusterId);
            Long next = at >= 0 && at + 1 < cards.size() ? cards.get(at + 1).summary().id() : null;
            vm.nameCluster(clusterId, answer.name(), answer.differentFrom());
            if (next == null || !editCluster(next, null, 0)) {
                focusCards();
            }
            if (from.fieldCluster != null && from.fieldCluster == clusterId) {
                from.showNameButton(from.item() != null && from.item().isCluster());
            }
        });
    }

    /** "Show more": the pages list the largest first, a page at a time; the rest on request. */
    private javafx.scene.layout.HBox showMore(ObservableList<Card> cards) {
        var total = clustersPage ? vm.clustersTotalProperty() : vm.peopleTotalProperty();
        Button more = new Button();
        more.setId("show-more");
        more.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Show more (" + Math.max(0, total.get() - cards.size()) + " more)", total, cards));
        more.setOnAction(e -> vm.showMore(clustersPage));
        javafx.scene.layout.HBox box = new javafx.scene.layout.HBox(more);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new javafx.geometry.Insets(6, 16, 10, 16));
        box.visibleProperty().bind(javafx.beans.binding.Bindings.size(cards).lessThan(total));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Button goToUnnamed() {
        Button b = new Button("Show unnamed faces");
        b.setOnAction(e -> main.openUnnamed());
        return b;
    }

    private void open(Card c) {
        if (c.isCluster()) {
            main.openCluster(c.summary().id());
        } else {
            main.openPerson(c.summary().name());
        }
    }

    /** A drop waiting for the end of its drag to ask its question (see the cards' DRAG_DONE). */
    private Runnable pendingDrop;

    /** Drag {@code dragged} onto {@code target}: asks once, then merges (a cluster is named as the person). */
    private void drop(Card dragged, Card target) {
        if (dragged.summary().id() == target.summary().id() && dragged.isCluster() == target.isCluster()) {
            return;
        }
        if (dragged.isCluster() && target.isCluster()) {
            vm.messageProperty().set("Name one of the two groups first, then drop the other onto it.");
            return;
        }
        String into = target.isCluster() ? dragged.summary().name() : target.summary().name();
        Card from = target.isCluster() ? target : dragged;
        String what = from.isCluster() ? Messages.count(from.summary().faces(), "unnamed face") : "\"" + from.summary().name() + "\"";
        if (!confirm("Merge " + what + " into \"" + into + "\"?", "All of their faces will be named \"" + into + "\".")) {
            return;
        }
        if (from.isCluster()) {
            vm.mergeClusterInto(from.summary().id(), into);
        } else {
            vm.merge(from.summary().name(), into);
        }
    }

    private boolean confirm(String header, String text) {
        // The user asked for this merge (a drop, or "Merge into…"): Merge is the default button, Cancel one Esc away.
        return Views.confirm(getScene().getWindow(), header, text + " Ctrl+Z undoes it.", "Merge", true);
    }

    private ContextMenu menu(Card c) {
        ContextMenu m = new ContextMenu();
        MenuItem open = new MenuItem("Open");
        open.setOnAction(e -> open(c));
        m.getItems().add(open);
        if (c.isCluster()) {
            MenuItem into = new MenuItem("Add to a person…");
            into.setOnAction(e -> pickPerson("Add these faces to").ifPresent(p -> vm.mergeClusterInto(c.summary().id(), p)));
            m.getItems().add(into);
        } else {
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(e -> {
                TextInputDialog d = new TextInputDialog(c.summary().name());
                d.setTitle("Rename");
                d.setHeaderText("New name for \"" + c.summary().name() + "\"");
                d.initOwner(getScene().getWindow());
                d.showAndWait().ifPresent(n -> vm.rename(c.summary().name(), n));
            });
            MenuItem merge = new MenuItem("Merge into…");
            merge.setOnAction(e -> pickPerson("Merge \"" + c.summary().name() + "\" into").ifPresent(p -> {
                if (confirm("Merge \"" + c.summary().name() + "\" into \"" + p + "\"?", "All of their faces will be named \"" + p + "\".")) {
                    vm.merge(c.summary().name(), p);
                }
            }));
            MenuItem hide = new MenuItem(c.summary().hidden() ? "Show again" : "Hide");
            hide.setOnAction(e -> vm.setHidden(c.summary().name(), !c.summary().hidden()));
            MenuItem forget = new MenuItem("Forget this person…");
            forget.setOnAction(e -> {
                String n = c.summary().name();
                if (Views.confirm(getScene().getWindow(), "Forget \"" + n + "\"?", PeopleViewModel.forgetExplanation(n), "Forget")) {
                    vm.forget(n);
                }
            });
            MenuItem names = new MenuItem("Write names into their photos…");
            names.setOnAction(e -> main.export(new kindred.library.regions.FaceRegionSync.Selection(null, c.summary().name())));
            MenuItem photos = new MenuItem("Export photos…");
            photos.setOnAction(e -> main.exportPhotos(java.util.List.of(c.summary().name())));
            m.getItems().addAll(rename, merge, hide, names, photos, new javafx.scene.control.SeparatorMenuItem(), forget);
        }
        return m;
    }

    private Optional<String> pickPerson(String header) {
        var names = vm.names();
        if (names.isEmpty()) {
            vm.messageProperty().set("There is nobody named yet: type a name on a card instead.");
            return Optional.empty();
        }
        ChoiceDialog<String> d = new ChoiceDialog<>(names.get(0), names);
        d.setTitle("Kindred");
        d.setHeaderText(header);
        d.initOwner(getScene().getWindow());
        return d.showAndWait();
    }

    private static Card dragging;

    /** Whether two covers show the same crop (a face's name or state may change, its crop does not). */
    private static boolean sameCrop(FaceInfo a, FaceInfo b) {
        return a == b || a != null && b != null && a.id() == b.id() && a.box().equals(b.box());
    }

    /**
     * One card on the {@link TileGrid} pool: the round face crop, the name (or, on an unnamed group, an "Add a
     * name" button that turns into the name field when clicked, focused with Tab and pressed, or typed into: a
     * text field's skin and context menu are built only for the card being named), the counts. Double-click opens,
     * right-click for the menu, drag onto another card to merge.
     */
    private final class CardTile extends TileGrid.Tile<Card> {
        private final ImageView face = new ImageView();
        private final Label name = new Label();
        private final Button addName = new Button("Add a name");
        private final Label counts = Views.styled("", "muted");
        private final VBox card = new VBox();
        /** The name field: made the first time a group is named on this card, then kept (hidden while unused). */
        private TextField nameField;
        /**
         * The group the name field names: the card's group when the field opened. A reload may show another group on
         * this pooled card while a name is being typed; Enter still names this one, and the field moves to its card.
         */
        private Long fieldCluster;
        /** The cover whose crop is shown, or asked for. */
        private FaceInfo loadedCover;

        CardTile() {
            face.setFitWidth(FACE);
            face.setFitHeight(FACE);
            face.setClip(new Circle(FACE / 2.0, FACE / 2.0, FACE / 2.0));
            StackPane faceBox = new StackPane(new Circle(FACE / 2.0, javafx.scene.paint.Color.gray(0.85)), face);
            name.getStyleClass().add("name");
            name.setMaxWidth(CARD_W - 20);
            addName.getStyleClass().add("add-name");
            addName.setPrefWidth(CARD_W - 20);
            addName.setMaxWidth(CARD_W - 20);
            addName.setMnemonicParsing(false);
            addName.setOnAction(e -> editName(null, 0));
            addName.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
                if (e.getCode() == KeyCode.ENTER) {
                    editName(null, 0);
                    e.consume();
                }
            });
            addName.addEventHandler(KeyEvent.KEY_TYPED, e -> {
                String typed = e.getCharacter();
                if (!typed.isEmpty() && !Character.isISOControl(typed.charAt(0)) && !typed.isBlank()
                        && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown()) {
                    editName(typed, typed.length());
                    e.consume();
                }
            });
            card.getChildren().addAll(faceBox, name, addName, counts);
            card.getStyleClass().add("person-card");
            card.setAlignment(Pos.TOP_CENTER);
            getChildren().add(card);
            setOnMouseClicked(e -> {
                if (item() != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    open(item());
                }
            });
            setOnContextMenuRequested(e -> {
                if (item() != null) {
                    menu(item()).show(this, e.getScreenX(), e.getScreenY());
                }
            });
            setOnDragDetected(e -> {
                if (item() == null) {
                    return;
                }
                dragging = item();
                Dragboard db = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent cc = new ClipboardContent();
                cc.putString(item().label());
                db.setContent(cc);
                db.setDragView(face.snapshot(null, null));
                e.consume();
            });
            setOnDragOver(e -> {
                if (dragging != null && item() != null && dragging != item()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragEntered(e -> {
                if (dragging != null && item() != null && dragging != item()) {
                    card.getStyleClass().add("drop-target");
                }
            });
            setOnDragExited(e -> card.getStyleClass().remove("drop-target"));
            setOnDragDropped(e -> {
                Card d = dragging;
                dragging = null;
                if (d != null && item() != null) {
                    Card target = item();
                    // Asked once the drag is over (DRAG_DONE on the dragged card): a dialog opened while the platform's
                    // drag session still runs (GTK) does not get the mouse's clicks.
                    pendingDrop = () -> drop(d, target);
                    e.setDropCompleted(true);
                }
                e.consume();
            });
            setOnDragDone(e -> {
                dragging = null;
                Runnable r = pendingDrop;
                pendingDrop = null;
                if (r != null) {
                    javafx.application.Platform.runLater(r);
                }
            });
        }

        /**
         * The name field in place of the button, focused, naming this card's group; {@code typed} (if any) is what was
         * typed so far, the caret at {@code caret}.
         */
        private void editName(String typed, int caret) {
            if (item() == null || !item().isCluster()) {
                return;
            }
            if (nameField == null) {
                nameField = Views.lazyNameField("Add a name", vm.names());
                nameField.setMaxWidth(CARD_W - 20);
                nameField.setOnAction(e -> {
                    Long id = fieldCluster;
                    if (id == null || nameField.getText().isBlank()) {
                        return;
                    }
                    Card shown = item() != null && item().isCluster() && item().summary().id() == id ? item() : null;
                    int at = indexOfCluster(id);
                    Card named = shown != null ? shown : at >= 0 ? cards.get(at) : null;
                    submitName(this, id, nameField.getText(), named == null ? null : named.cover(),
                            named == null ? 0 : named.summary().faces());
                });
                nameField.focusedProperty().addListener((o, a, focused) -> {
                    if (!focused && nameField.getText().isEmpty()) {
                        showNameButton(item() != null && item().isCluster());
                    }
                });
                card.getChildren().add(card.getChildren().indexOf(addName) + 1, nameField);
            }
            fieldCluster = item().summary().id();
            both(addName, false);
            both(nameField, true);
            nameField.requestFocus();
            nameField.setText(typed == null ? "" : typed);
            nameField.positionCaret(Math.min(caret, nameField.getLength()));
        }

        /** Back to the button (on an unnamed group) after naming, or when the field is left empty. */
        private void showNameButton(boolean cluster) {
            fieldCluster = null;
            if (nameField != null && nameField.isVisible()) {
                nameField.clear();
                both(nameField, false);
            }
            both(addName, cluster);
        }

        /**
         * This pooled card shows another group while its name field names {@code clusterId} with {@code text} typed:
         * the field moves to that group's card (after this layout pass, every card then showing its new group), and
         * leaves this one only then, so the keys typed meanwhile still go to it, and its Enter still names that group.
         */
        private void moveFieldToItsGroup(long clusterId) {
            javafx.application.Platform.runLater(() -> {
                if (fieldCluster == null || fieldCluster != clusterId || nameField == null) {
                    return; // named, or left, meanwhile
                }
                String text = nameField.getText();
                int caret = nameField.getCaretPosition();
                if (editCluster(clusterId, text, caret) || indexOfCluster(clusterId) < 0) {
                    showNameButton(item() != null && item().isCluster());
                }
            });
        }

        private static void both(Node n, boolean shown) {
            if (n.isVisible() != shown) {
                n.setVisible(shown);
                n.setManaged(shown);
            }
        }

        @Override
        protected void show(Card was, Card item) {
            var s = item.summary();
            counts.setText(Messages.count(s.faces(), "face") + " · " + Messages.count(s.photos(), "photo"));
            boolean editing = fieldCluster != null && nameField != null && nameField.isVisible();
            if (editing && item.isCluster() && fieldCluster == s.id()) {
                // the same group (its counts changed): the field stays as it is
            } else if (editing && nameField.isFocused()) {
                moveFieldToItsGroup(fieldCluster);
            } else {
                showNameButton(item.isCluster());
            }
            both(name, !item.isCluster());
            name.setText(item.isCluster() ? "" : s.name() + (s.hidden() ? " (hidden)" : ""));
            if (!sameCrop(loadedCover, item.cover())) {
                face.setImage(null);
                loadedCover = null;
            }
        }

        @Override
        protected void cleared() {
            // Out of view or past the end of a shorter list while its group is being named: the field goes to its card.
            if (fieldCluster != null && nameField != null && nameField.isFocused()) {
                moveFieldToItsGroup(fieldCluster);
            } else {
                showNameButton(false);
            }
        }

        @Override
        protected boolean wantsImage() {
            return item() != null && item().cover() != null && !sameCrop(loadedCover, item().cover());
        }

        @Override
        protected void loadImage() {
            FaceInfo cover = item().cover();
            loadedCover = cover;
            images.faceCrop(cover, FACE, img -> {
                if (item() != null && sameCrop(cover, item().cover()) && cover == loadedCover) {
                    face.setImage(img);
                }
            }, () -> item() != null && sameCrop(cover, item().cover()));
        }

        @Override
        protected void layoutChildren() {
            card.resizeRelocate(0, 0, getWidth(), getHeight());
        }
    }
}
