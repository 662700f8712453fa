package kindred.library;

/** A photo that could not be indexed, with a reason code and a message for people. */
public record FailedPhoto(long photoId, String path, String reason, String message) {
}
