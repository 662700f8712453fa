package kindred.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import kindred.library.FaceInfo;
import kindred.library.PeopleService.Page;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PeopleService.PhotoHit;
import kindred.library.PeopleStore;
import kindred.library.RemovedFace;
import kindred.model.Embedding;
import kindred.model.FaceBox;
import kindred.model.Source;
import kindred.model.State;

/**
 * {@link PeopleStore} on the SQLite library: one port over four parts that share its {@link Database} and its
 * transactions (a {@link #transaction} spans them all): {@link SqliteFaceVectors} (faces as clustering reads them,
 * clusters), {@link SqliteDecisions} (assignments, rejections, the decision history), {@link SqlitePersonDirectory}
 * (people, person and cluster summaries, search, forget) and {@link SqliteManualFaces} (faces drawn or removed by the
 * user). It keeps the files of derived data beside the library. Thread-safe.
 */
public final class SqlitePeopleStore implements PeopleStore {

    private final Database db;
    private final SqliteFaceVectors faceVectors;
    private final SqliteDecisions decisions;
    private final SqlitePersonDirectory directory;
    private final SqliteManualFaces manualFaces;

    public SqlitePeopleStore(Database db) {
        this.db = db;
        this.faceVectors = new SqliteFaceVectors(db);
        this.decisions = new SqliteDecisions(db);
        this.directory = new SqlitePersonDirectory(db);
        this.manualFaces = new SqliteManualFaces(db);
    }

    @Override
    public <T> T transaction(Supplier<T> work) {
        return db.transaction(work);
    }

    /** Beside the database file: {@code neighbours.bin}. */
    @Override
    public java.nio.file.Path neighbourGraphFile() {
        return db.file().resolveSibling(NEIGHBOUR_GRAPH_FILE);
    }

    /** The clustering's neighbour graph, beside {@link Database#FILE_NAME}. */
    public static final String NEIGHBOUR_GRAPH_FILE = "neighbours.bin";

    /** Beside the database file: {@code suggestions.bin}. */
    @Override
    public java.nio.file.Path suggestionStateFile() {
        return db.file().resolveSibling(SUGGESTION_STATE_FILE);
    }

    /** What the last suggestion refresh saw and left, beside {@link Database#FILE_NAME}. */
    public static final String SUGGESTION_STATE_FILE = "suggestions.bin";

    // ---- face vectors and clusters

    /**
     * The clusterable faces with their vectors, clusters and assignments, read in one join: what
     * {@link #clusterableFaceKeys} and {@link #assignmentRows} give together, read the slow way (tests compare them).
     */
    public List<FaceVectorRow> clusterableFaces(String embedderId, double minFacePx, double minQuality) {
        return faceVectors.clusterableFaces(embedderId, minFacePx, minQuality);
    }

    @Override
    public List<FaceKey> clusterableFaceKeys(String embedderId, double minFacePx, double minQuality, boolean withVectors) {
        return faceVectors.clusterableFaceKeys(embedderId, minFacePx, minQuality, withVectors);
    }

    @Override
    public Optional<List<FaceKey>> clusterableFacesAdded(String before, String now, String embedderId,
            double minFacePx, double minQuality) {
        return faceVectors.clusterableFacesAdded(before, now, embedderId, minFacePx, minQuality);
    }

    @Override
    public boolean hasUnclusteredFaces(String embedderId, double minFacePx, double minQuality) {
        return faceVectors.hasUnclusteredFaces(embedderId, minFacePx, minQuality);
    }

    @Override
    public Map<Long, Long> clusterOfFaces(String embedderId) {
        return faceVectors.clusterOfFaces(embedderId);
    }

    @Override
    public List<Long> confirmedFaceIds(long personId, String embedderId, double minFacePx, double minQuality) {
        return faceVectors.confirmedFaceIds(personId, embedderId, minFacePx, minQuality);
    }

    /**
     * The clusterable faces that have an assignment, without their vectors: what {@link #assignmentRows} gives for the
     * clusterable faces, read with a join (tests compare them).
     */
    public List<FaceVectorRow> decidedFaces(String embedderId, double minFacePx, double minQuality) {
        return faceVectors.decidedFaces(embedderId, minFacePx, minQuality);
    }

    @Override
    public List<FaceVectorRow> assignmentRows() {
        return faceVectors.assignmentRows();
    }

    @Override
    public String clusterableFingerprint() {
        return faceVectors.clusterableFingerprint();
    }

    @Override
    public Map<Long, float[]> vectors(Collection<Long> faceIds) {
        return faceVectors.vectors(faceIds);
    }

    @Override
    public Optional<FaceVectorRow> face(long faceId) {
        return faceVectors.face(faceId);
    }

    @Override
    public String mainEmbedderId() {
        return faceVectors.mainEmbedderId();
    }

    @Override
    public long newCluster() {
        return faceVectors.newCluster();
    }

    @Override
    public long[] newClusters(int n) {
        return faceVectors.newClusters(n);
    }

    @Override
    public void deleteEmptyClusters(Collection<Long> clusterIds) {
        faceVectors.deleteEmptyClusters(clusterIds);
    }

