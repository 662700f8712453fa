package kindred.ui;

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
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import kindred.ui.PeopleViewModel.Card;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;

/**
 * Cards for named people (People page) or unnamed clusters (Unnamed page): a round face crop, the name or a
 * field to type one (with autocomplete), the counts. Double-click opens the person page; drag a card onto
 * another to merge; right-click for name, rename, merge into, hide.
 */
final class PeopleView extends StackPane {

    static final int CARD_W = 168;
    static final int CARD_H = 196;
    static final int FACE = 112;

    private final PeopleViewModel vm;
    private final MainWindowViewModel main;
    private final ImageCache images;
    private final boolean clustersPage;

    PeopleView(MainWindowViewModel main, ImageCache images, boolean clustersPage) {
        this.main = main;
        this.vm = main.people();
        this.images = images;
        this.clustersPage = clustersPage;
        ObservableList<Card> cards = clustersPage ? vm.clusters() : vm.people();
        GridView<Card> grid = new GridView<>(cards);
        grid.setCellWidth(CARD_W);
        grid.setCellHeight(CARD_H);
        grid.setHorizontalCellSpacing(8);
        grid.setVerticalCellSpacing(8);
        grid.setCellFactory(g -> new CardCell());
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
        bar.setPadding(new javafx.geometry.Insets(10, 16, 0, 16));
        javafx.scene.layout.BorderPane page = new javafx.scene.layout.BorderPane(new StackPane(grid, empty));
        page.setTop(bar);
        page.setBottom(showMore(cards));
        getChildren().add(page);
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
        b.setOnAction(e -> main.show(MainWindowViewModel.Page.UNNAMED));
        return b;
    }

    private void open(Card c) {
        if (c.isCluster()) {
            main.openCluster(c.summary().id());
        } else {
            main.openPerson(c.summary().name());
        }
    }

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
        return Views.confirm(getScene().getWindow(), header, text + " Ctrl+Z undoes it.", "Merge");
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
            names.setOnAction(e -> main.requestExport(new kindred.library.regions.FaceRegionSync.Selection(null, c.summary().name())));
            m.getItems().addAll(rename, merge, hide, names, new javafx.scene.control.SeparatorMenuItem(), forget);
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

    private final class CardCell extends GridCell<Card> {
        private final ImageView face = new ImageView();
        private final Label name = new Label();
        private final Label counts = Views.styled("", "muted");
        private final TextField nameField = Views.lazyNameField("Add a name", vm.names());
        private final VBox card = new VBox();
        private Card shown;

        CardCell() {
            face.setFitWidth(FACE);
            face.setFitHeight(FACE);
            face.setClip(new Circle(FACE / 2.0, FACE / 2.0, FACE / 2.0));
            StackPane faceBox = new StackPane(new Circle(FACE / 2.0, javafx.scene.paint.Color.gray(0.85)), face);
            name.getStyleClass().add("name");
            name.setMaxWidth(CARD_W - 20);
            nameField.setMaxWidth(CARD_W - 20);
            nameField.setOnAction(e -> {
                if (getItem() != null && getItem().isCluster()) {
                    vm.nameCluster(getItem().summary().id(), nameField.getText());
                    nameField.clear();
                }
            });
            card.getChildren().addAll(faceBox, name, counts);
            card.getStyleClass().add("person-card");
            card.setAlignment(Pos.TOP_CENTER);
            card.setPrefSize(CARD_W, CARD_H);
            setOnMouseClicked(e -> {
                if (getItem() != null && e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                    open(getItem());
                }
            });
            setOnContextMenuRequested(e -> {
                if (getItem() != null) {
                    menu(getItem()).show(this, e.getScreenX(), e.getScreenY());
                }
            });
            setOnDragDetected(e -> {
                if (getItem() == null) {
                    return;
                }
                dragging = getItem();
                Dragboard db = startDragAndDrop(TransferMode.MOVE);
                ClipboardContent cc = new ClipboardContent();
                cc.putString(getItem().label());
                db.setContent(cc);
                db.setDragView(face.snapshot(null, null));
                e.consume();
            });
            setOnDragOver(e -> {
                if (dragging != null && getItem() != null && dragging != getItem()) {
                    e.acceptTransferModes(TransferMode.MOVE);
                }
                e.consume();
            });
            setOnDragEntered(e -> {
                if (dragging != null && getItem() != null && dragging != getItem()) {
                    card.getStyleClass().add("drop-target");
                }
            });
            setOnDragExited(e -> card.getStyleClass().remove("drop-target"));
            setOnDragDropped(e -> {
                Card d = dragging;
                dragging = null;
                if (d != null && getItem() != null) {
                    Card target = getItem();
                    javafx.application.Platform.runLater(() -> drop(d, target));
                    e.setDropCompleted(true);
                }
                e.consume();
            });
            setOnDragDone(e -> dragging = null);
        }

        @Override
        protected void updateItem(Card item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                shown = null;
                return;
            }
            var s = item.summary();
            counts.setText(Messages.count(s.faces(), "face") + " · " + Messages.count(s.photos(), "photo"));
            Node nameNode = item.isCluster() ? nameField : name;
            if (card.getChildren().get(1) != nameNode) {
                card.getChildren().set(1, nameNode); // a swap restyles the node (and builds a TextField's skin)
            }
            name.setText(s.name() + (s.hidden() ? " (hidden)" : ""));
            setGraphic(card);
            if (shown == null || !java.util.Objects.equals(shown.cover(), item.cover())) {
                face.setImage(null);
                if (item.cover() != null) {
                    var cover = item.cover();
                    images.faceCrop(cover, FACE, img -> {
                        if (getItem() != null && java.util.Objects.equals(getItem().cover(), cover)) {
                            face.setImage(img);
                        }
                    }, () -> getItem() != null && java.util.Objects.equals(getItem().cover(), cover));
                }
            }
            shown = item;
        }
    }
}
