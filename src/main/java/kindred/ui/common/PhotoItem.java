package kindred.ui.common;

import kindred.library.LibraryPhoto;
import kindred.library.PhotoDate;

/**
 * A photo as the grid shows it.
 *
 * @param faces        faces found in it (0 before indexing)
 * @param unnamedFaces faces neither confirmed as someone nor ignored
 * @param takenAt      ISO local date-time from EXIF, or null
 * @param twins        the photo's other files (a RAW or HEIC beside the JPEG), by path
 * @param copies       identical copies of it in other places, by path (they share its faces and names)
 * @param offline      its folder's drive or share is not there now: shown with an "Offline" badge, from the cache
 * @param fileTime     the file's modification time, ms since the epoch (0: unknown): its date when {@code takenAt} is null
 */
public record PhotoItem(long id, String path, int faces, int unnamedFaces, String takenAt, java.util.List<String> twins,
                        java.util.List<String> copies, boolean offline, long fileTime) {

    public PhotoItem(long id, String path, int faces, int unnamedFaces, String takenAt, java.util.List<String> twins) {
        this(id, path, faces, unnamedFaces, takenAt, twins, java.util.List.of(), false, 0);
    }

    public PhotoItem(long id, String path, int faces, int unnamedFaces, String takenAt, java.util.List<String> twins,
                     long fileTime) {
        this(id, path, faces, unnamedFaces, takenAt, twins, java.util.List.of(), false, fileTime);
    }

    public PhotoItem(long id, String path, int faces, int unnamedFaces) {
        this(id, path, faces, unnamedFaces, null);
    }

    public PhotoItem(long id, String path, int faces, int unnamedFaces, String takenAt) {
        this(id, path, faces, unnamedFaces, takenAt, java.util.List.of());
    }

    /** The item of a photo of the library. */
    public static PhotoItem of(LibraryPhoto p) {
        return new PhotoItem(p.id(), p.path(), p.faces(), p.unnamedFaces(), p.takenAt(), p.twins(), p.copies(), p.offline(), p.fileTime());
    }

    /** The same item, offline or not. */
    public PhotoItem withOffline(boolean isOffline) {
        return isOffline == offline ? this : new PhotoItem(id, path, faces, unnamedFaces, takenAt, twins, copies, isOffline, fileTime);
    }

    /** "Also at: /backup/2019/IMG_0001.JPG" for a photo with identical copies elsewhere, else "". */
    public String copiesText() {
        return copies.isEmpty() ? "" : "Also at: " + String.join(", ", copies);
    }

    /** When it was taken: the stored date taken, else the file's time (and which of the two). */
    public PhotoDate date() {
        return PhotoDate.of(takenAt, fileTime);
    }

    /**
     * The date for the inspector: "Date taken" and when, or "File date" and when (with why) for a photo whose
     * metadata has no date, or "Date unknown".
     */
    public String dateText() {
        PhotoDate d = date();
        if (!d.known()) {
            return "Date unknown";
        }
        String when = d.time().format(WHEN);
        return d.taken() ? "Date taken " + when : "File date " + when + " (the photo does not say when it was taken)";
    }

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", java.util.Locale.ENGLISH);

    /** "Also: IMG_0001.CR2" for a photo with twins, else "". */
    public String twinsText() {
        if (twins.isEmpty()) {
            return "";
        }
        return "Also: " + String.join(", ", twins.stream().map(t -> t.substring(Math.max(t.lastIndexOf('/'), t.lastIndexOf('\\')) + 1)).toList());
    }

    public String fileName() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** The date it was taken as people write it ("2019-07-14 16:02"), or "" when unknown. */
    public String takenText() {
        if (takenAt == null || takenAt.isBlank()) {
            return "";
        }
        String t = takenAt.replace('T', ' ');
        return t.length() > 16 ? t.substring(0, 16) : t;
    }
}
