package kindred.library;

/**
 * A photo row as a scan needs it.
 *
 * @param status "pending", "indexed" or "failed"
 */
public record StoredPhoto(long id, long folderId, String path, long size, long mtimeMillis, String contentHash,
                          String status, boolean missing, String detectorId) {
}
