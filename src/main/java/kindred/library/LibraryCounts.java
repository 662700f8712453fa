package kindred.library;

/** Library-wide counts for {@code status}. */
public record LibraryCounts(int photos, int faces, int people, int clusters, int unassignedFaces, int failedPhotos,
                            int missingPhotos, int pendingJobs) {
}
