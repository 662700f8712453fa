package kindred.library;

/**
 * A snapshot of indexing progress, for the status bar and the CLI progress bar.
 *
 * @param photosDone      photos finished in this run (indexed or failed)
 * @param photosTotal     photos this run will process (done + queued)
 * @param facesFound      faces stored in this run
 * @param photosFailed    photos recorded as failed in this run
 * @param photosPerSecond recent rate
 * @param etaSeconds      estimated seconds left, or -1 when unknown
 * @param state           "running", "paused", "cancelled" or "done"
 * @param lastPhoto       the photo whose end this snapshot reports (its path), or null when it reports no photo's end
 *                        (a pause, the end of the run)
 * @param lastFaces       faces stored for {@code lastPhoto}
 * @param lastFailure     why {@code lastPhoto} could not be read, or null
 */
public record IndexProgress(int photosDone, int photosTotal, int facesFound, int photosFailed,
                            double photosPerSecond, double etaSeconds, String state, String lastPhoto, int lastFaces,
                            String lastFailure) {

    public IndexProgress(int photosDone, int photosTotal, int facesFound, int photosFailed, double photosPerSecond,
                         double etaSeconds, String state) {
        this(photosDone, photosTotal, facesFound, photosFailed, photosPerSecond, etaSeconds, state, null, 0, null);
    }

    /** This snapshot as the report of {@code path}'s end. */
    public IndexProgress withLast(String path, int faces, String failure) {
        return new IndexProgress(photosDone, photosTotal, facesFound, photosFailed, photosPerSecond, etaSeconds, state, path,
                faces, failure);
    }
}
