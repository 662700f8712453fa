package kindred.library;

/**
 * What a decision of the people use cases gave, and the entry of the undo history that puts it back (already in the
 * history when the caller gets it: the window shows it as the next Ctrl+Z, the command line has {@code kindred undo}).
 */
public record Decided<T>(T result, Undo undo) {
}
