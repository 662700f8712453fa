package kindred.ui.photos;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import kindred.library.FaceInfo;
import kindred.ui.common.ImageCache;
import kindred.ui.common.Navigation;
import kindred.ui.common.Views;
import org.controlsfx.control.PopOver;

/**
 * The photo large, with face boxes and names (F toggles them), arrows to move, Esc to go back. Click a box to
 * name the face or say it is not that person.
 */
public final class PhotoViewerView extends BorderPane {

    /** Long side of the image shown, in pixels: sharp on a 1920×1080 screen, cheap to decode. */
    static final int VIEW_SIZE = 2048;

    private final PhotoViewerViewModel vm;
    private final Navigation main;
    private final ObservableList<String> peopleNames;
    private final ImageCache images;
    private final ImageView view = new ImageView();
    private final Pane boxes = new Pane();
    private final Pane draw = new Pane();
    private final Rectangle drawn = new Rectangle();
    private double startX;
    private double startY;
    private Image image;
    private PopOver popOver;

    /** The viewer of {@code vm}; name fields complete from {@code peopleNames}. */
    public PhotoViewerView(PhotoViewerViewModel vm, ObservableList<String> peopleNames, ImageCache images, Navigation main) {
        this.main = main;
        this.peopleNames = peopleNames;
        this.vm = vm;
        this.images = images;
        getStyleClass().add("viewer");
        view.setPreserveRatio(true);
        view.setSmooth(true);
        draw.getStyleClass().add("draw-layer");
        draw.setId("draw-layer");
        draw.visibleProperty().bind(vm.drawingProperty());
        draw.setCursor(javafx.scene.Cursor.CROSSHAIR);
        drawn.getStyleClass().addAll("face-box", "drawn");
        drawn.setVisible(false);
        drawn.setManaged(false);
        draw.getChildren().add(drawn);
        draw.setOnMousePressed(e -> {
            startX = e.getX();
            startY = e.getY();
            drawn.setX(startX);
            drawn.setY(startY);
            drawn.setWidth(0);
            drawn.setHeight(0);
            drawn.setVisible(true);
        });
        draw.setOnMouseDragged(e -> {
            drawn.setX(Math.min(startX, e.getX()));
            drawn.setY(Math.min(startY, e.getY()));
            drawn.setWidth(Math.abs(e.getX() - startX));
            drawn.setHeight(Math.abs(e.getY() - startY));
        });
        draw.setOnMouseReleased(e -> finishDrawing());
        vm.drawingProperty().addListener((o, a, on) -> {
            if (!on) {
                drawn.setVisible(false);
            }
        });
        StackPane stage = new StackPane(view, boxes, draw);
        stage.setMinSize(0, 0);
        view.fitWidthProperty().bind(stage.widthProperty().subtract(20));
        view.fitHeightProperty().bind(stage.heightProperty().subtract(20));
        boxes.setPickOnBounds(false);
        boxes.setManaged(false);
        view.boundsInParentProperty().addListener((o, a, b) -> layoutBoxes());
        setCenter(stage);

        Button back = Views.tip(new Button("← Back"), "Back to the grid (Esc)");
        back.setOnAction(e -> vm.close());
        Label caption = Views.styled("", "caption");
        caption.textProperty().bind(vm.captionProperty());
        ToggleButton faces = Views.tip(new ToggleButton("Faces"), "Show face boxes and names (F)");
        faces.selectedProperty().bindBidirectional(vm.showBoxesProperty());
        ToggleButton add = Views.tip(new ToggleButton("Add a face"), "Drag a box around a face Kindred missed, then name it (D)");
        add.setId("add-face");
        add.selectedProperty().bindBidirectional(vm.drawingProperty());
        Label drawHint = Views.styled("Drag a box around the face", "muted");
        drawHint.visibleProperty().bind(vm.drawingProperty());
        drawHint.managedProperty().bind(vm.drawingProperty());
        Button prev = Views.tip(new Button("‹"), "Previous photo (←)");
        prev.setOnAction(e -> vm.previous());
        Button next = Views.tip(new Button("›"), "Next photo (→)");
        next.setOnAction(e -> vm.next());
        Button names = Views.tip(new Button("Write names…"), "Write the names in this photo into its metadata, "
                + "for digiKam, Lightroom and others");
        names.setId("viewer-export");
        names.setOnAction(e -> {
            if (vm.photoProperty().get() != null) {
                main.export(new kindred.library.regions.FaceRegionSync.Selection(vm.photoProperty().get().path(), null));
            }
        });
        HBox bar = new HBox(10, back, caption, Views.spacer(), drawHint, add, faces, names, prev, next);
        bar.getStyleClass().add("viewer-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        setTop(bar);

        boxes.visibleProperty().bind(vm.showBoxesProperty());
        vm.faces().addListener((ListChangeListener<FaceInfo>) c -> layoutBoxes());
        vm.markedProperty().addListener((o, a, b) -> layoutBoxes());
        vm.photoProperty().addListener((o, a, p) -> {
            if (p == null) {
                return;
            }
            view.setImage(null);
            image = null;
            layoutBoxes();
            images.thumbnail(p.path(), VIEW_SIZE, img -> {
                if (p.equals(vm.photoProperty().get())) {
                    image = img;
                    view.setImage(img);
                    layoutBoxes();
                }
            }, () -> p.equals(vm.photoProperty().get()));
        });
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextField) {
                return;
            }
            if (e.isControlDown() || e.isAltDown() || e.isMetaDown() || e.isShortcutDown()) {
                return; // Ctrl+Z, Ctrl+I, Ctrl+F are the window's: D and F act only alone
            }
            if (e.getCode() == KeyCode.ESCAPE && vm.drawingProperty().get()) {
                vm.drawingProperty().set(false);
            } else if (e.getCode() == KeyCode.ESCAPE) {
                vm.close();
            } else if (e.getCode() == KeyCode.D) {
                vm.toggleDrawing();
            } else if (e.getCode() == KeyCode.RIGHT) {
                vm.next();
            } else if (e.getCode() == KeyCode.LEFT) {
                vm.previous();
            } else if (e.getCode() == KeyCode.F) {
                vm.toggleBoxes();
            } else {
                return;
            }
            e.consume();
        });
        setFocusTraversable(true);
    }

    /** Places the boxes over the image as laid out (boxes are in display pixels of the full photo). */
    private void layoutBoxes() {
        boxes.getChildren().clear();
        if (image == null) {
            return;
        }
        Bounds b = view.getBoundsInParent();
        double[] full = images.displaySize(image);
        double s = b.getWidth() / full[0];
        for (FaceInfo f : vm.faces()) {
            Rectangle r = new Rectangle(b.getMinX() + f.box().x() * s, b.getMinY() + f.box().y() * s, f.box().w() * s, f.box().h() * s);
            r.getStyleClass().add("face-box");
            if (f.person() != null) {
                r.getStyleClass().add(suggestion(f) ? "suggested" : "named");
            }
            if (f.id() == vm.markedProperty().get()) {
                // The face the viewer was opened for: drawn thicker, in the accent colour, with a halo.
                r.getStyleClass().add("marked");
                r.setId("marked-face");
            }
            r.setOnMouseClicked(e -> editFace(f, r));
            Label name = Views.styled(f.person() == null ? "Who is this?" : f.person()
                    + (f.state() == kindred.model.State.UNCONFIRMED ? "?" : ""), "face-label");
            name.setLayoutX(r.getX());
            name.setLayoutY(r.getY() + r.getHeight() + 3);
            name.setOnMouseClicked(e -> editFace(f, r));
            name.setCursor(javafx.scene.Cursor.HAND);
            boxes.getChildren().addAll(r, name);
        }
    }

    private void editFace(FaceInfo f, javafx.scene.Node anchor) {
        if (popOver != null) {
            popOver.hide();
        }
        TextField name = Views.nameField(suggestion(f) ? "Someone else? Type a name" : "Type a name", peopleNames);
        name.setPrefColumnCount(16);
        if (f.person() != null && !suggestion(f)) {
            name.setText(f.person());
        }
        Button ok = new Button("Name");
        ok.setDefaultButton(true);
        Runnable apply = () -> {
            vm.nameFace(f.id(), name.getText());
            popOver.hide();
        };
        ok.setOnAction(e -> apply.run());
        name.setOnAction(e -> apply.run());
        VBox content = new VBox(8, new Label(f.person() == null ? "Who is this?" : suggestion(f) ? f.person() + "?" : "This is…"));
        if (suggestion(f)) {
            // Kindred's suggestion for an unnamed face: yes or no first, another name below.
            Button yes = Views.tip(new Button("Yes, " + f.person()), "Confirm Kindred's suggestion");
            yes.setId("confirm-suggestion");
            yes.getStyleClass().add("success");
            yes.setOnAction(e -> {
                vm.confirmFace(f);
                popOver.hide();
            });
            ok.setDefaultButton(false);
            content.getChildren().add(yes);
        }
        content.getChildren().add(new HBox(6, name, ok));
        HBox fixes = new HBox(6);
        if (f.person() != null) {
            Button not = Views.tip(new Button((suggestion(f) ? "No, not " : "Not ") + f.person()),
                    "Remove the name and never suggest it for this face again");
            not.setOnAction(e -> {
                vm.rejectFace(f);
                popOver.hide();
            });
            fixes.getChildren().add(not);
        }
        Button notAFace = Views.tip(new Button("Not a face"), "Remove this box: it is not a face at all");
        notAFace.setId("remove-face");
        notAFace.getStyleClass().add("danger");
        notAFace.setOnAction(e -> {
            popOver.hide();
            if (Views.confirm(getScene().getWindow(), "Remove this face?", PhotoViewerViewModel.REMOVE_EXPLANATION, "Remove")) {
                vm.removeFace(f);
            }
        });
        fixes.getChildren().add(notAFace);
        content.getChildren().add(fixes);
        content.setPadding(new Insets(10));
        popOver = new PopOver(content);
        popOver.setArrowLocation(PopOver.ArrowLocation.TOP_LEFT);
        popOver.setDetachable(false);
        popOver.show(anchor);
        name.requestFocus();
    }

    /** Whether the face only carries Kindred's suggestion ("Alice?"), not a name the user gave or confirmed. */
    private static boolean suggestion(FaceInfo f) {
        return f.person() != null && f.state() == kindred.model.State.UNCONFIRMED;
    }

    /** The box just drawn, in display pixels of the photo: asks who it is, then adds the face. */
    private void finishDrawing() {
        if (image == null || drawn.getWidth() < 6 || drawn.getHeight() < 6) {
            drawn.setVisible(false);
            return;
        }
        Bounds b = view.getBoundsInParent();
        double s = b.getWidth() / images.displaySize(image)[0];
        double x0 = Math.max(b.getMinX(), drawn.getX());
        double y0 = Math.max(b.getMinY(), drawn.getY());
        double x1 = Math.min(b.getMaxX(), drawn.getX() + drawn.getWidth());
        double y1 = Math.min(b.getMaxY(), drawn.getY() + drawn.getHeight());
        if (x1 - x0 < 6 || y1 - y0 < 6) {
            drawn.setVisible(false);
            return;
        }
        kindred.model.FaceBox box = new kindred.model.FaceBox((x0 - b.getMinX()) / s, (y0 - b.getMinY()) / s, (x1 - x0) / s, (y1 - y0) / s);
        askName(box);
    }

    private void askName(kindred.model.FaceBox box) {
        if (popOver != null) {
            popOver.hide();
        }
        TextField name = Views.nameField("Type a name", peopleNames);
        name.setId("new-face-name");
        name.setPrefColumnCount(16);
        Button ok = new Button("Add");
        ok.setDefaultButton(true);
        Runnable apply = () -> {
            vm.addFace(box, name.getText());
            popOver.hide();
        };
        ok.setOnAction(e -> apply.run());
        name.setOnAction(e -> apply.run());
        VBox content = new VBox(8, new Label("Who is this?"), new HBox(6, name, ok));
        content.setPadding(new Insets(10));
        popOver = new PopOver(content);
        popOver.setArrowLocation(PopOver.ArrowLocation.TOP_LEFT);
        popOver.setDetachable(false);
        popOver.setOnHidden(e -> vm.drawingProperty().set(false));
        popOver.show(drawn);
        name.requestFocus();
    }
}
