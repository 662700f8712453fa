package kindred.model;

/**
 * A photo could not be read. Not a failure of a scan: the photo is recorded as failed with
 * {@link #reason()} and a message a person understands, and the scan goes on.
 */
public class PhotoReadException extends Exception {

    /** Why a photo could not be indexed; stored in the library as the lower-case name. */
    public enum Reason {
        EMPTY, TRUNCATED, CORRUPT, UNSUPPORTED_FORMAT, TOO_LARGE, UNREADABLE, VANISHED
    }

    private final Reason reason;

    public PhotoReadException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PhotoReadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
