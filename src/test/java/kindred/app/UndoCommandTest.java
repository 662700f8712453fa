package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.Undo;
import kindred.library.UndoLog;
import kindred.ui.common.CurrentThreadTaskExecutor;
import kindred.ui.MainWindowViewModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One undo history for the window and the command line, kept in the library: `kindred undo` takes back the newest
 * decision whoever made it, in a later run; the history outlives the process and keeps only the newest entries. Real
 * temporary libraries with synthetic faces; each command line run opens the library anew, as a new process would.
 */
class UndoCommandTest {

    @TempDir
    Path tmp;

    private Path library;
    private SyntheticLibrary lib;
    private List<Long> faces;
    private CliHarness cli;

    @BeforeEach
    void aLibraryWithTwoPeoplesFaces() throws Exception {
        library = tmp.resolve("library");
        lib = new SyntheticLibrary(library, 11);
        float[] ann = lib.randomDirection();
        float[] bea = lib.randomDirection();
        faces = lib.addFaces("/synthetic", List.of(lib.atCosine(ann, 0.97), lib.atCosine(ann, 0.97), lib.atCosine(bea, 0.97)));
        cli = new CliHarness(library);
    }

    private FaceInfo face(Services s, long id) {
        return s.store().faces(FaceQuery.all()).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
    }

    @Test
    void aFaceNamedOnTheCommandLineIsUnnamedAgainByKindredUndoInALaterRun() {
        assertThat(cli.run("name", "--face", faces.get(0).toString(), "Grandma").exit()).isZero();

        CliHarness.Result r = new CliHarness(library).run("--json", "undo");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.json().get("undone").asText()).isEqualTo("naming a face \"Grandma\"");
        try (Services s = new Services(library)) {
            assertThat(face(s, faces.get(0)).person()).isNull();
            assertThat(s.people().people(true)).isEmpty();
        }
    }

    @Test
    void kindredUndoSaysInWordsWhatItUndid() {
        assertThat(cli.run("name", "--face", faces.get(0).toString(), "Ann").exit()).isZero();
        assertThat(cli.run("name", "--face", faces.get(2).toString(), "Bea").exit()).isZero();
        assertThat(cli.run("merge", "--person", "Bea", "--into", "Ann").exit()).isZero();

        CliHarness.Result r = cli.run("undo");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("Undone: merging \"Bea\" into \"Ann\".");
    }

    @Test
    void aMergeMadeInTheWindowIsUndoneByKindredUndo() {
        try (Services s = new Services(library)) {
            s.people().nameFace(faces.get(0), "Ann");
            s.people().nameFace(faces.get(2), "Bea");
            MainWindowViewModel window = new MainWindowViewModel(s, new CurrentThreadTaskExecutor());
            window.people().merge("Bea", "Ann");
            assertThat(s.people().people(true)).extracting(PersonSummary::name).containsExactly("Ann");
        }

        CliHarness.Result r = cli.run("--json", "undo");

        assertThat(r.json().get("undone").asText()).isEqualTo("merging \"Bea\" into \"Ann\"");
        try (Services s = new Services(library)) {
            assertThat(s.people().people(true)).extracting(PersonSummary::name).containsExactlyInAnyOrder("Ann", "Bea");
            assertThat(face(s, faces.get(2)).person()).isEqualTo("Bea");
        }
    }

    @Test
    void aDecisionOfTheCommandLineIsUndoneByTheWindowsCtrlZ() {
        assertThat(cli.run("name", "--face", faces.get(0).toString(), "Ann").exit()).isZero();
        try (Services s = new Services(library)) {
            MainWindowViewModel window = new MainWindowViewModel(s, new CurrentThreadTaskExecutor());
            window.start();
            assertThat(window.history().nextUndoProperty().get()).isEqualTo("naming a face \"Ann\"");

            window.undo();

            assertThat(window.notificationProperty().get()).isEqualTo("Undone: naming a face \"Ann\"");
            assertThat(face(s, faces.get(0)).person()).isNull();
            assertThat(window.history().canUndoProperty().get()).isFalse();
        }
    }

    @Test
    void theHistorySurvivesReopeningTheLibrary() {
        try (Services s = new Services(library)) {
            s.people().nameFace(faces.get(0), "Ann");
            s.people().confirm(List.of(faces.get(1)));
        }
        try (Services s = new Services(library)) {
            assertThat(s.people().newestUndo()).map(Undo::description).contains("confirming 1 face");
            assertThat(s.people().undoLast()).map(Undo::description).contains("confirming 1 face");
            assertThat(s.people().undoLast()).map(Undo::description).contains("naming a face \"Ann\"");
            assertThat(face(s, faces.get(0)).person()).isNull();
        }
    }

    @Test
    void aRemovedFaceComesBackWithItsEmbeddingAfterReopening() throws Exception {
        byte[] before = embedding(faces.get(0));
        try (Services s = new Services(library)) {
            s.people().nameFace(faces.get(0), "Ann");
            s.people().removeFace(faces.get(0));
            assertThat(s.store().faces(FaceQuery.all())).extracting(FaceInfo::id).doesNotContain(faces.get(0));
        }

        CliHarness.Result r = cli.run("--json", "undo");

        assertThat(r.json().get("undone").asText()).isEqualTo("removing a face");
        assertThat(embedding(faces.get(0))).isEqualTo(before);
        try (Services s = new Services(library)) {
            assertThat(face(s, faces.get(0)).person()).isEqualTo("Ann");
        }
    }

    @Test
    void theHistoryKeepsOnlyTheNewestDecisions() {
        try (Services s = new Services(library)) {
            s.people().nameFace(faces.get(0), "Ann");
            for (int i = 0; i < UndoLog.KEPT + 5; i++) {
                s.people().setHidden("Ann", i % 2 == 0);
            }
            List<String> undone = new ArrayList<>();
            while (true) {
                var u = s.people().undoLast();
                if (u.isEmpty()) {
                    break;
                }
                undone.add(u.get().description());
            }
            assertThat(undone).hasSize(UndoLog.KEPT).doesNotContain("naming a face \"Ann\"");
            assertThat(face(s, faces.get(0)).person()).isEqualTo("Ann");
        }
    }

    @Test
    void undoingWithAnEmptyHistorySaysSo() {
        CliHarness.Result text = cli.run("undo");
        CliHarness.Result json = cli.run("--json", "undo");

        assertThat(text.exit()).isEqualTo(1);
        assertThat(text.err()).contains("There is nothing to undo");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.json().get("error").asText()).isEqualTo("invalid");
        assertThat(json.json().get("message").asText()).startsWith("There is nothing to undo");
    }

    @Test
    void forgettingAPersonEmptiesTheHistory() {
        assertThat(cli.run("name", "--face", faces.get(0).toString(), "Ann").exit()).isZero();
        assertThat(cli.run("name", "--face", faces.get(2).toString(), "Bea").exit()).isZero();
        assertThat(cli.run("forget", "--person", "Bea").exit()).isZero();

        CliHarness.Result r = cli.run("undo");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("There is nothing to undo");
    }

    private byte[] embedding(long faceId) throws Exception {
        try (Connection c = lib.connect(); PreparedStatement ps = c.prepareStatement("SELECT embedding FROM faces WHERE id = ?")) {
            ps.setLong(1, faceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }
}
