package kindred.library.eval;

/**
 * One verification pair as {@code eval verify} scored it.
 *
 * @param image1 the first image, relative to the images folder ({@code Name/Name_0001.jpg})
 * @param image2 the second image
 * @param same   whether the two images are of the same person (the truth)
 * @param judged whether a face was found in both images; when not, {@code score} is −1
 * @param score  cosine similarity of the two central faces' embeddings (−1..1); with one confirmed face, this is
 *               exactly the score the product compares with its suggestion threshold
 */
public record PairScore(String image1, String image2, boolean same, boolean judged, double score) {
}
