package kindred.library;

import java.util.Optional;
import kindred.model.Embedding;
import kindred.model.FaceBox;

/**
 * Port to the vision pipeline for a face the detector did not find (a box the user drew): aligns and embeds the
 * face inside a display-space box, so that it can be clustered and matched like any other. Not thread-safe (owns
 * native models, loaded when made); close it.
 */
public interface BoxEmbedder extends AutoCloseable {

    /**
     * A face's embedding and quality.
     *
     * @param quality 0..1, as for detected faces
     */
    record BoxFace(Embedding embedding, double quality) {
    }

    /**
     * Embeds the face inside {@code box} of an encoded photo.
     *
     * @param encoded     the photo file's bytes
     * @param orientation its EXIF orientation 1..8
     * @param box         pixels of the full-resolution photo as displayed (EXIF orientation applied)
     * @return empty when the photo cannot be decoded or the box holds nothing usable
     */
    Optional<BoxFace> embed(byte[] encoded, int orientation, FaceBox box);

    @Override
    void close();
}