    @Override
    public int deleteEmptyClusters() {
        return faceVectors.deleteEmptyClusters();
    }

    @Override
    public void setClusters(Map<Long, Long> clusterOfFace) {
        faceVectors.setClusters(clusterOfFace);
    }

    @Override
    public Set<Long> existingClusters(Collection<Long> clusterIds) {
        return faceVectors.existingClusters(clusterIds);
    }

    // ---- decisions and their history

    @Override
    public void assign(Collection<Long> faceIds, long personId, Source source, State state, Double confidence) {
        decisions.assign(faceIds, personId, source, state, confidence);
    }

    @Override
    public int ignore(Collection<Long> faceIds) {
        return decisions.ignore(faceIds);
    }

    @Override
    public boolean suggest(long faceId, long personId, double confidence) {
        return decisions.suggest(faceId, personId, confidence);
    }

    @Override
    public void unreject(long faceId, long personId) {
        decisions.unreject(faceId, personId);
    }

    @Override
    public void unassign(Collection<Long> faceIds) {
        decisions.unassign(faceIds);
    }

    @Override
    public int setState(Collection<Long> faceIds, State state) {
        return decisions.setState(faceIds, state);
    }

    @Override
    public void moveAssignments(long from, long into) {
        decisions.moveAssignments(from, into);
    }

    @Override
    public int clearSuggestions(Collection<Long> onlyFaces) {
        return decisions.clearSuggestions(onlyFaces);
    }

    @Override
    public void reject(long faceId, long personId) {
        decisions.reject(faceId, personId);
    }

    @Override
    public Map<Long, List<Long>> rejections() {
        return decisions.rejections();
    }

    @Override
    public Set<Long> photosWithConfirmed(long personId) {
        return decisions.photosWithConfirmed(personId);
    }

    @Override
    public List<Long> facesAssignedTo(long personId) {
        return decisions.facesAssignedTo(personId);
    }

    @Override
    public void recordDecisions(String action, Collection<Long> faceIds, Long subjectPersonId,
            Long personAfter, String stateAfter) {
        decisions.recordDecisions(action, faceIds, subjectPersonId, personAfter, stateAfter);
    }

    @Override
    public void recordMerge(long from, long into) {
        decisions.recordMerge(from, into);
    }

    @Override
    public long lastDecisionId() {
        return decisions.lastDecisionId();
    }

    @Override
    public int deleteDecisionsAfter(long decisionId, Collection<Long> faceIds, boolean merges) {
        return decisions.deleteDecisionsAfter(decisionId, faceIds, merges);
    }

    @Override
    public List<kindred.library.Decision> decisions() {
        return decisions.decisions();
    }

    // ---- the person directory

    @Override
    public Optional<Long> personId(String name) {
        return directory.personId(name);
    }

    @Override
    public Optional<String> personName(long personId) {
        return directory.personName(personId);
    }

    @Override
    public long createPerson(String name) {
        return directory.createPerson(name);
    }

    @Override
    public void renamePerson(long personId, String name) {
        directory.renamePerson(personId, name);
    }

    @Override
    public void setHidden(long personId, boolean hidden) {
        directory.setHidden(personId, hidden);
    }

    @Override
    public boolean isHidden(long personId) {
        return directory.isHidden(personId);
    }

    @Override
    public void deletePerson(long personId) {
        directory.deletePerson(personId);
    }

    @Override
    public List<PersonSummary> people(boolean includeHidden) {
        return directory.people(includeHidden);
    }

    @Override
    public List<PersonSummary> clusters(int minFaces) {
        return directory.clusters(minFaces);
    }

    @Override
    public Page<PersonSummary> clusters(int minFaces, int offset, int limit) {
        return directory.clusters(minFaces, offset, limit);
    }

    @Override
    public Page<FaceInfo> otherFaces(int minGroupFaces, int offset, int limit) {
        return directory.otherFaces(minGroupFaces, offset, limit);
    }

    @Override
    public List<Long> unnamedFacesOfCluster(long clusterId) {
        return directory.unnamedFacesOfCluster(clusterId);
    }

    @Override
    public List<FaceInfo> facesOfPerson(long personId) {
        return directory.facesOfPerson(personId);
    }

    @Override
    public List<FaceWithVector> unconfirmedFaces(long personId) {
        return directory.unconfirmedFaces(personId);
    }

    @Override
    public List<PhotoHit> search(List<Long> personIds, boolean any) {
        return directory.search(personIds, any);
    }

    @Override
    public int forget(long personId) {
        return directory.forget(personId);
    }

    // ---- faces drawn or removed by the user

    @Override
    public long addManualFace(long photoId, FaceBox box, Embedding embedding, double quality) {
        return manualFaces.addManualFace(photoId, box, embedding, quality);
    }

    @Override
    public Optional<RemovedFace> removeFace(long faceId) {
        return manualFaces.removeFace(faceId);
    }

    @Override
    public void restoreFace(RemovedFace removed) {
        manualFaces.restoreFace(removed);
    }

    @Override
    public void deleteFace(long faceId) {
        manualFaces.deleteFace(faceId);
    }
}
