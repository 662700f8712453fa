package kindred.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import kindred.library.FailedPhoto;
import org.controlsfx.control.PopOver;

/**
 * The indexing status at the bottom of the sidebar (a thin progress bar, photos left, rate); a click opens
 * the task panel with pause, resume, cancel and the files that could not be read, with why.
 */
final class IndexingStatusView extends VBox {

    private final IndexingViewModel vm;
    private PopOver panel;

    IndexingStatusView(IndexingViewModel vm) {
        this.vm = vm;
        getStyleClass().add("indexing-status");
        Label status = Views.styled("", "status");
        status.textProperty().bind(vm.statusProperty());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label detail = Views.styled("", "detail");
        detail.textProperty().bind(vm.detailProperty());
        detail.setWrapText(true);
        Label failed = Views.styled("", "detail");
        failed.textProperty().bind(Bindings.createStringBinding(() -> vm.failures().isEmpty() ? ""
                : Messages.count(vm.failures().size(), "photo") + " could not be read: click for details", vm.failures()));
        failed.visibleProperty().bind(Bindings.isNotEmpty(vm.failures()));
        failed.managedProperty().bind(failed.visibleProperty());
        getChildren().addAll(status, bar, detail, failed);
        javafx.scene.control.Tooltip.install(this, new javafx.scene.control.Tooltip("Click for pause, cancel and the files that could not be read"));
        setOnMouseClicked(e -> showPanel());
        setId("indexing-status");
    }

    void showPanel() {
        if (panel != null && panel.isShowing()) {
            panel.hide();
            return;
        }
        vm.loadFailures();
        panel = new PopOver(panelContent());
        panel.setArrowLocation(PopOver.ArrowLocation.LEFT_BOTTOM);
        panel.setTitle("Indexing");
        panel.setHeaderAlwaysVisible(true);
        panel.setDetachable(false);
        panel.show(this);
    }

    private VBox panelContent() {
        Label status = Views.styled("", "status");
        status.textProperty().bind(vm.statusProperty());
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(420);
        Label detail = new Label();
        detail.textProperty().bind(vm.detailProperty());
        detail.setWrapText(true);
        Button pause = new Button("Pause");
        pause.textProperty().bind(Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> {
            if (vm.pausedProperty().get()) {
                vm.resume();
            } else {
                vm.pause();
            }
        });
        Button cancel = Views.tip(new Button("Cancel"), "Stops after the photos in progress; the rest continues next time");
        cancel.setOnAction(e -> vm.cancel());
        pause.disableProperty().bind(vm.busyProperty().not());
        cancel.disableProperty().bind(vm.busyProperty().not());
        ListView<FailedPhoto> failures = new ListView<>(vm.failures());
        failures.setPrefSize(420, 180);
        failures.setPlaceholder(new Label("Every photo could be read."));
        failures.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(FailedPhoto f, boolean empty) {
                super.updateItem(f, empty);
                if (empty || f == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    String name = f.path().substring(Math.max(f.path().lastIndexOf('/'), f.path().lastIndexOf('\\')) + 1);
                    setText(name + " — " + f.message());
                    setTooltip(new javafx.scene.control.Tooltip(f.path() + "\n" + f.message()));
                }
            }
        });
        VBox box = new VBox(8, status, bar, detail, new HBox(8, pause, cancel), new Label("Files that could not be read"), failures);
        box.getStyleClass().add("task-panel");
        box.setPadding(new Insets(12));
        return box;
    }
}
