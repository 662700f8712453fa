package kindred.ui.common;

import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;

/** Small pieces the views share: empty states, tooltips, name fields with autocomplete. */
public final class Views {

    /** The pseudo-class of a selected tile or sidebar entry. */
    public static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private Views() {
    }

    /** An empty state that teaches: a headline, what to do, and optionally a button that does it. */
    public static VBox emptyState(String headline, String explain, Button action) {
        Label h = new Label(headline);
        h.getStyleClass().add("headline");
        Label e = new Label(explain);
        e.getStyleClass().add("explain");
        e.setWrapText(true);
        e.setMaxWidth(520);
        VBox box = new VBox(h, e);
        if (action != null) {
            box.getChildren().add(action);
        }
        box.getStyleClass().add("empty-state");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /** {@code control} with a tooltip of {@code text}. */
    public static <T extends javafx.scene.control.Control> T tip(T control, String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(javafx.util.Duration.millis(400));
        control.setTooltip(t);
        return control;
    }

    /** A region that takes the free space of an HBox or VBox. */
    public static Region spacer() {
        Region r = new Region();
        javafx.scene.layout.HBox.setHgrow(r, Priority.ALWAYS);
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    /** A text field that completes the names of existing people. */
    public static TextField nameField(String prompt, javafx.collections.ObservableList<String> names) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        complete(f, names);
        return f;
    }

    /** Like {@link #nameField}, but the completion is set up on first focus: cheap for cells made by the dozen. */
    public static TextField lazyNameField(String prompt, javafx.collections.ObservableList<String> names) {
        TextField f = new TextField();
        f.setPromptText(prompt);
        f.focusedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean a, Boolean focused) {
                if (focused) {
                    o.removeListener(this);
                    complete(f, names);
                }
            }
        });
        return f;
    }

    private static void complete(TextField f, javafx.collections.ObservableList<String> names) {
        var binding = TextFields.bindAutoCompletion(f, req -> {
            String q = req.getUserText() == null ? "" : req.getUserText().strip().toLowerCase(java.util.Locale.ROOT);
            if (q.isEmpty()) {
                return List.of();
            }
            return List.copyOf(names).stream().filter(n -> n.toLowerCase(java.util.Locale.ROOT).contains(q)).limit(12).toList();
        });
        // Set again each time it shows: the theme may have changed since the field was made.
        var popup = binding.getAutoCompletionPopup();
        popup.setStyle(completionColours());
        popup.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWING, e -> popup.setStyle(completionColours()));
        keepWhatWasTyped(f, popup, popup.getSuggestions());
    }

    /**
     * Enter in a name field keeps what was typed ("Jen" stays "Jen" when "Jenny" exists) and applies it, unless a
     * completion was picked with the arrow keys: then Enter takes that completion and applies it. ControlsFX selects the
     * first completion whenever its list shows, and its Enter took it, and was not passed on to the field.
     */
    private static void keepWhatWasTyped(TextField f, javafx.scene.control.PopupControl popup,
                                         javafx.collections.ObservableList<String> suggestions) {
        boolean[] picked = {false};
        // Nothing looks picked until the arrows pick it (ControlsFX highlights the first completion each time its list
        // shows); a list that would show after the field lost the keys (a late answer to what was typed) does not.
        Runnable unpick = () -> javafx.application.Platform.runLater(() -> {
            if (popup.getSkin() != null && popup.getSkin().getNode() instanceof javafx.scene.control.ListView<?> list && !picked[0]) {
                list.getSelectionModel().clearSelection();
                list.getFocusModel().focus(-1);
            }
        });
        popup.showingProperty().addListener((o, a, showing) -> {
            picked[0] = false;
            if (showing && !f.isFocused()) {
                javafx.application.Platform.runLater(popup::hide);
            } else if (showing) {
                unpick.run();
            }
        });
        // ControlsFX answers each keystroke on its own thread and sets the list again even when the answer is the same
        // ("a" and then "an" both give [Ann]): a pick made with the arrows in between is kept unless the list changed
        // (a window test lost it: Down picked Ann, the second answer unpicked her, Enter took "an").
        List<String> shownList = new java.util.ArrayList<>();
        suggestions.addListener((javafx.collections.ListChangeListener<String>) c -> {
            if (shownList.equals(suggestions)) {
                return;
            }
            shownList.clear();
            shownList.addAll(suggestions);
            picked[0] = false;
            unpick.run();
        });
        f.focusedProperty().addListener((o, a, focused) -> {
            if (!focused) {
                popup.hide();
            }
        });
        popup.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case UP, DOWN, PAGE_UP, PAGE_DOWN -> picked[0] = true;
                case ENTER -> {
                    if (!picked[0]) {
                        e.consume();
                        popup.hide();
                        f.fireEvent(new javafx.event.ActionEvent());
                    } else if (popup.getSkin() != null && popup.getSkin().getNode() instanceof javafx.scene.control.ListView<?> list
                            && list.getSelectionModel().isEmpty()) {
                        e.consume(); // the arrows went nowhere (past the end): what was typed, as without them
                        popup.hide();
                        f.fireEvent(new javafx.event.ActionEvent());
                    } else {
                        // The popup's list puts the completion in the field; then the field's action applies it.
                        javafx.application.Platform.runLater(() -> f.fireEvent(new javafx.event.ActionEvent()));
                    }
                }
                default -> { }
            }
        });
    }

    /**
     * ControlsFX's completion popup brings a stylesheet written for Modena, which derives its colours from Modena's
     * {@code -fx-color}, {@code -fx-control-inner-background}, {@code -fx-accent} and selection bars. The theme here
     * (AtlantaFX Primer) defines none of them, so JavaFX logged a {@code ClassCastException} each time a popup
     * showed. A stylesheet cannot give them the theme's variables (the popup's first CSS pass runs before it has
     * them: tried), so they are set on the popup as values: Primer's border-default, bg-default, accent-subtle and
     * bg-subtle, light or dark as the window is.
     */
    private static String completionColours() {
        boolean dark = new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet()
                .equals(javafx.application.Application.getUserAgentStylesheet());
        return dark
                ? "-fx-color: #30363d; -fx-control-inner-background: #0d1117; -fx-accent: rgba(56, 139, 253, 0.15); "
                        + "-fx-selection-bar: rgba(56, 139, 253, 0.15); -fx-selection-bar-non-focused: #161b22;"
                : "-fx-color: #d0d7de; -fx-control-inner-background: #ffffff; -fx-accent: #ddf4ff; "
                        + "-fx-selection-bar: #ddf4ff; -fx-selection-bar-non-focused: #f6f8fa;";
    }

    /** A label of {@code text} with the style classes {@code classes}. */
    public static Label styled(String text, String... classes) {
        Label l = new Label(text);
        l.getStyleClass().addAll(classes);
        return l;
    }

    static Node withClass(Node n, String c) {
        n.getStyleClass().add(c);
        return n;
    }

    /**
     * Asks once before a destructive action: a dialog with the action's name on its button and Cancel as the
     * default (Enter does not destroy anything by accident). Returns true when the user chose the action.
     */
    public static boolean confirm(javafx.stage.Window owner, String header, String text, String action) {
        return confirm(owner, header, text, action, false);
    }

    /**
     * Like {@link #confirm(javafx.stage.Window, String, String, String)}, with the action as the default button (Enter)
     * when {@code actionIsDefault}: for what the user just asked for by a gesture (a card dropped on another to merge),
     * where the question only makes sure; Cancel stays one click or Esc away.
     */
    public static boolean confirm(javafx.stage.Window owner, String header, String text, String action, boolean actionIsDefault) {
        javafx.scene.control.ButtonType go = new javafx.scene.control.ButtonType(action, javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION, text, go,
                javafx.scene.control.ButtonType.CANCEL);
        a.setHeaderText(header);
        a.setTitle("Kindred");
        a.getDialogPane().setMinWidth(460);
        a.getDialogPane().lookupAll(".content.label").forEach(n -> ((Label) n).setWrapText(true));
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(go)).setDefaultButton(actionIsDefault);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(javafx.scene.control.ButtonType.CANCEL)).setDefaultButton(!actionIsDefault);
        if (owner != null) {
            a.initOwner(owner);
        }
        return a.showAndWait().filter(b -> b == go).isPresent();
    }

    /** A dialog's summary line: wraps, shows {@code text}. */
    public static Label summaryLine(String id, javafx.beans.value.ObservableValue<String> text) {
        Label summary = new Label();
        summary.setId(id);
        summary.setWrapText(true);
        summary.textProperty().bind(text);
        summary.getStyleClass().add("export-summary");
        return summary;
    }

    /** A dialog's error line: wraps, shown (and taking room) only while {@code text} says something. */
    public static Label errorLine(String id, javafx.beans.binding.StringExpression text) {
        Label error = styled("", "error-text");
        error.setId(id);
        error.setWrapText(true);
        error.textProperty().bind(text);
        error.visibleProperty().bind(text.isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        return error;
    }

    /** A full-width progress bar of {@code progress}, shown (and taking room) only while {@code running}. */
    public static javafx.scene.control.ProgressBar progressWhile(javafx.beans.value.ObservableValue<? extends Number> progress,
                                                                 javafx.beans.value.ObservableValue<Boolean> running) {
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar();
        bar.progressProperty().bind(progress);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(running);
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }
}
