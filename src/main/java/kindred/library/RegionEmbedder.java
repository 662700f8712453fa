package kindred.library;

import java.util.Optional;
import kindred.model.Embedding;
import kindred.model.FaceBox;

/**
 * Port to the vision pipeline for a face Kindred did not detect itself (an imported region): finds and embeds
 * the face inside a display-space box. Not thread-safe (owns native models, loaded when made); close it.
 */
public interface RegionEmbedder extends AutoCloseable {

    /**
     * A face's embedding and quality.
     *
     * @param quality 0..1, as for detected faces
     */
    record RegionFace(Embedding embedding, double quality) {
    }

    /**
     * Embeds the face inside {@code box} of an encoded photo.
     *
     * @param encoded     the photo file's bytes
     * @param orientation its EXIF orientation 1..8
     * @param box         display-space pixel box of the region
     * @return empty when the photo cannot be decoded or the box holds nothing usable
     */
    Optional<RegionFace> embed(byte[] encoded, int orientation, FaceBox box);

    @Override
    void close();
}
