package kindred.ui.accuracy;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import kindred.library.audit.AuditReport.PersonAudit;
import kindred.library.audit.GroupBenchmark;
import kindred.ui.common.Navigation;
import kindred.ui.common.Views;

/**
 * The Accuracy page: overall suggestion precision, a table per person with a look-alike warning, faces confirmed for
 * two people (click to see the photo), the model pack's public-benchmark accuracy, and all of it in plain words.
 */
public final class AuditView extends StackPane {

    /** Table rows are this tall (px), so the table can be as high as its rows and the page scrolls as one. */
    private static final double ROW = 30;

    /**
     * The column header's height (px) in the Primer themes until the header is laid out, measured on the 1280×800
     * screenshot: 40, plus borders. Then the header's own height is used: two lines when a narrow window wraps a title.
     */
    private static final double HEADER = 44;

    /** The table shows at most this many rows before it scrolls by itself. */
    private static final int MAX_ROWS = 14;

    /** The page of {@code vm}; its "Review" button asks {@code window} for Review. */
    public AuditView(AuditViewModel vm, Navigation window) {
        getStyleClass().add("audit");

        Label headline = Views.styled("", "audit-headline");
        headline.setId("audit-headline");
        headline.textProperty().bind(vm.headlineProperty());
        Label detail = Views.styled("", "muted");
        detail.setId("audit-detail");
        detail.setWrapText(true);
        detail.textProperty().bind(vm.detailProperty());
        Label how = Views.styled("Counted from your own decisions: a suggestion you confirmed was right, one you said was "
                + "\"not this person\" or named someone else was wrong. Undone decisions and suggestions still waiting are "
                + "not counted.", "muted");
        how.setWrapText(true);

        TableView<PersonAudit> table = new TableView<>(vm.people());
        table.setId("audit-people");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setFixedCellSize(ROW);
        table.setPlaceholder(new Label("Nobody is named yet."));
        table.getColumns().add(column("Person", PersonAudit::name, 170));
        table.getColumns().get(0).setMinWidth(MIN_COLUMN);
        table.getColumns().add(tipped(column("Confirmed faces", p -> String.valueOf(p.confirmedFaces()), 120),
                "Faces you confirmed as this person, by naming them or by saying yes to a suggestion"));
        table.getColumns().add(tipped(column("Accepted", p -> String.valueOf(p.suggestionsAccepted()), 90),
                "Suggestions you said yes to"));
        table.getColumns().add(tipped(column("Rejected", p -> String.valueOf(p.suggestionsRejected()), 90),
                "Suggestions you said were not this person, or named as someone else"));
        table.getColumns().add(tipped(column("Right", p -> AuditViewModel.right(p.suggestionsAccepted(), p.suggestionsRejected()), 80),
                "Suggestions that were right; a percentage from " + AuditViewModel.MIN_DECISIONS_FOR_PERCENT + " decisions on", 70));
        TableColumn<PersonAudit, String> note = column("Note", AuditView::note, 320);
        note.setMinWidth(MIN_COLUMN);
        note.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty ? null : s);
                pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("warning"), !empty && s != null && s.startsWith("Often wrong"));
            }
        });
        table.getColumns().add(note);
        fitRows(table, vm.people(), MAX_ROWS);
        minWidthsFromContent(table, 1); // the Note takes what is left, and ends in "…" when it must
        table.setMaxWidth(1100);
        table.setMinWidth(0);

        VBox twice = new VBox(4);
        twice.setId("audit-twice");
        Label twiceIntro = Views.styled("Each of these faces was confirmed as one person and later as another. Click one to "
                + "look at the photo again.", "muted");
        twiceIntro.setWrapText(true);
        Label twiceTitle = Views.styled("Faces confirmed for two different people", "section");
        Runnable fillTwice = () -> {
            twice.getChildren().clear();
            for (AuditViewModel.TwiceRow r : vm.twice()) {
                Hyperlink link = new Hyperlink(r.fileName() + "  ·  " + r.peopleText());
                link.setOnAction(e -> vm.open(r));
                twice.getChildren().add(link);
            }
        };
        vm.twice().addListener((ListChangeListener<AuditViewModel.TwiceRow>) c -> fillTwice.run());
        fillTwice.run();
        for (javafx.scene.Node n : new javafx.scene.Node[] {twiceTitle, twiceIntro, twice}) {
            n.visibleProperty().bind(Bindings.isNotEmpty(vm.twice()));
            n.managedProperty().bind(n.visibleProperty());
        }

        Label bench = Views.styled("", "benchmark");
        bench.setId("audit-benchmark");
        bench.setWrapText(true);
        bench.textProperty().bind(vm.benchmarkProperty());

        VBox byGroup = groupSection(vm);

        VBox words = new VBox(6);
        words.setId("audit-words");
        Runnable fillWords = () -> {
            words.getChildren().clear();
            for (String w : vm.plainWords()) {
                Label l = new Label(w);
                l.setWrapText(true);
                words.getChildren().add(l);
            }
        };
        vm.plainWords().addListener((ListChangeListener<String>) c -> fillWords.run());
        fillWords.run();

        VBox page = new VBox(10, headline, detail, how,
                Views.styled("Per person", "section"), table,
                twiceTitle, twiceIntro, twice,
                Views.styled("On a public benchmark", "section"), bench, byGroup,
                Views.styled("In plain words", "section"), words);
        page.getStyleClass().add("settings");
        page.setPadding(new Insets(16, 24, 24, 24));
        page.setAlignment(Pos.TOP_LEFT);
        page.setMaxWidth(1100);
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.visibleProperty().bind(vm.emptyProperty().not());

        Button review = new Button("Go to Review");
        review.setOnAction(e -> window.openReview());
        VBox empty = Views.emptyState("Nothing to measure yet",
                "Kindred measures how often its suggestions are right from your own decisions. Name a few people, then "
                        + "confirm (Y) or reject (N) the faces Kindred suggests for them on the Review page; this page then "
                        + "shows how often it was right, for each person.", review);
        Label emptyBench = Views.styled("", "muted");
        emptyBench.setWrapText(true);
        emptyBench.setMaxWidth(520);
        emptyBench.textProperty().bind(Bindings.concat("Until then, on a public benchmark: ", vm.benchmarkProperty()));
        VBox emptyByGroup = groupSection(vm);
        emptyByGroup.setMaxWidth(900);
        empty.getChildren().addAll(emptyBench, emptyByGroup);
        empty.setId("audit-empty");
        empty.visibleProperty().bind(vm.emptyProperty());
        ScrollPane emptyScroll = new ScrollPane(empty);
        emptyScroll.setFitToWidth(true);
        emptyScroll.setFitToHeight(true);
        emptyScroll.visibleProperty().bind(vm.emptyProperty());
        getChildren().addAll(scroll, emptyScroll);
    }

    /**
     * The public benchmark by group: what it was measured on, the table (women, men, a woman and a man), the table in plain
     * words and what has not been measured. Built once for the page and once for its empty state.
     */
    private static VBox groupSection(AuditViewModel vm) {
        Label caption = Views.styled("", "muted");
        caption.setId("audit-groups-caption");
        caption.setWrapText(true);
        caption.textProperty().bind(vm.groupCaptionProperty());

        GroupTable table = new GroupTable(vm.groupRows());

        VBox words = new VBox(6);
        words.setId("audit-groups-words");
        Runnable fill = () -> {
            words.getChildren().clear();
            for (String w : vm.groupWords()) {
                Label l = new Label(w);
                l.setWrapText(true);
                if (w.equals(GroupBenchmark.NOT_MEASURED)) {
                    l.setId("audit-groups-not-measured");
                    l.getStyleClass().add("benchmark");
                }
                words.getChildren().add(l);
            }
        };
        vm.groupWords().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();

        VBox box = new VBox(8, Views.styled("Women and men", "section"), caption, table, words);
        box.setAlignment(Pos.TOP_LEFT);
        return box;
    }

    /**
     * Gives each column but the last {@code flexible} a minimum width of its longest header word (bold) and its longest
     * cell, measured in the window's font, so that neither is cut ("Confirme d", "10 of 363 (2.8…") in a narrow window;
     * the flexible ones take the rest.
     */
    private static <S> void minWidthsFromContent(TableView<S> table, int flexible) {
        Runnable fit = () -> {
            List<TableColumn<S, ?>> columns = table.getColumns();
            for (int i = 0; i < columns.size() - flexible; i++) {
                TableColumn<S, ?> c = columns.get(i);
                String title = c.getText() != null ? c.getText() : c.getGraphic() instanceof Label l ? l.getText() : "";
                double w = 0;
                for (String word : title.split(" ")) {
                    w = Math.max(w, textWidth(word, true) * HEADER_FONT_MARGIN + HEADER_PADDING + 6);
                }
                for (S row : table.getItems()) {
                    Object v = c.getCellData(row);
                    if (v != null) {
                        w = Math.max(w, textWidth(v.toString(), false) + CELL_PADDING);
                    }
                }
                c.setMinWidth(Math.ceil(w));
            }
        };
        table.getItems().addListener((javafx.collections.ListChangeListener<S>) ch -> fit.run());
        fit.run();
    }

    /** A cell's left and right padding and border together (px) in the Primer themes. */
    private static final double CELL_PADDING = 16;

    /**
     * How much wider a header word is drawn than {@link #textWidth} measures it (the header's bold face): on the
     * 1024×768 screenshot "Confirmed" broke in two at the width measured, whole with 10 % more.
     */
    private static final double HEADER_FONT_MARGIN = 1.1;

    private static double textWidth(String s, boolean bold) {
        javafx.scene.text.Text t = new javafx.scene.text.Text(s);
        t.setFont(javafx.scene.text.Font.font(javafx.scene.text.Font.getDefault().getFamily(),
                bold ? javafx.scene.text.FontWeight.BOLD : javafx.scene.text.FontWeight.NORMAL, FONT_PX));
        return t.getLayoutBounds().getWidth();
    }

    /** The window's font size (px), as kindred.css sets it on the root. */
    private static final double FONT_PX = 13;

    /** As high as the header and {@code rows} (at most {@code maxRows}), so the page scrolls as one. */
    private static void fitRows(TableView<?> table, javafx.collections.ObservableList<?> rows, int maxRows) {
        javafx.beans.property.DoubleProperty header = new javafx.beans.property.SimpleDoubleProperty(HEADER);
        table.skinProperty().addListener((o, a, skin) -> {
            if (table.lookup(".column-header-background") instanceof javafx.scene.layout.Region r) {
                r.heightProperty().addListener((ob, was, h) -> header.set(Math.max(HEADER, h.doubleValue())));
            }
        });
        table.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> header.get() + ROW * Math.max(1, Math.min(maxRows, rows.size())) + 2, header, rows));
        table.minHeightProperty().bind(table.prefHeightProperty());
    }

    /**
     * A column whose header explains itself on hover, and wraps onto a second line rather than end in "…" when the
     * window is narrow (1024×768 with the sidebar).
     */
    private static <S> TableColumn<S, String> tipped(TableColumn<S, String> c, String tip) {
        return tipped(c, tip, MIN_COLUMN);
    }

    /** {@link #tipped(TableColumn, String)} with a column never narrower than {@code minWidth} (px): its longest cell. */
    private static <S> TableColumn<S, String> tipped(TableColumn<S, String> c, String tip, double minWidth) {
        Label header = new Label(c.getText());
        Views.tip(header, tip);
        header.setWrapText(true);
        header.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        header.prefWidthProperty().bind(c.widthProperty().subtract(HEADER_PADDING));
        header.setMaxWidth(Double.MAX_VALUE);
        c.setText(null);
        c.setGraphic(header);
        c.setMinWidth(minWidth);
        return c;
    }

    /**
     * A header's left and right padding together (px) in the Primer themes, with the padding of the label that holds the
     * title: with 16 the titles wrapped before the column's edge (the 1024×768 screenshot).
     */
    private static final double HEADER_PADDING = 28;

    /** No titled column narrower (px) before its content is measured ({@link #minWidthsFromContent}). */
    private static final double MIN_COLUMN = 60;

    /** The look-alike warning, or who the person was mixed up with. */
    static String note(PersonAudit p) {
        if (p.oftenRejected()) {
            return "Often wrong: a look-alike"
                    + (p.confusedWith().isEmpty() ? " (sibling, twin, parent)?" : ", mixed up with " + String.join(", ", p.confusedWith()));
        }
        if (!p.confusedWith().isEmpty()) {
            return "Mixed up with " + String.join(", ", p.confusedWith());
        }
        if (p.suggestionsAccepted() + p.suggestionsRejected() == 0) {
            return "No suggestion decided yet";
        }
        return "";
    }

    private static TableColumn<PersonAudit, String> column(String title, Function<PersonAudit, String> value, double width) {
        TableColumn<PersonAudit, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new javafx.beans.property.SimpleStringProperty(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
