package kindred.library;

import java.util.Collection;
import java.util.List;
import kindred.model.Source;
import kindred.model.State;

/**
 * The people use cases: clusters, naming, suggestions, "not this person", merge, search, forget.
 * Manual always wins: automatic passes only touch unconfirmed automatic assignments. Thread-safe;
 * every method is one transaction. Names are matched case-insensitively.
 */
public interface PeopleService {

    /** Named people (hidden ones only when asked), largest first. */
    List<PersonSummary> people(boolean includeHidden);

    /** Unnamed clusters with at least {@code minFaces} faces, largest first. */
    List<PersonSummary> clusters(int minFaces);

    /** One page of {@link #people(boolean)}, in the same order, and how many there are in all. */
    default Page<PersonSummary> people(boolean includeHidden, int offset, int limit) {
        return Page.of(people(includeHidden), offset, limit);
    }

    /**
     * One page of {@link #clusters(int)} (largest first), and how many there are in all: the window lists the first
     * page at once and the rest on request, instead of every cluster of a large library.
     */
    default Page<PersonSummary> clusters(int minFaces, int offset, int limit) {
        return Page.of(clusters(minFaces), offset, limit);
    }

    /**
     * "Other faces": one page of the unnamed faces (no person, or only a suggestion, whose person {@link FaceInfo}
     * carries) on photos not missing that no unnamed group of at least {@code minGroupFaces} faces holds (faces seen
     * once, faces too small to group, what is left of a person's cluster), best first: quality (size × sharpness ×
     * pose), then area; with how many there are in all.
     */
    Page<FaceInfo> otherFaces(int minGroupFaces, int offset, int limit);

    /** Faces of a person: confirmed ones and suggestions (best first), as {@link FaceInfo}. */
    List<FaceInfo> facesOf(String personName);

    /** Suggestions for a person, most similar first, with a calibrated confidence. */
    List<Suggestion> suggestions(String personName);

    // Decisions: each returns its result with the entry of the undo history that puts it back (written in the
    // decision's own transaction; {@link Decided#undo()} is null when the call decided nothing).

    /** Names every face of a cluster (confirmed, manual); creates the person if new. */
    Decided<NameResult> nameCluster(long clusterId, String name);

    /** Names one face (confirmed, manual); creates the person if new. */
    Decided<NameResult> nameFace(long faceId, String name);

    /** Names each face (confirmed, manual; "this is someone else"), as one decision; returns how many. */
    Decided<Integer> nameFaces(Collection<Long> faceIds, String name);

    /** Confirms suggestions (the faces' current person); returns how many were confirmed. */
    Decided<Integer> confirm(Collection<Long> faceIds);

    /** "Not this person": removes the assignment and remembers it forever; {@code personName} null: whoever it is assigned to. */
    Decided<Rejection> reject(long faceId, String personName);

    /** "Not this person" for each face and person given, as one decision. */
    Decided<List<Rejection>> reject(List<Rejection> rejections);

    /**
     * "Not this person" for each face, the person being the one it is assigned to now (its suggestion, usually), in one
     * transaction; returns who each face was rejected for, in the order given.
     *
     * @throws LibraryException when a face does not exist or is assigned to no one (nothing is changed then)
     */
    Decided<List<Rejection>> rejectAssigned(Collection<Long> faceIds);

    /**
     * The waiting suggestions (unconfirmed automatic assignments of a face to a person) the window's Review page lists:
     * of one person ({@code personName}; hidden or not), or of every person not hidden (null), with a confidence of at
     * least {@code minConfidence} and below {@code belowConfidence}, most confident first.
     */
    default List<PersonSuggestion> waitingSuggestions(String personName, double minConfidence, double belowConfidence) {
        List<String> names = personName != null ? List.of(personName)
                : people(false).stream().map(PersonSummary::name).toList();
        List<PersonSuggestion> all = new java.util.ArrayList<>();
        for (String n : names) {
            for (Suggestion s : suggestions(n)) {
                if (s.confidence() >= minConfidence && s.confidence() < belowConfidence) {
                    all.add(new PersonSuggestion(s.face().person() != null ? s.face().person() : n, s));
                }
            }
        }
        // Most confident first; the confidence tops out at the calibration's last point, so the cosine breaks ties.
        all.sort(java.util.Comparator.comparingDouble((PersonSuggestion s) -> s.suggestion().confidence())
                .thenComparingDouble(s -> s.suggestion().similarity()).reversed());
        return all;
    }

    /**
     * Confirms the waiting suggestions ({@link #waitingSuggestions}) of one person (or, null, of everyone) with a
     * confidence of at least {@code minConfidence}; returns how many faces were confirmed (a person already confirmed
     * on another face of the same photo is not confirmed twice).
     */
    default Decided<Integer> confirmSuggestions(String personName, double minConfidence) {
        return confirm(waitingSuggestions(personName, minConfidence, Double.POSITIVE_INFINITY).stream()
                .map(s -> s.suggestion().face().id()).toList());
    }

