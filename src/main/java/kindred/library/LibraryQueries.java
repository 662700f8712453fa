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

    /** A page of photos (all, a folder's, filtered by faces or person), in path order. */
    public List<LibraryPhoto> photos(PhotoQuery query) {
        return store.photos(query);
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

    /**
     * The library's photo at {@code path}: the photo itself, or the photo a RAW/HEIC twin at that path belongs to
     * (`kindred faces --photo IMG_0001.CR2` shows the JPEG's faces).
     */
    public Optional<StoredPhoto> photo(String path) {
        Optional<StoredPhoto> own = store.photoByPath(path);
        return own.isPresent() ? own : store.photoOfTwin(path);
    }
}
