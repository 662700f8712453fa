package kindred.library.gallery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import kindred.library.regions.FaceRegion;

/**
 * Port to writing the names into an exported copy: the caption ("Ada Lovelace, Alan Turing, left to right") as the
 * IPTC description in the copy's own XMP ({@code dc:description}, which Lightroom, Photo Mechanic and exiftool show as
 * the caption), with the named face regions and people keywords Kindred writes into photos
 * ({@code kindred.metadata.XmpPacketRegions}). Implemented by {@code kindred.metadata.XmpCaptions}. Only ever called on a
 * copy a gallery export made: never on the user's photo. Thread-safe.
 */
public interface CaptionWriter {

    /**
     * Writes the caption and regions into {@code copy}, replacing the file in one atomic step.
     *
     * @param faces the named faces in display pixels of the photo, left to right
     * @return false when the file is not a JPEG whose XMP Kindred rewrites (nothing written)
     * @throws IOException when the file cannot be read or written (it is then as it was)
     */
    boolean writeInto(Path copy, String caption, List<FaceRegion> faces) throws IOException;
}
