package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import kindred.library.FaceInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 in the real window: "Export photos…" on a person's page copies their photos into a folder of their own with
 * a manifest; "Import a roster…" on the People page makes people from reference photos; Review's "Confirm all
 * above…" confirms the suggestions at least that sure, as one decision.
 */
@Tag("ui")
@Tag("slow")
class GalleryExportWindowTest extends WindowTest {

    private boolean exists(String query) {
        return robot.lookup(query).match(UiTestSupport::shown).tryQuery().isPresent();
    }

    private Stage dialog(String title) {
        return (Stage) Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && title.equals(s.getTitle()) && s.isShowing()).findFirst().orElse(null);
    }

    @Test
    void exportPhotosOnAPersonCopiesTheirPhotosIntoAFolderWithAManifest() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        FaceInfo ada = nameAdaAndAdaLovelace(vm.servicesForTests()).get(0);
        UiTestSupport.runFx(() -> vm.openPerson("Ada"));
        UiTestSupport.waitFor(30, "Ada's page", () -> exists("#person-export-photos"));

        robot.clickOn("#person-export-photos");
        UiTestSupport.waitFor(30, "the Export photos dialog and its preview", () -> dialog("Export photos") != null
                && robot.lookup("#gallery-summary").queryAs(Label.class).getText().startsWith("Export would make 1 folder"));
        Path out = tmp.resolve("Delivered");
        robot.clickOn(robot.lookup("#gallery-to").queryAs(TextField.class)).write(out.toString());
        robot.clickOn("#gallery-run");
        UiTestSupport.waitFor(60, "the export to finish", () -> robot.lookup("#gallery-summary").queryAs(Label.class)
                .getText().startsWith("Done: 1 file written"));

        Path photo = Path.of(ada.photoPath());
        assertThat(out.resolve("Ada").resolve(photo.getFileName())).hasSameBinaryContentAs(photo);
        try (var files = Files.list(out.resolve("Ada"))) {
            assertThat(files.toList()).hasSize(1);
        }
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        JsonNode entry = manifest.get("galleries").get(0).get("photos").get(0);
        assertThat(entry.get("original").asText()).isEqualTo(ada.photoPath());
        assertThat(entry.get("people").get(0).get("name").asText()).isEqualTo("Ada");
        robot.clickOn("#gallery-close");
        UiTestSupport.waitFor(10, "the dialog to close", () -> dialog("Export photos") == null);
    }

    @Test
    void importARosterThenConfirmAllAboveFromReview() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        // A roster of one: a copy of a demo photo as a distinct file (a byte-identical one would join the library as an
        // identical copy of that photo, issue 18), named by person, outside the library's folders; its largest face is
        // Grace's reference, so the same face in the library's photo becomes her suggestion.
        String photo = vm.servicesForTests().queries().faces(kindred.library.FaceQuery.all()).get(0).photoPath();
        FaceInfo face = vm.servicesForTests().queries().faces(new kindred.library.FaceQuery(photo, null, null)).stream()
                .max(java.util.Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
        Path roster = Files.createDirectories(tmp.resolve("Roster"));
        kindred.library.DistinctJpegs.copy(Path.of(face.photoPath()), roster.resolve("Grace Hopper.jpg"));

        robot.clickOn("#nav-people");
        UiTestSupport.waitFor(30, "the People page", () -> exists("#import-roster"));
        robot.clickOn("#import-roster");
        UiTestSupport.waitFor(30, "the roster dialog", () -> dialog("Import a roster") != null);
        robot.clickOn(robot.lookup("#roster-source").queryAs(TextField.class)).write(roster.toString());
        robot.clickOn("#roster-run");
        UiTestSupport.waitFor(300, "the import", () -> robot.lookup("#roster-summary").queryAs(Label.class).getText()
                .startsWith("1 person on the roster (1 new): 1 reference face named"));
        UiTestSupport.runFx(() -> dialog("Import a roster").hide());
        // The reference photo is a copy of a photo of the library: that photo's face is now Grace's suggestion.
        UiTestSupport.waitFor(30, "Grace's suggestion", () -> vm.servicesForTests().people().suggestions("Grace Hopper").stream()
                .anyMatch(s -> s.face().id() == face.id()));

        robot.clickOn("#nav-review");
        UiTestSupport.waitFor(30, "Review", () -> exists("#confirm-above"));
        robot.clickOn("#confirm-above");
        UiTestSupport.waitFor(30, "the count", () -> dialog("Confirm all above") != null
                && robot.lookup("#confirm-above-summary").queryAs(Label.class).getText().matches("\\d+ suggestions? of \\d+ waiting.*"));
        robot.clickOn("#confirm-above-run");
        UiTestSupport.waitFor(30, "the confirmation", () -> robot.lookup("#confirm-above-summary").queryAs(Label.class)
                .getText().startsWith("Confirmed 1 face"));
        assertThat(vm.servicesForTests().people().facesOf("Grace Hopper"))
                .anySatisfy(f -> {
                    assertThat(f.id()).isEqualTo(face.id());
                    assertThat(f.state()).isEqualTo(kindred.model.State.CONFIRMED);
                });
        assertThat(vm.history().nextUndoProperty().get()).contains("confirming");
    }
}
