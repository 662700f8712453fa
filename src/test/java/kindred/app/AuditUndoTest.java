package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.people.People;
import kindred.library.audit.AuditReport;
import kindred.library.audit.AuditReport.PersonAudit;
import kindred.model.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undo (Ctrl+Z in the window) takes a decision back from the history the audit reads: a scripted sequence of
 * confirmations, rejections and undos on a real library file gives exact audit numbers.
 */
class AuditUndoTest {

    @TempDir
    Path tmp;

    private Services services;

    @AfterEach
    void close() {
        if (services != null) {
            services.close();
        }
    }

    private String state(long face) {
        FaceInfo f = services.store().faces(FaceQuery.all()).stream().filter(x -> x.id() == face).findFirst().orElseThrow();
        return f.state().name().toLowerCase(java.util.Locale.ROOT) + " " + f.person();
    }

    @Test
    void anUndoneConfirmationOrRejectionIsNotCountedByTheAudit() throws Exception {
        Path library = tmp.resolve("library");
        SyntheticLibrary lib = new SyntheticLibrary(library, 7);
        float[] anna = lib.randomDirection();
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            v.add(lib.atCosine(anna, 0.97));
        }
        List<Long> a = lib.addFaces("/synthetic", v);
        services = new Services(library);
        People people = services.people();

        people.nameFace(a.get(0), "Anna");                        // not a suggestion: no count
        assertThat(state(a.get(1))).isEqualTo("unconfirmed Anna");
        people.confirm(List.of(a.get(1)));                         // accepted 1

        var confirmed = people.confirm(List.of(a.get(2)));         // accepted 2 ...
        assertThat(services.audit().suggestionsAccepted()).isEqualTo(2);
        people.undo(confirmed.undo());                             // ... undone: accepted 1
        assertThat(state(a.get(2))).isEqualTo("unconfirmed Anna");

        var rejected = people.reject(a.get(3), "Anna");            // rejected 1 ...
        people.undo(rejected.undo());                              // ... undone: rejected 0
        assertThat(state(a.get(3))).isEqualTo("unconfirmed Anna");

        people.reject(a.get(4), "Anna");                           // rejected 1
        people.confirm(List.of(a.get(2)));                         // accepted 2 (the undone face, decided again)

        AuditReport r = services.audit();
        assertThat(r.suggestionsAccepted()).isEqualTo(2);
        assertThat(r.suggestionsRejected()).isEqualTo(1);
        assertThat(r.suggestionPrecision()).isEqualTo(2.0 / 3);
        assertThat(r.confirmedFaces()).isEqualTo(3);
        PersonAudit row = r.people().get(0);
        assertThat(row.name()).isEqualTo("Anna");
        assertThat(row.suggestionsAccepted()).isEqualTo(2);
        assertThat(row.suggestionsRejected()).isEqualTo(1);
        assertThat(r.facesConfirmedForTwoPeople()).isEmpty();
        assertThat(services.store().faces(FaceQuery.all()).stream().filter(f -> f.state() == State.CONFIRMED).count()).isEqualTo(3);
    }

    @Test
    void anUndoneSlipIsNotAFaceConfirmedForTwoPeople() throws Exception {
        Path library = tmp.resolve("library");
        SyntheticLibrary lib = new SyntheticLibrary(library, 8);
        float[] anna = lib.randomDirection();
        List<Long> a = lib.addFaces("/synthetic", List.of(lib.atCosine(anna, 0.97), lib.atCosine(anna, 0.97)));
        services = new Services(library);
        People people = services.people();
        people.nameFace(a.get(0), "Anna");
        people.nameFace(a.get(1), "Ben");                          // Anna's suggestion named someone else: rejected 1

        var slip = people.nameFace(a.get(1), "Anna");              // a slip: Ben's face named Anna ...
        people.undo(slip.undo());                                  // ... undone at once

        AuditReport r = services.audit();
        assertThat(state(a.get(1))).isEqualTo("confirmed Ben");
        assertThat(r.facesConfirmedForTwoPeople()).isEmpty();
        assertThat(r.suggestionsAccepted()).isZero();
        assertThat(r.suggestionsRejected()).isEqualTo(1);
    }
}
