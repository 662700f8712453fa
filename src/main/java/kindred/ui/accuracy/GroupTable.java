package kindred.ui.accuracy;

import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import kindred.library.eval.GroupRates;
import kindred.ui.common.Views;

/**
 * The public benchmark by group (women, men, a woman and a man) as a grid of wrapping labels rather than a
 * {@code TableView}: six columns of numbers with two-word titles do not fit a 1024×768 window at one line each, and a
 * table cuts what does not fit ("Missed" and "Found at FAR 0.1 %" were cut off at 1024×768). Here a cell that does not
 * fit its share of the width wraps onto a second line, so nothing is ever cut; three rows need no scrolling, sorting
 * or selection.
 */
final class GroupTable extends GridPane {

    /** A column: its title, what the title means (a tooltip), its share of the width (%) and its text for a row. */
    private record Column(String title, String tip, double percent, Function<GroupRates, String> value) {
    }

    /**
     * The shares (%) add up to 100; each is about its column's longest cell over the sum of the longest cells, so that
     * at 1280×800 every cell is on one line and at 1024×768 only the longest ones wrap (the screenshots).
     */
    private static final List<Column> COLUMNS = List.of(
            new Column("Group", "Pairs whose two photos are both of women, both of men, or one of each", 17,
                    AuditViewModel::groupName),
            new Column("Pairs (same + different)", "Pairs of two photos: of the same person + of two different people", 20,
                    AuditViewModel::pairsText),
            new Column("Right", "Share of pairs judged right at the suggestion threshold", 9,
                    g -> AuditViewModel.share(g.accuracy())),
            new Column("Wrongly suggested", "False matches: pairs of two different people scored high enough to be "
                    + "suggested as one", 16, g -> AuditViewModel.countOf(g.falseMatches(), g.differentPairs())),
            new Column("Missed", "False non-matches: pairs of one person not scored high enough to be suggested", 19,
                    g -> AuditViewModel.countOf(g.falseNonMatches(), g.samePairs())),
            new Column("Found at FAR 0.1 %", "TAR at FAR 0.1 %: share of same-person pairs found at the threshold that lets "
                    + "1 pair of different people in 1,000 through", 19, AuditViewModel::tarText));

    private final Label placeholder = new Label("Not measured for this model pack.");

    GroupTable(ObservableList<GroupRates> rows) {
        getStyleClass().add("grid-table");
        setId("audit-groups");
        setMaxWidth(1100);
        setMinWidth(0);
        for (Column c : COLUMNS) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(c.percent());
            cc.setHgrow(Priority.ALWAYS);
            cc.setFillWidth(true);
            getColumnConstraints().add(cc);
        }
        placeholder.getStyleClass().add("muted");
        rows.addListener((ListChangeListener<GroupRates>) ch -> fill(rows));
        fill(rows);
    }

    private void fill(List<GroupRates> rows) {
        getChildren().clear();
        for (int i = 0; i < COLUMNS.size(); i++) {
            Label title = cell(COLUMNS.get(i).title(), "grid-table-header");
            Views.tip(title, COLUMNS.get(i).tip());
            add(title, i, 0);
        }
        if (rows.isEmpty()) {
            add(placeholder, 0, 1, COLUMNS.size(), 1);
            return;
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                Label cell = cell(COLUMNS.get(i).value().apply(rows.get(r)), "grid-table-cell");
                cell.getStyleClass().add(i == 0 ? "first" : "value");
                add(cell, i, r + 1);
            }
        }
    }

    private static Label cell(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setMaxHeight(Double.MAX_VALUE);
        l.setMinHeight(Region.USE_PREF_SIZE);
        GridPane.setValignment(l, VPos.CENTER);
        GridPane.setFillHeight(l, true);
        GridPane.setFillWidth(l, true);
        return l;
    }
}
