package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import kindred.application.Kindred;
import kindred.library.FaceQuery;
import kindred.library.audit.AuditReport.PersonAudit;
import kindred.metadata.Tools;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The window's export and Accuracy pages with the mouse: write a person's names from their card's menu (preview, then
 * Export) and read the sidecar with exiftool; the Accuracy page shows the numbers of a scripted sequence of decisions.
 * Real JPEG files with synthetic faces (no models needed).
 */
@Tag("ui")
@Tag("slow")
class PagesWindowTest extends WindowTest {

    private boolean exists(String query) {
        return robot.lookup(query).match(UiTestSupport::shown).tryQuery().isPresent();
    }

    private Node card(String name) {
        return robot.lookup(".person-card").match(UiTestSupport::shown).match(n -> robot.from(n).lookup(".name").queryAll().stream()
                .anyMatch(l -> ((Label) l).getText().equals(name))).query();
    }

    @Test
    void exportAPersonFromTheirCardWritesSidecarsExiftoolReads() throws Exception {
        Tools.requireExiftool();
        // A library from an earlier session: Ann and Bob named, one photo each.
        String annPhoto;
        String bobPhoto;
        try (kindred.app.Services earlier = new kindred.app.Services(tmp.resolve("library"))) {
            SyntheticPhotos photos = new SyntheticPhotos(earlier, tmp.resolve("Family"), 2);
            long ann = photos.face(0);
            long bob = photos.face(1);
            earlier.people().nameFace(ann, "Ann");
            earlier.people().nameFace(bob, "Bob");
            annPhoto = photos.photoOf(ann);
            bobPhoto = photos.photoOf(bob);
        }
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get());

        robot.clickOn("#nav-people");
        UiTestSupport.waitFor(30, "two person cards", () -> robot.lookup(".person-card").match(UiTestSupport::shown).queryAll().size() == 2);
        robot.rightClickOn(card("Ann"));
        robot.clickOn("Write names into their photos…");
        UiTestSupport.waitFor(30, "the preview", () -> exists("#export-run") && !robot.lookup("#export-run").queryAs(Button.class).isDisabled());
        assertThat(robot.lookup("#export-summary").queryAs(Label.class).getText())
                .isEqualTo("Export would write 1 name into 1 file for 1 photo (of 1 looked at).");
        Path sidecar = Path.of(annPhoto + ".xmp");
        assertThat(Files.exists(sidecar)).as("a preview writes nothing").isFalse();
        robot.clickOn("#export-run");
        UiTestSupport.waitFor(30, "the export", () -> robot.lookup("#export-summary").queryAs(Label.class).getText().startsWith("Done"));
        assertThat(robot.lookup("#export-summary").queryAs(Label.class).getText()).isEqualTo("Done: wrote 1 name into 1 file for 1 photo.");
        robot.clickOn("#export-close");

