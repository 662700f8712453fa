package kindred.ui.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kindred.app.Services;
import kindred.library.FaceQuery;
import kindred.library.audit.AuditReport.PersonAudit;
import kindred.ui.LibraryViewModelTest;
import kindred.ui.MainWindowViewModel.Page;
import kindred.ui.people.FaceItem;
import org.junit.jupiter.api.Test;

/**
 * The Accuracy page's view model without a window: decisions made on the Review page (and one undone with Ctrl+Z)
 * give exact numbers; no decision gives the teaching empty state; a face confirmed for two people opens its photo.
 */
class AuditViewModelTest extends LibraryViewModelTest {

    /** Three faces of identity 0 named "Ann" as a group (no suggestion involved), then {@code fresh} new faces of hers. */
    private List<Long> annWithSuggestions(int fresh) throws Exception {
        List<Long> ann = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ann.add(photos.face(0));
        }
        services.people().clusterNewFaces();
        long cluster = services.store().faces(FaceQuery.all()).get(0).clusterId();
        vm.openCluster(cluster);
        vm.person().nameCluster("Ann");
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < fresh; i++) {
            out.add(photos.face(0));
        }
        services.people().clusterNewFaces();
        vm.show(Page.REVIEW);
        assertThat(vm.person().items()).extracting(FaceItem::id).containsExactlyInAnyOrderElementsOf(out);
        return out;
    }

    private void select(long face) {
        int i = vm.person().items().stream().map(FaceItem::id).toList().indexOf(face);
        assertThat(i).as("face %d on the review page", face).isNotNegative();
        vm.person().click(i, false, false);
    }

    @Test
    void withoutDecisionsThePageSaysWhatToDo() {
        vm.show(Page.ACCURACY);

        AuditViewModel a = vm.audit();
        assertThat(a.emptyProperty().get()).isTrue();
        assertThat(a.headlineProperty().get()).isEqualTo("Nothing measured yet");
        assertThat(a.benchmarkProperty().get()).startsWith("98.60 % right on LFW pairsDevTest").contains("2026-12-06");
        assertThat(a.loadingProperty().get()).isFalse();
    }

    @Test
    void reviewDecisionsAndAnUndoGiveExactNumbers() throws Exception {
        List<Long> s = annWithSuggestions(4);
        select(s.get(0));
        vm.person().confirm();                 // accepted 1
        select(s.get(1));
        vm.person().confirm();                 // accepted 2 ...
        vm.undo();                             // ... undone
        select(s.get(2));
        vm.person().reject();                  // rejected 1

        vm.show(Page.ACCURACY);

        AuditViewModel a = vm.audit();
        assertThat(a.emptyProperty().get()).isFalse();
        assertThat(a.headlineProperty().get()).isEqualTo("1 of 2 suggestions was right");
        assertThat(a.detailProperty().get()).isEqualTo("1 accepted, 1 rejected, of 2 suggestions you decided on · 4 faces confirmed in all");
        PersonAudit ann = a.people().get(0);
        assertThat(ann.name()).isEqualTo("Ann");
        assertThat(List.of(ann.confirmedFaces(), ann.suggestionsAccepted(), ann.suggestionsRejected())).containsExactly(4, 1, 1);
        assertThat(AuditView.note(ann)).isEmpty();
        assertThat(a.plainWords()).contains("You have confirmed 4 faces.");
        assertThat(a.twice()).isEmpty();
    }

    @Test
    void countsAreSaidAsCountsUntilTenDecisionsThenAsPercentages() {
        assertThat(AuditViewModel.right(1, 0)).isEqualTo("1 of 1");
        assertThat(AuditViewModel.right(7, 2)).isEqualTo("7 of 9");
        assertThat(AuditViewModel.right(8, 2)).isEqualTo("80 %");
        assertThat(AuditViewModel.right(0, 0)).isEqualTo("–");
    }

    @Test
    void aPersonWhoseSuggestionsAreOftenWrongIsFlaggedAsALookAlike() {
        PersonAudit anna = new PersonAudit(1, "Anna", 4, 2, 4, 2.0 / 6, true, List.of("Cara"));
        PersonAudit ben = new PersonAudit(2, "Ben", 2, 1, 1, 0.5, false, List.of());

        assertThat(AuditView.note(anna)).isEqualTo("Often wrong: a look-alike, mixed up with Cara");
        assertThat(AuditView.note(ben)).isEmpty();
    }

    @Test
    void aFaceConfirmedForTwoPeopleOpensItsPhotoInTheViewer() throws Exception {
        List<Long> s = annWithSuggestions(1);
        select(s.get(0));
        vm.person().confirm();
        services.people().nameFace(s.get(0), "Bea");

        vm.show(Page.ACCURACY);

        AuditViewModel a = vm.audit();
        assertThat(a.twice()).singleElement().satisfies(r -> {
            assertThat(r.peopleText()).isEqualTo("Ann, then Bea");
            assertThat(r.photoPath()).isEqualTo(photos.photoOf(s.get(0)));
        });
        a.open(a.twice().get(0));
        assertThat(vm.viewer().openProperty().get()).isTrue();
        assertThat(vm.viewer().photoProperty().get().path()).isEqualTo(photos.photoOf(s.get(0)));
    }
}
