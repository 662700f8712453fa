package kindred.model;

/** Which facial points a detector gives, in this order. */
public enum LandmarkScheme {
    /** BlazeFace: right eye, left eye, nose tip, mouth centre, right ear, left ear. */
    BLAZEFACE_6(6),
    /** YuNet: right eye, left eye, nose tip, right mouth corner, left mouth corner. */
    YUNET_5(5),
    /** No landmarks (a box drawn by the user or imported from metadata). */
    NONE(0);

    private final int points;

    LandmarkScheme(int points) {
        this.points = points;
    }

    public int points() {
        return points;
    }
}
