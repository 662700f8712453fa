package kindred.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * The years of a date-grouped {@link TileGrid}, newest at the top, in a narrow column beside it: a click on a year,
 * or a drag along the column, scrolls the grid to that year's first month. The year in view is highlighted. Years
 * are evenly spaced (not by how many photos each has), so every year can be hit; when there are more years than fit,
 * every k-th is labelled and the others are still reached by dragging.
 */
public final class DateScrubber extends Region {

    /** Height of one year's slot at most, in pixels (a 12 px label and its spacing). */
    static final double SLOT = 22;
    /** Smallest height a year's label needs before labels are thinned out, in pixels (one 11 px line). */
    static final double MIN_LABEL_SPACING = 15;
    static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");

    private final TileGrid<?, ?> grid;
    private final List<GridSection> years = new ArrayList<>();
    private final List<Text> labels = new ArrayList<>();
    private Text current;

    public DateScrubber(TileGrid<?, ?> grid) {
        this.grid = grid;
        getStyleClass().add("date-scrubber");
        setMinWidth(52);
        setPrefWidth(52);
        Tooltip.install(this, new Tooltip("Jump to a year: click it, or drag along the years"));
        grid.sectionsProperty().addListener((o, a, b) -> rebuild(b));
        grid.scrollProperty().addListener((o, a, b) -> highlight());
        grid.layoutChangesProperty().addListener((o, a, b) -> highlight());
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::jump);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::jump);
        rebuild(grid.sectionsProperty().get());
    }

    /** The years shown, newest first (for tests). */
    public List<String> years() {
        return years.stream().map(GridSection::year).toList();
    }

    /** Scrolls the grid to {@code year}'s first month; false when the grid has no such year. */
    public boolean jumpTo(String year) {
        for (GridSection s : years) {
            if (s.year().equals(year)) {
                grid.scrollToSection(s);
                return true;
            }
        }
        return false;
    }

    private void rebuild(List<GridSection> sections) {
        List<GridSection> now = new ArrayList<>();
        for (GridSection s : sections) {
            if (s.major() && !s.year().isEmpty()) {
                now.add(s);
            }
        }
        boolean same = now.size() == years.size();
        for (int i = 0; same && i < now.size(); i++) {
            same = now.get(i).year().equals(years.get(i).year());
        }
        years.clear();
        years.addAll(now);
        if (!same) {
            getChildren().clear();
            labels.clear();
            current = null;
            for (GridSection s : now) {
                Text t = new Text(s.year());
                t.getStyleClass().add("scrubber-year");
                t.setTextOrigin(javafx.geometry.VPos.CENTER);
                labels.add(t);
                getChildren().add(t);
            }
        }
        setVisible(years.size() > 1);
        setManaged(years.size() > 1); // no empty column beside a grid of one year
        requestLayout();
        highlight();
    }

    private double slot() {
        return years.isEmpty() ? SLOT : Math.min(SLOT, (getHeight() - 16) / years.size());
    }

    private void jump(MouseEvent e) {
        if (years.isEmpty()) {
            return;
        }
        int i = (int) Math.floor((e.getY() - 8) / slot());
        grid.scrollToSection(years.get(Math.max(0, Math.min(years.size() - 1, i))));
        e.consume();
    }

    private void highlight() {
        GridSection inView = grid.sectionInView();
        String year = inView == null ? "" : inView.year();
        Text now = null;
        for (int i = 0; i < years.size(); i++) {
            if (years.get(i).year().equals(year)) {
                now = labels.get(i);
            }
        }
        if (now != current) {
            if (current != null) {
                current.pseudoClassStateChanged(CURRENT, false);
            }
            if (now != null) {
                now.pseudoClassStateChanged(CURRENT, true);
                now.setVisible(true);
            }
            current = now;
            requestLayout();
        }
    }

    @Override
    protected void layoutChildren() {
        double slot = slot();
        int every = (int) Math.ceil(MIN_LABEL_SPACING / Math.max(1, slot));
        for (int i = 0; i < labels.size(); i++) {
            Text t = labels.get(i);
            t.setVisible(i % every == 0 || t == current);
            double w = t.getLayoutBounds().getWidth();
            t.setLayoutX(Math.round((getWidth() - w) / 2));
            t.setLayoutY(Math.round(8 + (i + 0.5) * slot));
        }
    }

    @Override
    protected double computePrefHeight(double width) {
        return 16 + years.size() * SLOT;
    }
}
