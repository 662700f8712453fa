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
 * @param fileTime     the file's modification time, in milliseconds since the epoch (UTC): the photo's date when
 *                     {@code takenAt} is null
 */
public record LibraryPhoto(long id, String path, int width, int height, int orientation, int faces, int unnamedFaces,
                           String takenAt, java.util.List<String> twins, long fileTime) {

    public LibraryPhoto(long id, String path, int width, int height, int orientation, int faces, int unnamedFaces,
                        String takenAt, java.util.List<String> twins) {
        this(id, path, width, height, orientation, faces, unnamedFaces, takenAt, twins, 0);
    }

    public LibraryPhoto(long id, String path, int width, int height, int orientation, int faces, int unnamedFaces,
                        String takenAt) {
        this(id, path, width, height, orientation, faces, unnamedFaces, takenAt, java.util.List.of());
    }
}
