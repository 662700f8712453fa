package kindred.library;

import kindred.model.FaceBox;

/**
 * A face the user removed as "not a face", kept in the undo history so that the removal can be undone. Its region is
 * suppressed in the library meanwhile, so a rescan does not bring it back.
 *
 * @param box       display pixels
 * @param stored    what the store needs to put the face back as it was, as text (opaque to everyone else)
 * @param embedding the face's stored embedding (opaque; null when it had none), apart from {@code stored} so that the
 *                  history keeps it where an export without embeddings leaves it out
 */
public record RemovedFace(long faceId, long photoId, FaceBox box, String stored, byte[] embedding) {
}
