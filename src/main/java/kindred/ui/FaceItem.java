package kindred.ui;

import kindred.library.FaceInfo;
import kindred.model.State;

/**
 * A face crop tile on a person page or in Review.
 *
 * @param person     whose face it is or is suggested to be (null in an unnamed cluster)
 * @param confidence 0..1 for a suggestion, else null
 */
public record FaceItem(FaceInfo face, String person, Double confidence) {

    public boolean suggestion() {
        return confidence != null || (face.state() == State.UNCONFIRMED && face.person() != null);
    }

    public long id() {
        return face.id();
    }
}
