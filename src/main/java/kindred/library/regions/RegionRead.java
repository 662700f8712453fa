package kindred.library.regions;

import java.util.List;

/**
 * What a photo's metadata (embedded XMP, sidecars, Picasa) says about its faces.
 *
 * @param displayWidth  photo width as displayed, in pixels (0 when unknown: then there are no regions)
 * @param displayHeight photo height as displayed
 * @param orientation   EXIF orientation 1..8 of the file
 * @param regions       named regions, display space, in reading order (sidecars, embedded, Picasa); duplicates
 *                      across sources are not removed here
 * @param unnamed       regions skipped because they carry no name (or are not faces)
 * @param problems      what could not be read and was skipped (a malformed packet, an unreadable sidecar), for people
 */
public record RegionRead(int displayWidth, int displayHeight, int orientation, List<FaceRegion> regions, int unnamed,
                         List<String> problems) {
}
