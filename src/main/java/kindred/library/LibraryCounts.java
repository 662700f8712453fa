package kindred.library;

/**
 * Library-wide counts for {@code status} and the window's sidebar.
 *
 * @param waitingSuggestions faces suggested for a person not hidden and not yet confirmed or rejected (the Review page)
 */
public record LibraryCounts(int photos, int faces, int people, int clusters, int unassignedFaces, int failedPhotos,
                            int missingPhotos, int pendingJobs, int waitingSuggestions) {
}
