package kindred.ui.indexing;

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
import kindred.ui.common.Messages;
import kindred.ui.common.Views;

/**
 * The indexing status at the bottom of the sidebar (a thin progress bar, photos left, rate); a click opens
 * the task panel with pause, resume, cancel and the files that could not be read, with why.
 */
public final class IndexingStatusView extends VBox {

    private final IndexingViewModel vm;
    private final VBox panel;

    /** The status of {@code vm}'s indexing: what runs, its progress, pause and cancel. */
    public IndexingStatusView(IndexingViewModel vm) {
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
        Label watching = Views.styled("", "detail");
        watching.setId("indexing-watching");
        watching.textProperty().bind(vm.watchingProperty());
        watching.visibleProperty().bind(vm.watchingProperty().isNotEmpty());
        watching.managedProperty().bind(watching.visibleProperty());
        Label library = Views.styled("", "library");
        library.setId("library-summary");
        library.textProperty().bind(vm.libraryProperty());
        library.visibleProperty().bind(vm.libraryProperty().isNotEmpty());
        library.managedProperty().bind(library.visibleProperty());
        status.setId("job-status");
        getChildren().addAll(library, status, bar, detail, watching, failed);
        javafx.scene.control.Tooltip.install(this, new javafx.scene.control.Tooltip("Click for pause, cancel and the files that could not be read"));
        setOnMouseClicked(e -> showPanel());
        setId("indexing-status");
        panel = panelContent();
        panel.setVisible(false);
        panel.managedProperty().bind(panel.visibleProperty());
    }

    /** Opens or closes the task panel (shown by the main window over the page, next to the status). */
    void showPanel() {
        if (!panel.isVisible()) {
            vm.loadFailures();
        }
        panel.setVisible(!panel.isVisible());
    }

    /** The task panel: built once, placed by the main window. */
    public VBox panel() {
        return panel;
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
        Button close = Views.tip(new Button("✕"), "Close (Esc)");
        close.getStyleClass().addAll("flat");
        Label title = Views.styled("Indexing", "section");
        HBox head = new HBox(8, title, Views.spacer(), close);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label warn = Views.styled("", "muted");
        warn.textProperty().bind(Bindings.createStringBinding(() -> vm.warnings().isEmpty() ? ""
                : "Some folders could not be read completely:\n" + String.join("\n", vm.warnings().subList(0, Math.min(3, vm.warnings().size()))),
                vm.warnings()));
        warn.setWrapText(true);
        warn.managedProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        VBox box = new VBox(8, head, status, bar, detail, new HBox(8, pause, cancel), warn, new Label("Files that could not be read"), failures);
        close.setOnAction(e -> box.setVisible(false));
        box.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                box.setVisible(false);
            }
        });
        box.getStyleClass().add("task-panel");
        box.setPadding(new Insets(12));
        box.setMaxSize(460, 420);
        box.setId("task-panel");
        return box;
    }
}
