package kindred.library.eval;

/**
 * What {@code kindred eval verify} reports.
 *
 * @param pairs           pairs in the file
 * @param accuracy        share of pairs judged right (10-fold mean when the file has folds); a pair with a photo
 *                        in which no face was found counts as judged wrong
 * @param threshold       cosine threshold used (the mean of the per-fold thresholds with folds)
 * @param tarAtFar0001    share of same pairs accepted at the threshold where at most 0.1 % of different pairs are
 * @param facesNotFound   photos in which no face was found
 * @param oracleThreshold the threshold that would judge this very file best (for tuning on development data only;
 *                        reporting it as a result would be testing on the training set)
 * @param oracleAccuracy  the accuracy at {@code oracleThreshold}
 */
public record VerificationResult(int pairs, double accuracy, double threshold, double tarAtFar0001, int facesNotFound,
                                 double oracleThreshold, double oracleAccuracy) {
}
