package kindred.library;

/**
 * A photo as the window lists it (see {@link LibraryStore#photos}).
 *
 * @param width        width as displayed (EXIF orientation applied), in pixels; 0 until indexed
 * @param height       height as displayed, in pixels; 0 until indexed
 * @param orientation  EXIF orientation 1..8 of the stored file
 * @param faces        faces found in it (0 before indexing)
 * @param unnamedFaces faces neither confirmed as someone nor ignored
 * @param takenAt      ISO local date-time from EXIF, or null
 * @param twins        the photo's twin files (a RAW or HEIC beside its JPEG, see {@link Twins}), by path; mostly empty
 * @param copies       identical copies of it in other places (same content), by path; they share its faces and names
 * @param offline      its folder's drive or share is not there now (see {@link FolderPresence}): its faces and names
 *                     are kept, the file cannot be read
 * @param fileTime     the file's modification time, in milliseconds since the epoch (UTC): the photo's date when
 *                     {@code takenAt} is null
 */
public record LibraryPhoto(long id, String path, int width, int height, int orientation, int faces, int unnamedFaces,
                           String takenAt, java.util.List<String> twins, java.util.List<String> copies, boolean offline,
                           long fileTime) {

    public LibraryPhoto(long id, String path, int width, int height, int orientation, int faces, int unnamedFaces,
                        String takenAt) {
        this(id, path, width, height, orientation, faces, unnamedFaces, takenAt, java.util.List.of());
    }

    public LibraryPhoto(long id, String path, int width, int height, int orientation, int faces, int unnamedFaces,
                        String takenAt, java.util.List<String> twins) {
        this(id, path, width, height, orientation, faces, unnamedFaces, takenAt, twins, java.util.List.of(), false, 0);
    }

    /** The same photo, offline or not. */
    public LibraryPhoto withOffline(boolean isOffline) {
        return isOffline == offline ? this
                : new LibraryPhoto(id, path, width, height, orientation, faces, unnamedFaces, takenAt, twins, copies, isOffline, fileTime);
    }
}
