package kindred.ui.search;

import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import kindred.ui.common.ImageCache;
import kindred.ui.common.Navigation;
import kindred.ui.common.PhotoGridView;
import kindred.ui.common.Views;
import org.controlsfx.control.SegmentedButton;

/** Search by people: chips for the chosen people, all of them or any of them, the photos. */
public final class SearchView extends BorderPane {

    private final TextField who;

    /** The page of {@code vm}; the person field completes from {@code names}, the grid's tiles are {@code tileSize} wide. */
    public SearchView(SearchViewModel vm, ObservableList<String> names, ImageCache images, DoubleProperty tileSize, Navigation main) {
        who = Views.nameField("Add a person…", names);
        who.setPrefColumnCount(18);
        who.setOnAction(e -> {
            vm.add(who.getText());
            who.clear();
        });
        Views.tip(who, "Type a name and press Enter; add as many people as you like");
        ToggleButton all = new ToggleButton("All of them");
        ToggleButton any = new ToggleButton("Any of them");
        Views.tip(all, "Photos that show every chosen person together");
        Views.tip(any, "Photos that show at least one of the chosen people");
        SegmentedButton mode = new SegmentedButton(all, any);
        all.setSelected(!vm.anyProperty().get());
        any.setSelected(vm.anyProperty().get());
        any.selectedProperty().addListener((o, a, b) -> vm.anyProperty().set(b));
        all.selectedProperty().addListener((o, a, b) -> {
            if (!b && !any.isSelected()) {
                all.setSelected(true);
            }
        });
        FlowPane chips = new FlowPane(6, 6);
        vm.chosen().addListener((ListChangeListener<String>) c -> {
            chips.getChildren().setAll(vm.chosen().stream().map(n -> {
                Button chip = new Button(n + "  ✕");
                chip.getStyleClass().add("chip");
                Views.tip(chip, "Remove " + n + " from the search");
                chip.setOnAction(e -> vm.remove(n));
                return chip;
            }).toList());
        });
        Label summary = Views.styled("", "page-subtitle");
        summary.textProperty().bind(vm.summaryProperty());
        HBox row = new HBox(10, who, mode, chips);
        // The chips wrap and take what is left; the field and the All/Any buttons keep their words (1024×768).
        mode.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        who.setMinWidth(160);
        chips.setMinWidth(0);
        chips.setPrefWrapLength(200);
        HBox.setHgrow(chips, javafx.scene.layout.Priority.ALWAYS);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(8, row, summary);
        top.setPadding(new Insets(12, 16, 8, 16));
        setTop(top);
        PhotoGridView grid = new PhotoGridView(vm.results(), images, tileSize, main::openPhoto);
        VBox empty = Views.emptyState("Find photos of people", "Type a name above. Add several people to find the photos "
                + "where they are together (All) or any of them (Any).", null);
        empty.visibleProperty().bind(Bindings.isEmpty(vm.results()));
        grid.visibleProperty().bind(empty.visibleProperty().not());
        setCenter(new StackPane(grid, empty));
    }

    /** Gives the keyboard focus to the person field. */
    public void focusField() {
        who.requestFocus();
    }
}
