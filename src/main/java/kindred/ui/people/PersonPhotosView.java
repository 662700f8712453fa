package kindred.ui.people;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import kindred.library.PhotoDate;
import kindred.ui.common.DateScrubber;
import kindred.ui.common.ImageCache;
import kindred.ui.common.Navigation;
import kindred.ui.common.PhotoGridView;
import kindred.ui.common.PhotoItem;
import kindred.ui.common.Views;
import kindred.ui.people.PersonPhotosViewModel.YearCount;
import kindred.ui.people.PersonPhotosViewModel.Years;

/**
 * A person page's Photos view: "through the years" (the first and the latest photo, a bar of photos per year that
 * jumps to the year), then the photos newest first under month headers, with a year scrubber. A double click or
 * Enter opens a photo in the viewer with the person's face marked.
 */
public final class PersonPhotosView extends BorderPane {

    /** Tile side of the person's photos, in pixels: five columns beside the inspector at 1280×800. */
    static final double TILE = 160;
    /** Side of the first and latest photos' thumbnails, in pixels. */
    static final int THUMB = 64;

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private final PersonPhotosViewModel vm;
    private final ImageCache images;
    private final Navigation main;
    private final PhotoGridView grid;
    private final DateScrubber scrubber;
    private final YearChart chart = new YearChart();
    private final HBox band;

    public PersonPhotosView(PersonPhotosViewModel vm, ImageCache images, Navigation main) {
        this.vm = vm;
        this.images = images;
        this.main = main;
        getStyleClass().add("person-photos");
        grid = new PhotoGridView(vm.photos(), images, new SimpleDoubleProperty(TILE),
                (list, i) -> main.openPhotosOf(vm.person(), list, i));
        grid.setId("person-photos-grid");
        grid.sectionsProperty().bind(vm.sectionsProperty());
        grid.visibleProperty().bind(visibleProperty()); // hidden while the person page shows faces: no tiles, no images
        scrubber = new DateScrubber(grid);

        Label title = Views.styled("Through the years", "years-title");
        Label explain = Views.styled("Photos per year: click a year to go to it", "muted");
        VBox first = new VBox(2);
        VBox latest = new VBox(2);
        band = new HBox(14, first, chart, latest);
        band.setAlignment(Pos.BOTTOM_LEFT);
        VBox top = new VBox(4, new HBox(10, title, explain), band);
        ((HBox) top.getChildren().get(0)).setAlignment(Pos.BASELINE_LEFT);
        top.getStyleClass().add("through-the-years");
        top.setPadding(new Insets(4, 16, 8, 16));
        top.visibleProperty().bind(Bindings.isNotEmpty(vm.photos()));
        top.managedProperty().bind(top.visibleProperty());
        setTop(top);
        vm.yearsProperty().addListener((o, a, y) -> {
            fill(first, "First photo", y.first());
            fill(latest, "Latest", y.latest());
            chart.show(y);
        });

        VBox empty = Views.emptyState("No photos yet", "", null);
        ((Label) empty.getChildren().get(1)).setText("Their photos appear here once faces are confirmed as them: switch to Faces to review the suggestions.");
        empty.visibleProperty().bind(Bindings.isEmpty(vm.photos()).and(vm.loadingProperty().not()));
        HBox gridAndYears = new HBox(grid, scrubber);
        HBox.setHgrow(grid, Priority.ALWAYS);
        gridAndYears.visibleProperty().bind(empty.visibleProperty().not());
        setCenter(new StackPane(gridAndYears, empty));
    }

    /** The photo grid (focus, tests). */
    public PhotoGridView grid() {
        return grid;
    }

    /** The year scrubber beside the grid (tests). */
    public DateScrubber scrubber() {
        return scrubber;
    }

