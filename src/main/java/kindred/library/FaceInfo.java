package kindred.library;

import kindred.model.FaceBox;
import kindred.model.Source;
import kindred.model.State;

/**
 * A stored face for display and the {@code faces} command. {@code box} is in display pixels.
 * {@code clusterId} and {@code person} are null when unassigned; {@code state} and {@code source}
 * describe the person assignment (source of the face itself when unassigned).
 */
public record FaceInfo(long id, long photoId, String photoPath, FaceBox box, double score, double quality,
                       Long clusterId, String person, Source source, State state) {
}
