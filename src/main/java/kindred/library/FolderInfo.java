package kindred.library;

/** A folder the user added. */
public record FolderInfo(long id, String path, int photos, boolean present) {
}
