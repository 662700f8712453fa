package kindred.ui;

/**
 * A photo as the grid shows it.
 *
 * @param faces        faces found in it (0 before indexing)
 * @param unnamedFaces faces without a person
 */
public record PhotoItem(long id, String path, int faces, int unnamedFaces) {

    public String fileName() {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
