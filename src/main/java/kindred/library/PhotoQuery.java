package kindred.library;

/**
 * Which photos {@link LibraryStore#photos} lists, in path order, one page at a time. Present photos only
 * (a photo marked missing is not shown). Filters combine with AND.
 *
 * @param folder           absolute folder path: photos anywhere under it (null: every folder)
 * @param withFaces        only photos with at least one face
 * @param withUnnamedFaces only photos with a face that is neither confirmed as someone nor ignored
 * @param person           only photos where this person (name, any case) is confirmed (null: anyone)
 * @param afterPath        keyset paging: only paths sorting after this one (null: from the start)
 * @param limit            page size (at most this many rows)
 */
public record PhotoQuery(String folder, boolean withFaces, boolean withUnnamedFaces, String person, String afterPath, int limit) {

    /** A reasonable page for the grid: big enough to fill any screen at once, small enough to stay fast. */
    public static final int PAGE = 5_000;

    public PhotoQuery {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    public static PhotoQuery all() {
        return new PhotoQuery(null, false, false, null, null, PAGE);
    }

    /** The same filters, the page after {@code lastPath}. */
    public PhotoQuery after(String lastPath) {
        return new PhotoQuery(folder, withFaces, withUnnamedFaces, person, lastPath, limit);
    }
}
