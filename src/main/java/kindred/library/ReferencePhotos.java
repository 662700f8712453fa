package kindred.library;

import java.util.List;
import java.util.Set;

/**
 * Port to the marks on reference photos: a roster's photo of a person ("Ada Lovelace.jpg"), indexed like any photo,
 * that gave its person a confirmed face and is never delivered as a photo of a shoot (gallery exports leave it out).
 * Implemented by {@code kindred.store.SqliteReferencePhotos}. Thread-safe; each method is atomic.
 */
public interface ReferencePhotos {

    /**
     * Marks the photo as a reference of the person (idempotent; a photo is the reference of one person, the last one
     * marked).
     *
     * @return whether anything changed (false: it was already this person's reference)
     */
    boolean mark(long photoId, long personId);

    /** Every reference photo's id (a person forgotten or merged away leaves their photos references of nobody). */
    Set<Long> photoIds();

    /** Every reference photo with its path and person (null: a person no longer there), by person then path. */
    List<Reference> all();

    /** A reference photo: its id, path, and the name of its person (null when that person is gone). */
    record Reference(long photoId, String path, String person) {
    }
}
