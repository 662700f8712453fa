package kindred.library;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import kindred.model.Source;
import kindred.model.State;

/**
 * Port to the people part of the library: clusters, people, assignments, rejections.
 * Thread-safe; {@link #transaction} groups calls.
 */
public interface PeopleStore {

    <T> T transaction(Supplier<T> work);

    /**
     * A face as clustering and matching see it.
     *
     * @param clusterId        its automatic cluster, or null when not clustered yet
     * @param personId         the person it is assigned to (any state but ignored), or null
     * @param state            the assignment's state, or null when unassigned
     * @param source           the assignment's source, or null when unassigned
     */
    record FaceVectorRow(long faceId, long photoId, float[] vector, Long clusterId, Long personId, State state, Source source) {
    }

    /**
     * Faces that may be clustered and suggested: embedded by {@code embedderId}, at least {@code minFacePx} on
     * their shorter side, quality at least {@code minQuality}, not ignored, on photos not missing.
     */
    List<FaceVectorRow> clusterableFaces(String embedderId, double minFacePx, double minQuality);

    /**
     * The clusterable faces (as {@link #clusterableFaces}) that have an assignment, without their vectors
     * ({@code vector} is null): what the suggestion pass needs to know about decisions, read without the
     * embeddings.
     */
    default List<FaceVectorRow> decidedFaces(String embedderId, double minFacePx, double minQuality) {
        return clusterableFaces(embedderId, minFacePx, minQuality).stream().filter(r -> r.state() != null)
                .map(r -> new FaceVectorRow(r.faceId(), r.photoId(), null, r.clusterId(), r.personId(), r.state(), r.source()))
                .toList();
    }

    /**
     * Every assignment but "ignored", ascending by face id, as rows with the face, person, state and source only
     * (photo -1, no vector, no cluster): with the clusterable faces in memory, what {@link #decidedFaces} gives is
     * these rows of those faces, read without joining the faces and photos (at 300,000 faces 0.3 s less per use
     * case). Null when the store cannot tell.
     */
    default List<FaceVectorRow> assignmentRows() {
        return null;
    }

    /**
     * A cheap summary that changes whenever the set of clusterable faces or their vectors may have changed
     * (faces added or deleted, photos re-indexed or gone missing, faces ignored); null when the store cannot
     * tell, and callers must then re-read the faces.
     */
    default String clusterableFingerprint() {
        return null;
    }

    /**
     * A clusterable face: id, photo, when its photo was last indexed (0: unknown), its automatic cluster (-1: none),
     * and its vector when it was asked for (else null).
     */
    record FaceKey(long faceId, long photoId, long indexedAt, long clusterId, float[] vector) {
    }

    /**
     * The faces {@link #clusterableFaces} returns, ascending by id, with when their photo was indexed, and with
     * their vectors only when {@code withVectors}: what changed since an earlier read is then read alone
     * ({@link #vectors}). Null when the store cannot tell when a face's photo was indexed.
     */
    default List<FaceKey> clusterableFaceKeys(String embedderId, double minFacePx, double minQuality, boolean withVectors) {
        return null;
    }

    /**
     * When the only change between two {@link #clusterableFingerprint}s is faces added (none deleted, no photo indexed
     * again or gone missing, no face ignored): the clusterable faces added in between, ascending, with their vectors.
     * Null when something else changed, or the store cannot tell; callers then read every face's key.
     */
    default List<FaceKey> clusterableFacesAdded(String before, String now, String embedderId, double minFacePx, double minQuality) {
        return null;
    }

    /** Whether a clusterable face (as {@link #clusterableFaces}) has no cluster yet. */
    default boolean hasUnclusteredFaces(String embedderId, double minFacePx, double minQuality) {
        return clusterableFaces(embedderId, minFacePx, minQuality).stream().anyMatch(r -> r.clusterId() == null);
    }

    /** Each face's automatic cluster (faces of {@code embedderId} that have one): face id to cluster id. */
    default Map<Long, Long> clusterOfFaces(String embedderId) {
        Map<Long, Long> out = new java.util.HashMap<>();
        for (FaceVectorRow r : clusterableFaces(embedderId, 0, Double.NEGATIVE_INFINITY)) {
            if (r.clusterId() != null) {
                out.put(r.faceId(), r.clusterId());
            }
        }
        return out;
    }

