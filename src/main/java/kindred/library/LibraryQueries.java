package kindred.library;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the window's pages and the commands show about photos, folders and faces: reads only, so that no caller
 * reaches the store (the people pages read through {@link PeopleService}). Thread-safe, as the store is.
 */
public final class LibraryQueries {

    private final LibraryStore store;

    public LibraryQueries(LibraryStore store) {
        this.store = store;
    }

    /** Photos, faces, people, clusters and failures counted. */
    public LibraryCounts counts() {
        return store.counts();
    }

    /** The library's folders with their photo counts and whether each is there. */
    public List<FolderInfo> folders() {
        return store.folders();
    }

    /**
     * A page of photos (all, a folder's, filtered by faces or person), in path order; each photo of a folder whose drive
     * or share is not there is marked offline ({@link LibraryPhoto#offline}).
     */
    public List<LibraryPhoto> photos(PhotoQuery query) {
        List<LibraryPhoto> page = store.photos(query);
        List<String> offline = offlineFolders();
        if (offline.isEmpty() || page.isEmpty()) {
            return page;
        }
        return page.stream().map(p -> p.withOffline(offline.stream().anyMatch(p.path()::startsWith))).toList();
    }

    /**
     * The folders whose drive or share is not there now ({@link FolderPresence}), each ending with the separator: a
     * photo whose path starts with one is offline.
     */
    public List<String> offlineFolders() {
        return store.folders().stream().filter(f -> !f.present())
                .map(f -> f.path().endsWith(java.io.File.separator) ? f.path() : f.path() + java.io.File.separator).toList();
    }

    /** Every photo's identical copies in other places, by photo id (only photos that have some). */
    public java.util.Map<Long, List<String>> copies() {
        return store.copies();
    }

    /**
     * The photos where {@code person} has a confirmed face (their person page), newest first by
     * {@link PhotoDate#of(LibraryPhoto) date taken, else file time}.
     */
    public List<LibraryPhoto> photosOf(String person) {
        return PhotoDate.newestFirst(store.photosOf(person), PhotoDate::of, LibraryPhoto::path);
    }

    /** Faces matching the query (a photo's, a person's), with their photo, person and state. */
    public List<FaceInfo> faces(FaceQuery query) {
        return store.faces(query);
    }

    /** These faces, by id. */
    public List<FaceInfo> facesById(Collection<Long> faceIds) {
        return store.facesById(faceIds);
    }

    /** Photos that could not be read, with why. */
    public List<FailedPhoto> failedPhotos() {
        return store.failedPhotos();
    }

    /** Photos waiting to be indexed. */
    public int pendingJobs() {
        return store.pendingJobs();
    }

    /** The twin files of a photo (a RAW or HEIC beside its JPEG: {@link Twins}), by path; mostly empty. */
    public List<String> twinsOf(long photoId) {
        return store.twinsOf(photoId);
    }

    /**
     * The library's photo at {@code path}: the photo itself, or the photo a RAW/HEIC twin at that path belongs to
     * (`kindred faces --photo IMG_0001.CR2` shows the JPEG's faces).
     */
    public Optional<StoredPhoto> photo(String path) {
        Optional<StoredPhoto> own = store.photoByPath(path);
        return own.isPresent() ? own : store.photoOfTwin(path);
    }
}
