package kindred.library;

/**
 * What walking the folders found.
 *
 * @param seen      photo files found
 * @param added     new photos queued for indexing
 * @param changed   known photos whose size or modification time changed, queued again
 * @param moved     known photos found at a new path (faces and names kept, not re-indexed)
 * @param unchanged photos skipped because nothing changed
 * @param missing   photos no longer found (marked missing; nothing deleted)
 * @param warnings  folders or files that could not be listed (loops, permissions), with why
 */
public record ScanSummary(int seen, int added, int changed, int moved, int unchanged, int missing,
                          java.util.List<String> warnings) {
}