        JsonNode regions = Tools.exiftoolJson("-struct", "-RegionInfo", sidecar.toString()).at("/RegionInfo/RegionList");
        assertThat(regions.size()).isEqualTo(1);
        assertThat(regions.at("/0/Name").asText()).isEqualTo("Ann");
        assertThat(regions.at("/0/Type").asText()).isEqualTo("Face");
        assertThat(Files.exists(Path.of(bobPhoto + ".xmp"))).isFalse();
    }

    @Test
    void theAccuracyPageShowsTheNumbersOfTheDecisions() throws Exception {
        // A library from an earlier session: Ann named as a group, three new faces of hers suggested, none decided.
        List<Long> fresh = new ArrayList<>();
        try (kindred.app.Services earlier = new kindred.app.Services(tmp.resolve("library"))) {
            SyntheticPhotos photos = new SyntheticPhotos(earlier, tmp.resolve("Family"), 1);
            for (int i = 0; i < 3; i++) {
                photos.face(0);
            }
            earlier.people().clusterNewFaces();
            earlier.people().nameCluster(earlier.store().faces(FaceQuery.all()).get(0).clusterId(), "Ann");
            for (int i = 0; i < 3; i++) {
                fresh.add(photos.face(0));
            }
            earlier.people().clusterNewFaces();
        }
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        Kindred services = vm.servicesForTests();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get());

        robot.clickOn("#nav-accuracy");
        UiTestSupport.waitFor(30, "the empty state", () -> exists("#audit-empty"));

        services.people().confirm(List.of(fresh.get(0)));        // accepted 1
        services.people().reject(fresh.get(1), "Ann");           // rejected 1
        services.people().confirm(List.of(fresh.get(2)));        // accepted 2

        robot.clickOn("#nav-people");
        robot.clickOn("#nav-accuracy");                          // refreshes when opened
        UiTestSupport.waitFor(30, "the numbers", () -> exists("#audit-headline")
                && robot.lookup("#audit-headline").queryAs(Label.class).getText().equals("2 of 3 suggestions were right"));
        assertThat(robot.lookup("#audit-detail").queryAs(Label.class).getText())
                .isEqualTo("2 accepted, 1 rejected, of 3 suggestions you decided on · 5 faces confirmed in all");
        @SuppressWarnings("unchecked")
        TableView<PersonAudit> table = robot.lookup("#audit-people").queryAs(TableView.class);
        assertThat(table.getItems()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("Ann");
            assertThat(List.of(a.confirmedFaces(), a.suggestionsAccepted(), a.suggestionsRejected())).containsExactly(5, 2, 1);
        });
        assertThat(robot.lookup("#audit-people .table-cell").queryAll().stream().map(n -> ((javafx.scene.control.Labeled) n).getText()))
                .contains("Ann", "5", "2", "1", "2 of 3");
        assertThat(robot.lookup("#audit-benchmark").queryAs(Label.class).getText()).contains("LFW pairsDevTest").contains("2026-12-06");
        assertThat(exists("#audit-empty")).isFalse();
        assertThat(exists("#audit-groups")).as("the table by group, below the benchmark").isTrue();
    }

    /** A library with one photo and no decision yet, opened in the window. */
    private void openLibraryWithOnePhotoAndNoDecision() throws Exception {
        try (kindred.app.Services earlier = new kindred.app.Services(tmp.resolve("library"))) {
            new SyntheticPhotos(earlier, tmp.resolve("Family"), 1).face(0);
        }
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get());
    }

    @Test
    void theAccuracyPageShowsTheTableByGroupForTheActivePack() throws Exception {
        // A library with one photo and no decision yet: the page's empty state, which shows the public benchmark too.
        openLibraryWithOnePhotoAndNoDecision();

        robot.clickOn("#nav-accuracy");
        UiTestSupport.waitFor(30, "the table by group", () -> exists("#audit-groups .grid-table-cell"));
        List<String> cells = robot.lookup("#audit-groups .grid-table-cell").match(UiTestSupport::shown).queryAll().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertThat(cells).contains("Women", "Men", "A woman and a man", "177 (137 + 40)", "0 of 40");
        assertThat(robot.lookup("#audit-groups-caption").match(UiTestSupport::shown).queryAs(Label.class).getText())
                .contains("LFW pairsDevTest").contains("2026-12-06").contains("\"default\" model pack");
        assertThat(robot.lookup("#audit-groups-words .label").match(UiTestSupport::shown).queryAll().stream()
                .map(n -> ((Label) n).getText()).toList())
                .anySatisfy(w -> assertThat(w).contains("for women not once in 40 pairs"));
        assertThat(robot.lookup("#audit-groups-not-measured").match(UiTestSupport::shown).queryAs(Label.class).getText())
                .contains("skin tone, age and children");
    }

    @Test
    void theTableByGroupCutsNoHeaderAndNoCellAt1024x768() throws Exception {
        openLibraryWithOnePhotoAndNoDecision();
        UiTestSupport.runFx(() -> {
            window.stage().setWidth(1024);
            window.stage().setHeight(768);
        });
        robot.clickOn("#nav-accuracy");
        UiTestSupport.waitFor(30, "the table by group", () -> exists("#audit-groups .grid-table-cell"));
        robot.sleep(500); // one more layout pass after the resize

        Node grid = robot.lookup("#audit-groups").match(UiTestSupport::shown).query();
        double right = UiTestSupport.onFx(() -> grid.localToScene(grid.getLayoutBounds()).getMaxX());
        double sceneWidth = UiTestSupport.onFx(() -> grid.getScene().getWidth());
        List<Node> labels = robot.lookup("#audit-groups .label").match(UiTestSupport::shown).queryAll().stream().toList();
        assertThat(labels).as("6 headers and 3 rows of 6").hasSize(24);
        assertThat(right).as("the table inside the window").isLessThanOrEqualTo(sceneWidth);
        for (Node n : labels) {
            Label l = (Label) n;
            String drawn = UiTestSupport.onFx(() -> ((javafx.scene.text.Text) l.lookup(".text")).getText());
            double labelRight = UiTestSupport.onFx(() -> l.localToScene(l.getLayoutBounds()).getMaxX());
            assertThat(drawn).as("'%s' drawn whole", l.getText()).isEqualTo(l.getText());
            assertThat(labelRight).as("'%s' inside the table", l.getText()).isLessThanOrEqualTo(right + 0.5);
        }
    }
}
