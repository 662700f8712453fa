package kindred.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import kindred.application.Kindred;
import kindred.library.LibraryCounts;
import kindred.ui.people.PeopleViewModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The sidebar's counts and status line follow the library by themselves: a scan that finishes, a second scan that
 * brings a suggestion, a decision. Nothing is clicked; the window on the demo photos, read as the user sees it.
 */
@Tag("ui")
@Tag("slow")
class SidebarCountsWindowTest extends WindowTest {

    private String text(String id) throws Exception {
        return UiTestSupport.onFx(() -> ((Label) window.view().lookup("#" + id)).getText());
    }

    @Test
    void aFinishedScanUpdatesTheUnnamedCountAndTheStatusLineWithoutAClick() throws Exception {
        Path photos = UiTestSupport.copyPhotos(tmp.resolve("Family"));
        window = UiTestSupport.openWindow(tmp.resolve("library"));
        MainWindowViewModel vm = window.viewModel();
        UiTestSupport.waitFor(30, "the library to open", () -> vm.loadedProperty().get());
        UiTestSupport.waitFor(30, "the first count", () -> text("nav-unnamed-count").equals("0"));
        assertThat(text("library-summary")).isEqualTo("0 photos · 0 faces");

        // The six demo photos make pairs: listed under Unnamed with "Show small groups" on.
        UiTestSupport.runFx(() -> vm.people().showSmallGroupsProperty().set(true));
        UiTestSupport.runFx(() -> vm.addFolders(List.of(photos)));
        UiTestSupport.waitFor(300, "indexing and grouping to finish", () -> !vm.indexing().busyProperty().get()
                && vm.photos().photos().size() == 6);

        Kindred services = vm.servicesForTests();
        LibraryCounts c = services.queries().counts();
        int groups = services.people().clusters(PeopleViewModel.SMALL_CLUSTER_FACES, 0, 0).total();
        assertThat(groups).as("the demo photos make groups to name").isPositive();
        UiTestSupport.waitFor(30, "the Unnamed count to show " + groups, () -> text("nav-unnamed-count").equals(String.valueOf(groups)));
        assertThat(text("library-summary")).isEqualTo("6 photos · " + c.faces() + " faces");
        assertThat(text("job-status")).isEqualTo("Up to date");
        // Other faces counts what its page lists: faces in no listed group (a different definition once showed 0 beside
        // a page of 19 faces).
        int other = services.people().otherFaces(PeopleViewModel.SMALL_CLUSTER_FACES, 0, 0).total();
        UiTestSupport.waitFor(30, "the Other faces count to show " + other, () -> text("nav-other-count").equals(String.valueOf(other)));
    }

    @Test
    void aSuggestionFromASecondScanShowsOnReviewAndADecisionOnPeopleWithoutAClick() throws Exception {
        MainWindowViewModel vm = openIndexedDemoPhotos();
        Kindred services = vm.servicesForTests();
        UiTestSupport.waitFor(30, "the counts", () -> text("nav-review-count").equals("0") && text("nav-people-count").equals("0"));

        // A decision made through the window's view model (as a name typed on a card would): People counts one.
        long cluster = services.people().clusters(PeopleViewModel.SMALL_CLUSTER_FACES, 0, 1).items().get(0).id();
        UiTestSupport.runFx(() -> vm.people().nameCluster(cluster, "Ada"));
        UiTestSupport.waitFor(30, "People to count Ada", () -> text("nav-people-count").equals("1"));

        // A copy of one of Ada's photos in a second folder, as a distinct file (a byte-identical one would be an identical
        // copy of the same photo, issue 18): her face there becomes a suggestion, counted on Review.
        String adaPhoto = services.people().facesOf("Ada").get(0).photoPath();
        Path more = Files.createDirectories(tmp.resolve("More photos"));
        kindred.library.DistinctJpegs.copy(Path.of(adaPhoto), more.resolve("ada-again.jpg"));
        UiTestSupport.runFx(() -> vm.addFolders(List.of(more)));
        UiTestSupport.waitFor(300, "the second folder", () -> !vm.indexing().busyProperty().get() && vm.folders().size() == 2);
        int waiting = services.queries().counts().waitingSuggestions();
        assertThat(waiting).as("Ada's face in the copy is suggested").isPositive();
        UiTestSupport.waitFor(30, "Review to count " + waiting, () -> text("nav-review-count").equals(String.valueOf(waiting)));
        assertThat(text("library-summary")).startsWith("7 photos · ");
    }
}