    /**
     * Where the clustering keeps its neighbour graph between runs (derived data beside the library, never in
     * backups; rebuilt when missing), or null for no such file: the graph is then built again in every process.
     */
    default java.nio.file.Path neighbourGraphFile() {
        return null;
    }

    /**
     * Where the suggestion refresh keeps what it last saw and left (derived data beside the library, never in
     * backups), so that the next process refreshes incrementally; null for no such file.
     */
    default java.nio.file.Path suggestionStateFile() {
        return null;
    }

    /** The vectors of the given faces (faces without one are left out). */
    default java.util.Map<Long, float[]> vectors(java.util.Collection<Long> faceIds) {
        java.util.Map<Long, float[]> out = new java.util.HashMap<>();
        for (long id : faceIds) {
            face(id).filter(r -> r.vector() != null).ifPresent(r -> out.put(id, r.vector()));
        }
        return out;
    }

    /**
     * The clusterable faces (as {@link #clusterableFaces}) confirmed for one person: a person page reads these,
     * not the whole library.
     */
    default List<FaceVectorRow> confirmedFaces(long personId, String embedderId, double minFacePx, double minQuality) {
        return clusterableFaces(embedderId, minFacePx, minQuality).stream()
                .filter(r -> r.personId() != null && r.personId() == personId && r.state() == kindred.model.State.CONFIRMED)
                .toList();
    }

    /** The ids of {@link #confirmedFaces}, ascending, without reading their vectors. */
    default List<Long> confirmedFaceIds(long personId, String embedderId, double minFacePx, double minQuality) {
        return confirmedFaces(personId, embedderId, minFacePx, minQuality).stream().map(FaceVectorRow::faceId).toList();
    }

    /** A face as a person page lists it, with its vector (null when it has none). */
    record FaceWithVector(FaceInfo face, float[] vector) {
    }

    /**
     * The person's unconfirmed faces (their suggestions) on photos not missing, as {@link #facesOfPerson} lists
     * them, each with its vector: what the suggestions page scores, read in one query.
     */
    default List<FaceWithVector> unconfirmedFaces(long personId) {
        List<FaceInfo> faces = facesOfPerson(personId).stream().filter(f -> f.state() == State.UNCONFIRMED).toList();
        Map<Long, float[]> v = vectors(faces.stream().map(FaceInfo::id).toList());
        return faces.stream().map(f -> new FaceWithVector(f, v.get(f.id()))).toList();
    }

    /** The embedder most faces were embedded with (null in an empty library). */
    String mainEmbedderId();

    long newCluster();

