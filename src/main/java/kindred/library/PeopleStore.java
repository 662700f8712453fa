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
 *
 * <p>A <em>clusterable</em> face is one that may be clustered and suggested: embedded by the embedder asked for, at
 * least {@code minFacePx} on its shorter side, quality at least {@code minQuality}, not ignored, on a photo not
 * missing. Every method answers; none returns null for "cannot tell".
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
     * Every assignment but "ignored", ascending by face id, as rows with the face, person, state and source only
     * (photo -1, no vector, no cluster): with the clusterable faces in memory, the assignments of those faces are
     * these rows of them, read without joining the faces and photos (at 300,000 faces 0.3 s less per use case).
     */
    List<FaceVectorRow> assignmentRows();

    /**
     * A cheap summary that changes whenever the set of clusterable faces or their vectors may have changed
     * (faces added or deleted, photos re-indexed or gone missing, faces ignored); equal summaries mean the same faces.
     */
    String clusterableFingerprint();

    /**
     * A clusterable face: id, photo, when its photo was last indexed (0: unknown), its automatic cluster (-1: none),
     * and its vector when it was asked for (else null).
     */
    record FaceKey(long faceId, long photoId, long indexedAt, long clusterId, float[] vector) {
    }

    /**
     * The clusterable faces, ascending by id, with when their photo was indexed, and with their vectors only when
     * {@code withVectors}: what changed since an earlier read is then read alone ({@link #vectors}).
     */
    List<FaceKey> clusterableFaceKeys(String embedderId, double minFacePx, double minQuality, boolean withVectors);

    /**
     * The clusterable faces added between two {@link #clusterableFingerprint}s, ascending, with their vectors, when
     * that is the only change (none deleted, no photo indexed again or gone missing, no face ignored); empty when
     * something else changed (or a fingerprint is not this store's), and callers then read every face's key.
     */
    Optional<List<FaceKey>> clusterableFacesAdded(String before, String now, String embedderId, double minFacePx, double minQuality);

    /** Whether a clusterable face has no cluster yet. */
    boolean hasUnclusteredFaces(String embedderId, double minFacePx, double minQuality);

    /** Each face's automatic cluster (faces of {@code embedderId} that have one): face id to cluster id. */
    Map<Long, Long> clusterOfFaces(String embedderId);

    /**
     * Where the clustering keeps its neighbour graph between runs (derived data beside the library, never in
     * backups; rebuilt when missing or unreadable).
     */
    java.nio.file.Path neighbourGraphFile();

    /**
     * Where the suggestion refresh keeps what it last saw and left (derived data beside the library, never in
     * backups), so that the next process refreshes incrementally.
     */
    java.nio.file.Path suggestionStateFile();

    /** The vectors of the given faces (faces without one are left out). */
    Map<Long, float[]> vectors(Collection<Long> faceIds);

    /**
     * The ids of the clusterable faces confirmed for one person, ascending, without reading their vectors: a person
     * page reads these, not the whole library.
     */
    List<Long> confirmedFaceIds(long personId, String embedderId, double minFacePx, double minQuality);

    /** A face as a person page lists it, with its vector (null when it has none). */
    record FaceWithVector(FaceInfo face, float[] vector) {
    }

    /**
     * The person's unconfirmed faces (their suggestions) on photos not missing, as {@link #facesOfPerson} lists
     * them, each with its vector: what the suggestions page scores, read in one query.
     */
    List<FaceWithVector> unconfirmedFaces(long personId);

    /** The embedder most faces were embedded with (null in an empty library). */
    String mainEmbedderId();

    long newCluster();

    /** {@code n} new empty clusters, in one write; ascending ids, as {@code n} calls of {@link #newCluster} give. */
    long[] newClusters(int n);

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

    /** Whether the person is hidden (false when there is no such person): one row, for a decision's undo point. */
    boolean isHidden(long personId);

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
    PeopleService.Page<PeopleService.PersonSummary> clusters(int minFaces, int offset, int limit);

    /**
     * One page of the unnamed faces (no person, or a suggestion) that no unnamed group of at least {@code minGroupFaces}
     * faces holds, best first (quality, then size), with how many there are in all.
     */
    PeopleService.Page<FaceInfo> otherFaces(int minGroupFaces, int offset, int limit);

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
