package kindred.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.people.People;
import kindred.model.State;
import kindred.store.Database;
import kindred.store.SqliteLibraryStore;
import kindred.store.SqlitePeopleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental suggestion refresh after clustering new faces, a merge and a forget leaves exactly what a full
 * pass leaves, on a small real library: ../shared/fixtures/known-people (`train` named after its folders) and then
 * its `test` photos and ../shared/fixtures/group-photos scanned as new faces. Manual decisions survive it.
 */
@Tag("slow")
class SuggestionRefreshTest {

    @TempDir
    Path tmp;

    Services services;
    People people;
    Path known;

    @BeforeEach
    void nameTheTrainingPeople() throws Exception {
        known = CliHarness.shared().resolve("fixtures/known-people");
        assumeTrue(Files.isDirectory(known), "skipped: " + known + " is absent (the shared fixtures are not on this machine)");
        services = new Services(tmp.resolve("library"), 1);
        people = services.people();
        index(known.resolve("train"));
        people.clusterNewFaces();
        Map<Long, String> clusterName = new HashMap<>();
        for (FaceInfo f : services.store().faces(FaceQuery.all())) {
            if (f.clusterId() != null) {
                clusterName.put(f.clusterId(), Path.of(f.photoPath()).getParent().getFileName().toString());
            }
        }
        assertThat(clusterName).hasSize(5);
        clusterName.forEach(people::nameCluster);
    }

    @AfterEach
    void close() {
        if (services != null) {
            services.close();
        }
    }

    private void index(Path folder) throws Exception {
        services.scanner().scan(List.of(folder));
        services.indexing().start(p -> { }).await();
    }

    /** New faces of known and unknown people: suggestions to make. */
    private void scanNewPhotos() throws Exception {
        index(known.resolve("test"));
        Path groups = CliHarness.shared().resolve("fixtures/group-photos");
        if (Files.isDirectory(groups)) {
            index(groups);
        }
    }