    /**
     * "Not this person" on the waiting suggestions ({@link #waitingSuggestions}) of one person (or, null, of everyone)
     * with a confidence of at least {@code minConfidence} and below {@code belowConfidence}; returns what was rejected.
     */
    default Decided<List<Rejection>> rejectSuggestions(String personName, double minConfidence, double belowConfidence) {
        List<Long> ids = waitingSuggestions(personName, minConfidence, belowConfidence).stream()
                .map(s -> s.suggestion().face().id()).toList();
        return rejectAssigned(ids);
    }

    /** Not a face worth naming: kept, never clustered or suggested again. */
    Decided<Integer> ignore(Collection<Long> faceIds);

    /** Moves every face of {@code from} to {@code into}; {@code from} disappears. */
    Decided<NameResult> merge(String from, String into);

    /** Gives a person another name; returns the new name. */
    Decided<String> rename(String from, String to);

    /** Hides a person (no suggestions, not listed unless asked) or shows them again. */
    Decided<Boolean> setHidden(String personName, boolean hidden);

    /** Photos that show all (or, with {@code any}, at least one) of the people. */
    List<PhotoHit> search(List<String> personNames, boolean any);

    /**
     * Erases everything biometric about the person; returns the number of faces erased. Cannot be undone: it empties the
     * undo history, so that no entry brings their faces back.
     */
    int forget(String personName);

    /** Clusters the faces not yet clustered (incremental); returns how many faces were placed. */
    int clusterNewFaces();

    /**
     * Reads the clusterable faces and loads the clustering index ahead of {@link #clusterNewFaces}, which then reads
     * and clusters only the faces added meanwhile. Writes nothing. For a scan to call once it has found a face, while
     * the rest of its photos are still being indexed.
     */
    void prepareClustering();

    /** Re-clusters every unnamed automatic face; manual decisions are kept. Returns clusters made. */
    int reclusterAll();

    /** The newest entry of the undo history (shared by the window and the command line), if any. */
    java.util.Optional<Undo> newestUndo();

    /**
     * Undoes the newest decision of the undo history, whoever made it, and returns it (empty when the history is empty).
     *
     * @throws LibraryException when it cannot be undone (it leaves the history then, so that older ones can be)
     */
    java.util.Optional<Undo> undoLast();

    /**
     * Puts back what {@code entry} changed and removes it from the history: a merged person comes back with their faces,
     * a person created by the decision disappears again if nothing else is theirs. Faces erased since are skipped. The
     * undone decisions leave the decision history, so the audit counts them as never made.
     */
    void undo(Undo entry);

    /**
     * Removes a false face ("not a face"): it disappears with its assignment, and its region is suppressed so that
     * rescans do not recreate it. Undoing it puts it back.
     */
    Decided<RemovedFace> removeFace(long faceId);

    /** Called after {@link #forget}, e.g. to drop cached face crops. */
    void onForget(Runnable listener);

    /** A face's decisions at one moment. {@code person} null: unassigned (or ignored, by {@code state}). */
    record FaceDecision(long faceId, String person, Source source, State state, Long clusterId, List<String> rejectedFor) {
    }

    /** A person at one moment: whether they existed, and hidden or not. */
    record PersonState(String name, boolean existed, boolean hidden) {
    }

    /**
     * What a decision was about to change, taken by the use case just before it (an {@link Undo.Restore}).
     *
     * @param lastDecisionId the newest entry of the decision history when the point was taken (0: none); the entries
     *                       after it about these faces (and merges) leave the history when the point is undone
     */
    record UndoPoint(List<FaceDecision> faces, List<PersonState> people, long lastDecisionId) {
    }

    /** A named person or an unnamed cluster. {@code kind} is "person" or "cluster"; {@code name} null for clusters. */
    record PersonSummary(long id, String name, String kind, int faces, int photos, Long coverFaceId, boolean hidden) {
    }

    /** A face suggested for a person. {@code confidence} is 0..1, {@code similarity} the cosine. */
    record Suggestion(FaceInfo face, double similarity, double confidence) {

        /** "1 in N chance that this is someone else": N, from the measured false-match rate of the score. */
        public long oneIn() {
            return kindred.clustering.PersonMatcher.oneIn(similarity);
        }
    }

    record NameResult(long personId, String person, int facesNamed) {
    }

    /** A waiting suggestion and the person it is for. */
    record PersonSuggestion(String person, Suggestion suggestion) {
    }

    /** A face rejected for a person ("not this person"). */
    record Rejection(long faceId, String person) {
    }

    /** Items {@code offset ..} of a longer list (at most the limit asked for), and the length of the whole list. */
    record Page<T>(List<T> items, int total) {

        public Page {
            items = List.copyOf(items);
        }

        /** The page of a whole list. */
        public static <T> Page<T> of(List<T> all, int offset, int limit) {
            if (offset < 0 || limit < 0) {
                throw new IllegalArgumentException("offset and limit must not be negative");
            }
            int from = Math.min(offset, all.size());
            return new Page<>(all.subList(from, (int) Math.min(all.size(), (long) from + limit)), all.size());
        }

        /** Whether items follow this page. */
        public boolean hasMore(int offset) {
            return offset + items.size() < total;
        }
    }

    record PhotoHit(long photoId, String path, List<String> people) {
    }

    /**
     * Faces were dropped outside the people use cases (a folder removed from the library): what links them in memory
     * and beside the library (the cluster index, its neighbour graph) goes; the next clustering rebuilds it.
     */
    void facesDropped();
}
