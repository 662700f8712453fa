/**
 * Names travel with the photos: exporting named faces as face regions into XMP (MWG, Microsoft, people
 * keywords) and importing regions other programs wrote (MWG, Microsoft, Picasa). The use case is
 * {@link kindred.library.regions.FaceRegionSync}; file formats stay behind the {@link kindred.library.regions.FaceRegionMetadata}
 * port (kindred.metadata) and pixels behind {@link kindred.library.RegionEmbedder} (kindred.vision).
 * See docs/decisions/0005-xmp.md.
 */
package kindred.library.regions;

import kindred.library.RegionEmbedder;