    private void fill(VBox box, String what, PhotoItem p) {
        box.getChildren().clear();
        if (p == null) {
            return;
        }
        ImageView thumb = new ImageView();
        thumb.setFitWidth(THUMB);
        thumb.setFitHeight(THUMB);
        thumb.setPreserveRatio(true);
        StackPane frame = new StackPane(thumb);
        frame.setMinSize(THUMB, THUMB);
        frame.setPrefSize(THUMB, THUMB);
        frame.getStyleClass().add("years-thumb");
        frame.setCursor(javafx.scene.Cursor.HAND);
        images.thumbnail(p.path(), THUMB * 2, thumb::setImage, () -> box.getScene() != null);
        int index = vm.photos().indexOf(p);
        frame.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && index >= 0) {
                main.openPhotosOf(vm.person(), vm.photos(), index);
            }
        });
        PhotoDate d = p.date();
        Label when = Views.styled(d.known() ? d.time().format(MONTH) : "", "years-when");
        Label label = Views.styled(what, "muted");
        Tooltip.install(frame, new Tooltip(what + ": " + p.fileName() + "\n" + p.dateText() + "\nClick to open it"));
        box.getChildren().addAll(frame, label, when);
    }

    /**
     * Photos per year as bars, from the first year to the last (empty years stay as gaps: they are part of the story);
     * a click on a bar scrolls the grid to that year.
     */
    final class YearChart extends Region {
        /** Tallest bar, in pixels; a year with one photo still gets 3 px, so it is seen. */
        static final double BARS = 44;
        static final double MIN_BAR = 3;
        /** One year's width at most, in pixels (a 28 px bar and a 2 px gap), so that a few years do not become a wall. */
        static final double PITCH = 30;
        private final List<Region> bars = new ArrayList<>();
        private final List<YearCount> counts = new ArrayList<>();
        private final Text from = new Text();
        private final Text to = new Text();
        private final Tooltip tip = new Tooltip("Photos per year");
        private int max;

        YearChart() {
            getStyleClass().add("year-chart");
            Tooltip.install(this, tip);
            from.getStyleClass().add("year-chart-label");
            to.getStyleClass().add("year-chart-label");
            setMinHeight(BARS + 18);
            setPrefHeight(BARS + 18);
            setMinWidth(80);
        }

        void show(Years y) {
            getChildren().clear();
            bars.clear();
            counts.clear();
            counts.addAll(y.perYear());
            max = counts.stream().mapToInt(YearCount::photos).max().orElse(0);
            for (YearCount c : counts) {
                Region bar = new Region();
                bar.getStyleClass().add(c.photos() == 0 ? "year-bar-empty" : "year-bar");
                // One tooltip for the chart, its text set for the bar under the mouse (a tooltip per bar is a popup
                // window each, made again at each person page).
                bar.setOnMouseEntered(e -> tip.setText(c.year() + ": " + (c.photos() == 1 ? "1 photo" : c.photos() + " photos")
                        + (c.photos() > 0 ? "\nClick to see them" : "")));
                if (c.photos() > 0) {
                    bar.setCursor(javafx.scene.Cursor.HAND);
                    bar.setOnMouseClicked(e -> {
                        vm.shownProperty().set(true);
                        scrubber.jumpTo(String.valueOf(c.year()));
                    });
                }
                bars.add(bar);
                getChildren().add(bar);
            }
            from.setText(counts.isEmpty() ? "" : String.valueOf(counts.get(0).year()));
            to.setText(counts.size() < 2 ? "" : String.valueOf(counts.get(counts.size() - 1).year()));
            getChildren().addAll(from, to);
            requestLayout();
        }

        @Override
        protected double computePrefWidth(double height) {
            return Math.max(80, bars.size() * PITCH);
        }

        /** The bars (tests). */
        List<Region> bars() {
            return bars;
        }

        @Override
        protected void layoutChildren() {
            double w = getWidth();
            int n = bars.size();
            if (n == 0) {
                return;
            }
            double pitch = Math.min(PITCH, w / n);
            double bw = Math.max(1, pitch - 2);
            for (int i = 0; i < n; i++) {
                int photos = counts.get(i).photos();
                double h = photos == 0 ? 1 : Math.max(MIN_BAR, BARS * photos / Math.max(1, max));
                bars.get(i).resizeRelocate(Math.round(i * pitch), BARS - h, bw, h);
            }
            from.relocate(0, BARS + 3);
            double right = (n - 1) * pitch + bw;
            to.relocate(Math.max(from.getLayoutBounds().getWidth() + 8, right - to.getLayoutBounds().getWidth()), BARS + 3);
        }
    }
}
