package kindred.library;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import kindred.model.PhotoAnalysis;

/**
 * Port to the library database (folders, photos, faces, jobs). Thread-safe: writes are serialised,
 * reads may run beside them. Every method is atomic on its own; {@link #transaction} groups several.
 * Paths are absolute, normalised strings.
 */
public interface LibraryStore extends AutoCloseable {

    /** Runs {@code work} in one transaction (joins the caller's if there is one). */
    <T> T transaction(Supplier<T> work);

    // ---- folders

    /** Adds a folder (idempotent) and returns its id. */
    long addFolder(String path);

    List<FolderInfo> folders();

    // ---- photos seen by a scan

    Optional<StoredPhoto> photoByPath(String path);

    List<StoredPhoto> photosByHash(String contentHash);

    /** A new photo: stored as pending with an index job queued. Returns its id. */
    long addPhoto(long folderId, String path, long size, long mtimeMillis, String contentHash, long scanMillis);

    /** A known photo whose size or mtime changed: its index job is queued again. */
    void photoChanged(long photoId, long size, long mtimeMillis, String contentHash, long scanMillis);

    /** A known photo found at a new path (moved or renamed): faces and names stay. */
    void photoMoved(long photoId, long folderId, String newPath, long size, long mtimeMillis, long scanMillis);

    /** Photos seen unchanged by a scan (clears their missing flag). */
    void photosSeen(Collection<Long> photoIds, long scanMillis);

    /**
     * Marks photos whose path starts with {@code folderPrefix} and that were not seen since
     * {@code scanStartMillis} as missing. Deletes nothing. Returns how many became missing.
     */
    int markMissing(String folderPrefix, long scanStartMillis);

    // ---- twins (a RAW or HEIF file beside the JPEG of the same shot: see Twins)

    /**
     * Records {@code path} as a twin file of the photo (or moves it to this photo, or refreshes it), seen by the scan
     * of {@code scanMillis}. A twin is not a photo: nothing is indexed or counted for it.
     */
    void addTwin(long photoId, String path, long size, long mtimeMillis, long scanMillis);

    /** Forgets {@code path} as a twin (it became a photo of its own). Nothing happens when it was none. */
    void removeTwin(String path);

    /**
     * Forgets the twins under {@code folderPrefix} not seen since {@code scanStartMillis} (the file is gone, or it is
     * no longer beside its primary). Returns how many.
     */
    int removeUnseenTwins(String folderPrefix, long scanStartMillis);

    /**
     * Deletes the photo (its faces, failure and job go with it) when none of its faces carries a user's decision: no
     * confirmed, ignored or rejected face, no face drawn or imported, no region the user removed or forgot. Check and
     * delete are one transaction.
     *
     * @return whether the photo was deleted (false: it holds a decision and stays)
     */
    boolean deletePhotoWithoutDecisions(long photoId);

    /** The twin files of a photo, by path (empty for most photos). */
    List<String> twinsOf(long photoId);

    /** Every photo's twin files, by photo id (only photos that have some). */
    java.util.Map<Long, List<String>> twins();

    /** The photo a twin file belongs to, or empty when the path is not a twin. */
    Optional<StoredPhoto> photoOfTwin(String twinPath);

    // ---- index jobs (persistent queue)

    /** Jobs left running by a killed process go back to the queue. Returns how many. */
    int requeueInterrupted();

    /** Claims up to {@code max} queued index jobs (they become running), oldest first. */
    List<IndexJob> claimIndexJobs(int max);

    /** Releases claimed jobs that were not done (cancel): they go back to the queue. */
    void releaseJobs(Collection<Long> jobIds);

    /**
     * Stores one photo's analysis in one transaction: its metadata, the faces (keeping every face a user
     * made or decided on), the models used, and the job done. A killed process leaves either all of it or none.
     *
     * @return the number of faces stored for the photo by this call
     */
    int saveIndexed(IndexJob job, PhotoMetadata metadata, PhotoAnalysis analysis);

    /** Records why a photo could not be indexed; the job is done (a rescan of a changed file retries). */
    void saveFailed(IndexJob job, String reason, String message);

    int pendingJobs();

    // ---- queries

    LibraryCounts counts();

    List<FaceInfo> faces(FaceQuery query);

    /** The faces with these ids that exist, as {@link #faces} describes them, in no particular order. */
    List<FaceInfo> facesById(java.util.Collection<Long> faceIds);

    List<FailedPhoto> failedPhotos();

    /**
     * One page of present photos in path order, with their face counts, as the window's grid lists them. Walks
     * the path index (keyset paging with {@link PhotoQuery#afterPath}), so a page costs about the same at any
     * depth of a 100,000-photo library.
     */
    List<LibraryPhoto> photos(PhotoQuery query);

