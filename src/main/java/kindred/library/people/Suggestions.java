package kindred.library.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kindred.clustering.PeopleThresholds;
import kindred.clustering.PersonMatcher;
import kindred.library.LibraryException;
import kindred.library.PeopleService.Suggestion;
import kindred.library.PeopleStore;

/**
 * The suggestions part of the people use cases: a person's waiting (unconfirmed) faces scored against a sample of
 * their confirmed faces, with the confidence the product shows (one minus the false-match rate measured on public
 * faces). Keeping the suggestions up to date after each decision is {@link SuggestionRefresh}'s. Reads only;
 * thread-safe as the store is.
 */
final class Suggestions {

    private final PeopleStore store;

    Suggestions(PeopleStore store) {
        this.store = store;
    }

    /** The person's waiting suggestions, most similar first. */
    List<Suggestion> of(long personId) {
        List<Suggestion> out = new ArrayList<>();
        // The person's unconfirmed faces with their vectors in one query, and only the sampled references' vectors:
        // not every face of the person, nor every confirmed face's vector (docs/decisions/0007-speed.md).
        List<PeopleStore.FaceWithVector> unconfirmed = store.unconfirmedFaces(personId);
        if (unconfirmed.isEmpty()) {
            return out;
        }
        List<float[]> refs = references(personId);
        for (PeopleStore.FaceWithVector f : unconfirmed) {
            if (f.vector() == null) {
                throw new LibraryException("Face " + f.face().id() + " has no embedding.");
            }
            double sim = similarityTo(f.vector(), refs);
            out.add(new Suggestion(f.face(), sim, confidence(sim)));
        }
        out.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
        return out;
    }

    /** The person's references: their clusterable confirmed faces (ascending id), sampled as the refresh samples them. */
    private List<float[]> references(long personId) {
        String embedder = store.mainEmbedderId();
        if (embedder == null) {
            return List.of();
        }
        List<Long> ids = SuggestionRefresh.sample(store.confirmedFaceIds(personId, embedder, PeopleThresholds.MIN_CLUSTER_FACE_PX,
                PeopleThresholds.MIN_CLUSTER_QUALITY));
        Map<Long, float[]> vectors = store.vectors(ids);
        List<float[]> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            float[] v = vectors.get(id);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The matcher's score: mean of the best cosines between {@code v} and the reference faces. */
    static double similarityTo(float[] v, List<float[]> refs) {
        return PersonMatcher.score(refs, v);
    }

    /** Confidence 0..1 that a face with this score is the person: one minus the measured false-match rate. */
    static double confidence(double score) {
        return 1 - PersonMatcher.falseMatchRate(score);
    }
}
