package kindred.ui.people;

import kindred.library.FaceInfo;
import kindred.model.State;
import kindred.ui.common.Messages;

/**
 * A face crop tile on a person page or in Review.
 *
 * @param person     whose face it is or is suggested to be (null in an unnamed cluster)
 * @param confidence 0..1 for a suggestion (one minus the measured false-match rate), else null
 * @param oneIn      for a suggestion, "1 in N chance that it is someone else": N; else 0
 */
public record FaceItem(FaceInfo face, String person, Double confidence, long oneIn) {

    public FaceItem(FaceInfo face, String person, Double confidence) {
        this(face, person, confidence, 0);
    }

    public boolean suggestion() {
        return confidence != null || (face.state() == State.UNCONFIRMED && face.person() != null);
    }

    public long id() {
        return face.id();
    }

    /** A compact badge for a suggestion's tile ("1 in 5k"), or "" when there is no measured chance. */
    public String chanceBadge() {
        return oneIn <= 0 ? "" : "1 in " + Messages.compact(oneIn);
    }

    /** The chance in words, for a tooltip or the inspector. */
    public String chanceText() {
        return oneIn <= 0 ? "" : "1 in " + String.format(java.util.Locale.ROOT, "%,d", oneIn) + " chance it's someone else";
    }
}
