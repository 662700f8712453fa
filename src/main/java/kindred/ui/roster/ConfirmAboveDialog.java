package kindred.ui.roster;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import kindred.ui.common.Views;

/**
 * Review's "Confirm all above…": how sure a suggestion must be ("at most a 1 in 10,000 chance of being someone
 * else"), how many that takes, and Confirm. Binds {@link ConfirmAboveViewModel}.
 */
public final class ConfirmAboveDialog extends Stage {

    public ConfirmAboveDialog(Window owner, ConfirmAboveViewModel vm) {
        setTitle("Confirm all above");
        if (owner != null) {
            initOwner(owner);
            initModality(Modality.WINDOW_MODAL);
        }
        Label header = Views.styled("Confirm every suggestion " + (vm.person() == null ? "" : "of " + vm.person() + " ")
                + "at least this sure", "dialog-title");
        header.setWrapText(true);
        Label explain = Views.styled("The chance that a suggestion is someone else, as measured on public face photos "
                + "(the badge on each face). One decision: Ctrl+Z undoes it.", "muted");
        explain.setWrapText(true);
        ToggleGroup group = new ToggleGroup();
        VBox choices = new VBox(6);
        for (long n : ConfirmAboveViewModel.CHOICES) {
            RadioButton r = new RadioButton(String.format("At most 1 in %,d", n) + (n == ConfirmAboveViewModel.RECOMMENDED
                    ? " (recommended)" : ""));
            r.setId("confirm-above-" + n);
            r.setToggleGroup(group);
            r.setSelected(vm.oneInProperty().get() == n);
            r.selectedProperty().addListener((o, a, b) -> {
                if (b) {
                    vm.oneInProperty().set(n);
                }
            });
            choices.getChildren().add(r);
        }
        choices.disableProperty().bind(vm.runningProperty().or(vm.doneProperty()));
        Label summary = new Label();
        summary.setId("confirm-above-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        Button confirm = new Button("Confirm");
        confirm.setId("confirm-above-run");
        confirm.getStyleClass().add("success");
        confirm.setDefaultButton(true);
        confirm.disableProperty().bind(vm.runningProperty().or(vm.doneProperty()).or(vm.countProperty().lessThan(1)));
        confirm.setOnAction(e -> vm.confirm());
        Button close = new Button("Close");
        close.setCancelButton(true);
        close.setOnAction(e -> hide());
        close.textProperty().bind(Bindings.when(vm.doneProperty()).then("Done").otherwise("Close"));
        HBox buttons = new HBox(8, Views.spacer(), close, confirm);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox box = new VBox(12, header, explain, choices, summary, buttons);
        box.getStyleClass().add("export-dialog");
        box.setPadding(new Insets(18, 20, 16, 20));
        Scene scene = new Scene(box, 480, 300);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        scene.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !vm.runningProperty().get()) {
                hide();
            }
        });
        setScene(scene);
        setOnShown(e -> vm.count());
    }
}