    /**
     * The present photos where {@code person} (name, any case) has a confirmed face, in no particular order, as
     * {@link #photos(PhotoQuery)} describes them. One query from the person's assignments (not a walk of every photo),
     * so a person page of 5,000 photos costs about those photos whatever the library's size.
     */
    List<LibraryPhoto> photosOf(String person);

    /** Every photo of the library (missing ones too), by path. */
    List<StoredPhoto> photos();

    /**
     * Stores a face that came from a photo's metadata rather than from the detector (source imported). Scans keep
     * it, and do not store a detection overlapping it twice.
     *
     * @param box       display-space pixel box
     * @param embedding its embedding, or null when the region could not be embedded
     * @param quality   0..1 (0 when not embedded: never clustered)
     * @return the new face's id
     */
    long addImportedFace(long photoId, kindred.model.FaceBox box, kindred.model.Embedding embedding, double quality);

    /** A stored setting, or null. */
    String setting(String key);

    void setSetting(String key, String value);

    // ---- folders that move or go (issue 18)

    /**
     * What a folder (and the folders inside it) holds: its photos, their faces, and the faces named for sure.
     *
     * @param people the names on its confirmed faces
     */
    record FolderUsage(int photos, int faces, int confirmedFaces, java.util.List<String> people) {
    }

    /** What {@code folderPath} and every folder of the library inside it hold. */
    FolderUsage folderUsage(String folderPath);

    /**
     * Points the folder {@code from} (and every library folder inside it) at {@code to}: folder rows, photo paths and
     * twin paths change in one transaction; photo ids, faces, names and decisions stay. {@code missing} tells, by new
     * path, which photos are not at the new place.
     *
     * @return the photos moved
     * @throws LibraryException when {@code to} or a photo path under it is already in the library, or when none of the
     *                          photos is at the new place (a wrong path): nothing changes
     */
    int moveFolder(String from, String to, java.util.function.Predicate<String> missing);

    /**
     * Drops {@code folderPath} and every library folder inside it, with their photos and those photos' faces, names on
     * them, decisions and twins (people themselves stay). One transaction.
     *
     * @return the photos dropped
     */
    int removeFolder(String folderPath);

    // ---- directories and identical copies (a library that keeps itself current: issue 18)

    /** Records the mount point the folder is on, seen with its photos ({@link FolderInfo#volume}). */
    void setFolderVolume(long folderId, String volume);

    /**
     * The directories of the library folder {@code folderPath} (and of the folders inside it) as last listed, with
     * their modification times in milliseconds (-1: list it again).
     */
    java.util.Map<String, Long> directories(String folderPath);

    /** Records directories of the folder {@code folderId} with the mtimes they had when they were listed (upsert). */
    void saveDirectories(long folderId, java.util.Map<String, Long> mtimes);

    /** Forgets the directory {@code dir} and every directory under it (they are gone). */
    void forgetDirectories(String dir);

    /**
     * The files the library knows directly in {@code dir} (photos, missing ones too, and their twins and copies), by
     * path, with the size and mtime last seen: {size, mtimeMillis}.
     */
    java.util.Map<String, long[]> filesIn(String dir);

    /**
     * As {@link #markMissing}, for the photos directly in {@code dir} only (not in the folders inside it); also forgets
     * the twins and copies directly in it not seen since then. Returns how many photos became missing.
     */
    int markMissingIn(String dir, long scanStartMillis);

    /**
     * A file of a photo that is not the photo's own row: a RAW/HEIF twin beside its JPEG, or an identical copy (same
     * content) in another place.
     *
     * @param kind "twin" or "copy"
     */
    record PhotoFile(String path, long photoId, long size, long mtimeMillis, String kind) {
    }

    /** Every photo's identical copies, by photo id (only photos that have some), paths in order. */
    java.util.Map<Long, List<String>> copies();

    /** The twin or copy at {@code path}, if it is one. */
    Optional<PhotoFile> photoFile(String path);

    /**
     * Records {@code path} as an identical copy of the photo (same content in another place), seen by the scan of
     * {@code scanMillis}: it shares the photo's faces and names, and is counted once with it.
     */
    void addCopy(long photoId, String path, long size, long mtimeMillis, long scanMillis);

    /** Copies of photos marked missing: each such photo can live on at its copy's place. */
    List<PhotoFile> copiesOfMissingPhotos();

    /**
     * Present photos with the same content as an older present photo of another library folder (two rows for one
     * content, from before copies were joined): each newer photo's path, size and mtime with the older photo's id as
     * {@link PhotoFile#photoId}.
     */
    List<PhotoFile> identicalPhotos();

    @Override
    void close();
}
