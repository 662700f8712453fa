package kindred.ui.people;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import kindred.library.FaceInfo;
import kindred.ui.common.ImageCache;
import kindred.ui.common.Messages;
import kindred.ui.common.Views;
import kindred.ui.people.PeopleViewModel.Card;

/**
 * Naming faces with a name someone already has asks first, as Google's and Apple's "same or different person": both
 * are shown (a crop and a count each: "Same person as Jenny, 12 faces?"), and the faces join Jenny only on yes. No
 * keeps two people: the new one gets a name of their own, proposed as "Jenny (2)" and editable ("Jenny Smith"), so
 * that the two can be told apart in every list, picker and search; one name for two people would make every later
 * "Jenny" typed ambiguous.
 */
final class SamePersonQuestion {

    /** Size of the two face crops in the question, in pixels. */
    static final int CROP = 96;

    /** What to name the faces: {@code name}; {@code differentFrom}: the person of a like name they are not, or null. */
    record Answer(String name, String differentFrom) {
    }

    private SamePersonQuestion() {
    }

    /**
     * Hands {@code then} the name to give {@code faces} faces (shown by {@code cover}): what was typed when no one has
     * that name; else what the user answers to the question (nothing when they cancel).
     *
     * @param owner a node of the window the question belongs to
     */
    static void ask(Node owner, PeopleViewModel people, ImageCache images, String typed, FaceInfo cover, int faces,
                    Consumer<Answer> then) {
        String n = Messages.cleanName(typed);
        if (n == null) {
            return;
        }
        if (!people.isNamed(n)) {
            then.accept(new Answer(n, null));
            return;
        }
        people.findPerson(n, found -> {
            if (found.isEmpty()) {
                then.accept(new Answer(n, null)); // gone meanwhile (merged, forgotten): the name is free
                return;
            }
            question(owner, people, images, cover, faces, found.get()).ifPresent(then);
        });
    }

    private static Optional<Answer> question(Node owner, PeopleViewModel people, ImageCache images, FaceInfo cover, int faces,
                                             Card existing) {
        String name = existing.summary().name();
        Dialog<Answer> d = new Dialog<>();
        d.setTitle("Kindred");
        d.setHeaderText("Same person as " + name + ", " + Messages.count(existing.summary().faces(), "face") + "?");
        ButtonType same = new ButtonType("Same person", ButtonBar.ButtonData.YES);
        ButtonType different = new ButtonType("Different person", ButtonBar.ButtonData.NO);
        d.getDialogPane().getButtonTypes().addAll(same, different, ButtonType.CANCEL);
        d.getDialogPane().setId("same-person-question");

        VBox these = side(images, cover, faces == 1 ? "This face" : "These " + faces + " faces");
        VBox theirs = side(images, existing.cover(), name + " · " + Messages.count(existing.summary().faces(), "face"));
        Label or = Views.styled("or", "muted");
        HBox both = new HBox(24, these, or, theirs);
        both.setAlignment(Pos.CENTER);

        TextField other = new TextField(people.distinctName(name));
        other.setId("different-name");
        other.setPrefColumnCount(16);
        Label otherLabel = new Label("If not, the new person is named:");
        otherLabel.setLabelFor(other);
        Label taken = Views.styled("", "muted");
        taken.textProperty().bind(Bindings.createStringBinding(() -> people.isNamed(other.getText())
                ? "Someone is named \"" + Messages.cleanName(other.getText()) + "\" already: choose a name of their own" : "",
                other.textProperty()));
        VBox content = new VBox(14, both, new VBox(4, otherLabel, other, taken));
        content.setPadding(new Insets(6, 4, 0, 4));
        d.getDialogPane().setContent(content);
        d.getDialogPane().setMinWidth(460);

        Button differentButton = (Button) d.getDialogPane().lookupButton(different);
        differentButton.disableProperty().bind(Bindings.createBooleanBinding(() -> Messages.cleanName(other.getText()) == null
                || people.isNamed(other.getText()), other.textProperty()));
        // Enter in the name field means "a different person, named so"; elsewhere it means the default, the same person.
        other.setOnAction(e -> {
            e.consume();
            if (!differentButton.isDisabled()) {
                differentButton.fire();
            }
        });
        Views.tip(differentButton, "Keep two people: the new one is named as typed below");
        d.setResultConverter(b -> b == same ? new Answer(name, null)
                : b == different ? new Answer(Messages.cleanName(other.getText()), name) : null);
        if (owner.getScene() != null) {
            d.initOwner(owner.getScene().getWindow());
        }
        return d.showAndWait();
    }

    /** One side of the question: a round crop and what it stands for. */
    private static VBox side(ImageCache images, FaceInfo face, String text) {
        ImageView view = new ImageView();
        view.setFitWidth(CROP);
        view.setFitHeight(CROP);
        view.setClip(new Circle(CROP / 2.0, CROP / 2.0, CROP / 2.0));
        if (face != null) {
            images.faceCrop(face, CROP, view::setImage, () -> true);
        }
        StackPane crop = new StackPane(new Circle(CROP / 2.0, javafx.scene.paint.Color.gray(0.85)), view);
        Label label = new Label(text);
        label.getStyleClass().add("name");
        VBox box = new VBox(6, crop, label);
        box.setAlignment(Pos.CENTER);
        return box;
    }
}
