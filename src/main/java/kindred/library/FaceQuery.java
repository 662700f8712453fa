package kindred.library;

/** Filter for {@link LibraryStore#faces}: any field null means "any". */
public record FaceQuery(String photoPath, String personName, Long clusterId) {

    public static FaceQuery all() {
        return new FaceQuery(null, null, null);
    }
}