    /** {@code n} new empty clusters, in one write; ascending ids, as {@code n} calls of {@link #newCluster} give. */
    default long[] newClusters(int n) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = newCluster();
        }
        return ids;
    }

    /** Deletes the given clusters where they hold no face (reserved by {@link #newClusters} and not used). */
    void deleteEmptyClusters(java.util.Collection<Long> clusterIds);

    /** Sets faces' automatic clusters (null: no cluster). */
    void setClusters(Map<Long, Long> clusterOfFace);

    /** Removes clusters no face belongs to. */
    int deleteEmptyClusters();

    Optional<Long> personId(String name);

    /** The person's stored name (its own spelling). */
    Optional<String> personName(long personId);

    long createPerson(String name);

    void renamePerson(long personId, String name);

    void setHidden(long personId, boolean hidden);

    void deletePerson(long personId);

    /** Assigns faces to a person (replacing any assignment they had). */
    void assign(Collection<Long> faceIds, long personId, Source source, State state, Double confidence);

    /** Marks faces as not worth naming (no person). Returns how many. */
    int ignore(Collection<Long> faceIds);

    /** Forgets the rejection of a face for a person (the user named it that person by hand). */
    void unreject(long faceId, long personId);

    /**
     * Suggests a face for a person (automatic, unconfirmed) unless, as of now, the face has a decision (a name, a
     * confirmation, an ignore), was rejected for the person, or the person is confirmed elsewhere in its photo, or
     * either is gone. Another process may have decided since the suggestions were computed: its decision wins.
     *
     * @return whether the suggestion was stored
     */
    boolean suggest(long faceId, long personId, double confidence);

    /** Removes faces' assignments. */
    void unassign(Collection<Long> faceIds);

    /** Sets the state of existing assignments. Returns how many changed. */
    int setState(Collection<Long> faceIds, State state);

    /** Moves every assignment of {@code from} to {@code into} (rejections too). */
    void moveAssignments(long from, long into);

    /** Deletes every automatic unconfirmed assignment (suggestions), or those of the given faces. */
    int clearSuggestions(Collection<Long> onlyFaces);

    void reject(long faceId, long personId);

    /** face id → the people it was rejected for. */
    Map<Long, List<Long>> rejections();

    /** Photo ids in which the person has a confirmed face. */
    java.util.Set<Long> photosWithConfirmed(long personId);

    /** The assignment of one face, if any: (personId, state, source). */
    Optional<FaceVectorRow> face(long faceId);

    List<PeopleService.PersonSummary> people(boolean includeHidden);

    List<PeopleService.PersonSummary> clusters(int minFaces);

    /** One page of {@link #clusters(int)}, same order, with how many there are in all. */
    default PeopleService.Page<PeopleService.PersonSummary> clusters(int minFaces, int offset, int limit) {
        return PeopleService.Page.of(clusters(minFaces), offset, limit);
    }

    /** Faces of the cluster that no one confirmed or ignored. */
    List<Long> unnamedFacesOfCluster(long clusterId);

    List<FaceInfo> facesOfPerson(long personId);

    List<PeopleService.PhotoHit> search(List<Long> personIds, boolean any);

    /**
     * Erases a person's faces (rows, embeddings, assignments), remembers their boxes so that scans do not
     * re-create them, deletes the person, and scrubs freed pages. Returns the number of faces erased.
     */
    int forget(long personId);

    // ---- faces drawn or removed by the user

    /**
     * Stores a face the user drew (source manual, no landmarks). Scans keep it and do not store a detection
     * overlapping it twice.
     *
     * @param box       display pixels
     * @param embedding its embedding, or null when it could not be embedded (then never clustered)
     * @param quality   0..1
     * @return the new face's id
     */
    long addManualFace(long photoId, kindred.model.FaceBox box, kindred.model.Embedding embedding, double quality);

    /**
     * Removes a false face: deletes it (its assignment and rejections too) and suppresses its region so scans do
     * not store it again. Returns what {@link #restoreFace} needs, or empty when there is no such face.
     */
    Optional<RemovedFace> removeFace(long faceId);

    /** Puts a removed face back as it was (same id, assignment, rejections) and lifts its suppression. */
    void restoreFace(RemovedFace face);

    /** Deletes a face without suppressing its region (undo of a face the user drew). */
    void deleteFace(long faceId);

    /** Every face assigned to the person in any state (photos missing or not). */
    List<Long> facesAssignedTo(long personId);

    /** The clusters among {@code clusterIds} that still exist. */
    java.util.Set<Long> existingClusters(Collection<Long> clusterIds);

    // ---- history of decisions (for the audit)

    /**
     * Records a decision about each face, reading the face's current assignment as its "before": call it before
     * changing the assignment, inside the same transaction.
     *
     * @param action          name, confirm, reject or ignore
     * @param subjectPersonId reject: who the face is not (else null)
     * @param personAfter     the person after the decision (null: none)
     * @param stateAfter      confirmed, rejected or ignored
     */
    void recordDecisions(String action, Collection<Long> faceIds, Long subjectPersonId, Long personAfter, String stateAfter);

    /** Records that {@code from} was merged into {@code into}. */
    void recordMerge(long from, long into);

    /** Every recorded decision, oldest first. */
    List<kindred.library.Decision> decisions();

    /** The id of the newest recorded decision, 0 when there is none. */
    long lastDecisionId();

    /**
     * Deletes the decisions recorded after {@code decisionId} about {@code faceIds}, and when {@code merges} the merges
     * recorded after it: what an undo takes back. Returns how many went.
     */
    int deleteDecisionsAfter(long decisionId, Collection<Long> faceIds, boolean merges);
}
