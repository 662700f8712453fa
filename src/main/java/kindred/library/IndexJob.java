package kindred.library;

/** A queued request to index one photo. */
public record IndexJob(long id, long photoId, String path, long size, long mtimeMillis) {
}
