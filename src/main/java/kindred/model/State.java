package kindred.model;

/** The state of a face's assignment to a person. */
public enum State {
    /** An automatic suggestion nobody has looked at. */
    UNCONFIRMED,
    /** The user (or an import) said: this is that person. */
    CONFIRMED,
    /** The user said: not this person (remembered forever as a cannot-link). */
    REJECTED,
    /** The user said: not a face worth naming. */
    IGNORED;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
