package kindred.library;

/**
 * What walking the folders found.
 *
 * @param seen      photos found (a photo with twins counts once: {@code IMG_0001.CR2} beside {@code IMG_0001.JPG} is one)
 * @param added     new photos queued for indexing
 * @param changed   known photos whose size or modification time changed, queued again
 * @param moved     known photos found at a new path (faces and names kept, not re-indexed)
 * @param unchanged photos skipped because nothing changed
 * @param missing   photos no longer found (marked missing; nothing deleted)
 * @param twins     RAW or HEIF files found beside their JPEG (or a RAW beside its HEIF file) and kept as that photo's
 *                  twins, not as photos of their own (see {@link Twins})
 * @param warnings  folders or files that could not be listed (loops, permissions), with why
 * @param copies    files with the same content as a photo of the library in another place, kept as that photo's
 *                  identical copies (sharing its faces and names, counted once), not indexed again
 * @param offline   folders not scanned because their drive or share is not there (their photos stay as they were)
 */
public record ScanSummary(int seen, int added, int changed, int moved, int unchanged, int missing,
                          int twins, java.util.List<String> warnings, int copies, java.util.List<String> offline) {

    public ScanSummary(int seen, int added, int changed, int moved, int unchanged, int missing, int twins,
                       java.util.List<String> warnings) {
        this(seen, added, changed, moved, unchanged, missing, twins, warnings, 0, java.util.List.of());
    }
}
