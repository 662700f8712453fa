package kindred.library;

/**
 * A folder the user added.
 *
 * @param photos  its photos that are not missing
 * @param present whether it is there now, else offline ({@link FolderPresence})
 * @param volume  the mount point it was on when last seen with its photos, or null (see {@link FolderPresence})
 */
public record FolderInfo(long id, String path, int photos, boolean present, String volume) {

    public FolderInfo(long id, String path, int photos, boolean present) {
        this(id, path, photos, present, null);
    }
}
