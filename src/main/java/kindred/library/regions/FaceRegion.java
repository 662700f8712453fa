package kindred.library.regions;

import kindred.model.FaceBox;

/**
 * A named face region, in pixels of the photo <em>as displayed</em> (EXIF orientation applied), whatever the
 * orientation the file stores it in. Immutable.
 *
 * @param name   the person's name as written in the metadata (never blank)
 * @param box    display-space pixel box
 * @param origin where it was read from, for reports ("MWG in photo.jpg.xmp", "Picasa .picasa.ini", "Kindred")
 */
public record FaceRegion(String name, FaceBox box, String origin) {
}
