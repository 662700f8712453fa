package kindred.library.regions;

import java.nio.file.Path;
import java.util.List;

/**
 * Port to face regions in photo metadata: XMP embedded in the photo and in sidecars (MWG and Microsoft
 * regions, people keywords) and Picasa's {@code .picasa.ini}. Boxes cross this port in display pixels; the
 * implementation rotates them to and from the file's stored orientation. Thread-safe.
 *
 * <p>Never throws for bad metadata: a malformed packet or file is reported in the result and skipped.
 */
public interface FaceRegionMetadata {

    /** Every named face region the photo's metadata holds (embedded, sidecars, Picasa). */
    RegionRead read(Path photo);

    /**
     * Makes the photo's metadata hold exactly {@code faces} as Kindred's regions: Kindred's earlier regions and
     * people keywords are replaced, everything else is kept. Files are replaced atomically, and only when their
     * content changes; with {@link ExportOptions#dryRun()} nothing is written.
     *
     * @param faces named faces in display pixels (may be empty: Kindred's earlier regions are removed)
     */
    RegionWriteResult write(Path photo, List<FaceRegion> faces, ExportOptions options);

    /**
     * Like {@link #write}, for a twin of a photo: another file of the same shot ({@code IMG_0001.CR2} beside
     * {@code IMG_0001.JPG}, see {@code kindred.library.Twins}). {@code faces} are in display pixels of
     * {@code primary}; they are placed on the twin by proportion (the same picture, perhaps at another resolution),
     * in the twin's own stored orientation. Only a sidecar is written: a twin is never written into.
     */
    RegionWriteResult writeTwin(Path twin, Path primary, List<FaceRegion> faces, ExportOptions options);
}
