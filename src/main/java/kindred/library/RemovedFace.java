package kindred.library;

import kindred.model.FaceBox;

/**
 * A face the user removed as "not a face", kept in memory so that the removal can be undone. Its region is
 * suppressed in the library meanwhile, so a rescan does not bring it back.
 *
 * @param box    display pixels
 * @param stored what the store needs to put the face back as it was (opaque to everyone else)
 */
public record RemovedFace(long faceId, long photoId, FaceBox box, Object stored) {
}