    /** Every assignment (suggestions with their confidence, and decisions) and every rejection, in id order. */
    private List<String> decisions() {
        Database db = ((SqliteLibraryStore) services.store()).database();
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT face_id, person_id, source, state, confidence FROM assignments ORDER BY face_id")) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + ">" + rs.getLong(2) + " " + rs.getString(3) + " " + rs.getString(4) + " @" + rs.getDouble(5));
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT face_id, person_id FROM rejections ORDER BY face_id, person_id")) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + " not " + rs.getLong(2));
                }
            }
            return out;
        });
    }

    private long suggestions() {
        return services.store().faces(FaceQuery.all()).stream().filter(f -> f.person() != null && f.state() == State.UNCONFIRMED).count();
    }

    /** What the incremental refresh left, then what a full pass leaves from the same decisions. */
    private void assertIncrementalEqualsFull() {
        String how = people.lastSuggestionRefresh();
        List<String> incremental = decisions();
        people.refreshAllSuggestions();
        assertThat(how).startsWith("incremental");
        assertThat(incremental).isEqualTo(decisions());
    }

    @Test
    void clusteringNewFacesRefreshesSuggestionsAsAFullPassWould() throws Exception {
        scanNewPhotos();
        people.clusterNewFaces();
        assertThat(suggestions()).isPositive();
        assertIncrementalEqualsFull();
    }

    @Test
    void mergeRefreshesSuggestionsAsAFullPassWould() throws Exception {
        scanNewPhotos();
        people.clusterNewFaces();
        people.merge("kit_harington", "rose_leslie");
        assertThat(suggestions()).isPositive();
        assertIncrementalEqualsFull();
    }

    @Test
    void mergeInANewProcessRefreshesSuggestionsAsAFullPassWould() throws Exception {
        scanNewPhotos();
        people.clusterNewFaces();
        // A new People has no earlier refresh to compare with: the merge's own hints must suffice (the CLI case).
        people = new People(new SqlitePeopleStore(((SqliteLibraryStore) services.store()).database()));
        people.merge("obama", "biden");
        assertIncrementalEqualsFull();
    }

    /** A new People on the same library file: what the next `kindred` process starts from. */
    private People newProcess() {
        return new People(new SqlitePeopleStore(((SqliteLibraryStore) services.store()).database()));
    }

    private Path savedState() {
        return tmp.resolve("library").resolve(SqlitePeopleStore.SUGGESTION_STATE_FILE);
    }

    @Test
    void clusteringNewFacesInANewProcessStartsFromTheSavedStateAsAFullPassWould() throws Exception {
        assertThat(savedState()).isRegularFile();
        scanNewPhotos();
        people = newProcess();
        people.clusterNewFaces();
        assertThat(suggestions()).isPositive();
        assertIncrementalEqualsFull();
    }

    @Test
    void aNewProcessWithNothingNewChangesNothingAndReadsNoFaces() throws Exception {
        scanNewPhotos();
        people.clusterNewFaces();
        List<String> before = decisions();

        people = newProcess();
        int clustered = people.clusterNewFaces();

        assertThat(clustered).isZero();
        assertThat(people.lastClustering()).startsWith("nothing new since the saved suggestion state");
        assertThat(decisions()).isEqualTo(before);
        people.refreshAllSuggestions();
        assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void aSavedStateOlderThanTheLastDecisionStillLeavesWhatAFullPassWould() throws Exception {
        scanNewPhotos();
        people.clusterNewFaces();
        byte[] before = Files.readAllBytes(savedState());
        people.merge("kit_harington", "rose_leslie"); // a process that made a decision, then died before saving its state
        FaceInfo suggested = services.store().faces(FaceQuery.all()).stream()
                .filter(f -> f.person() != null && f.state() == State.UNCONFIRMED).findFirst().orElseThrow();
        people.reject(suggested.id(), suggested.person());
        Files.write(savedState(), before);
        people = newProcess();
        people.clusterNewFaces();
        assertIncrementalEqualsFull();
    }

    @Test
    void aDamagedSavedStateMeansOneFullPassAndNoError() throws Exception {
        scanNewPhotos();
        Files.write(savedState(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        people = newProcess();
        people.clusterNewFaces();
        assertThat(people.lastSuggestionRefresh()).startsWith("full");
        List<String> afterDamage = decisions();
        people.refreshAllSuggestions();
        assertThat(afterDamage).isEqualTo(decisions());
        assertThat(savedState()).isRegularFile();
    }

    @Test
    void forgetRefreshesSuggestionsAsAFullPassWould() throws Exception {
        scanNewPhotos();
        people.clusterNewFaces();
        people.forget("obama");
        assertIncrementalEqualsFull();
    }

    @Test
    void rejectedStaysRejectedAndConfirmedStaysConfirmedThroughMergeAndForget() throws Exception {
        scanNewPhotos();
        people.clusterNewFaces();
        List<FaceInfo> suggested = services.store().faces(FaceQuery.all()).stream()
                .filter(f -> f.person() != null && f.state() == State.UNCONFIRMED).toList();
        assertThat(suggested).hasSizeGreaterThanOrEqualTo(2);
        FaceInfo rejected = suggested.get(0);
        FaceInfo confirmed = suggested.get(1);
        people.reject(rejected.id(), rejected.person());
        people.confirm(List.of(confirmed.id()));
        String other = List.of("alex_lacamoire", "biden", "kit_harington", "obama", "rose_leslie").stream()
                .filter(n -> !n.equals(rejected.person()) && !n.equals(confirmed.person())).findFirst().orElseThrow();
        people.merge(other, rejected.person());
        people.clusterNewFaces();

        FaceInfo r = face(rejected.id());
        FaceInfo c = face(confirmed.id());
        assertThat(r.person()).isNotEqualTo(rejected.person());
        assertThat(c.person()).isEqualTo(confirmed.person());
        assertThat(c.state()).isEqualTo(State.CONFIRMED);
        assertThat(decisions()).contains(rejected.id() + " not " + services.people().people(true).stream()
                .filter(p -> p.name().equals(rejected.person())).findFirst().orElseThrow().id());
    }

    private FaceInfo face(long id) {
        return services.store().faces(FaceQuery.all()).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
    }
}
