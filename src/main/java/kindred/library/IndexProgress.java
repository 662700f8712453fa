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
 */
public record IndexProgress(int photosDone, int photosTotal, int facesFound, int photosFailed,
                            double photosPerSecond, double etaSeconds, String state) {
}
