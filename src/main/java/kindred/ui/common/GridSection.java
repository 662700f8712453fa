package kindred.ui.common;

/**
 * A run of a {@link TileGrid}'s items under one header: from item {@code start} to the next section's start (or the
 * end of the list). A grid without sections shows no header.
 *
 * @param start   index of the section's first item
 * @param title   the header's text ("July 2019")
 * @param note    smaller text after the title ("40 photos"), or ""
 * @param tooltip what the header means, e.g. where its dates come from, or ""
 * @param major   a taller header that starts a larger group (the first month of a year), with {@code year} above
 *                the title
 * @param year    the group a scrubber jumps to ("2019"), or "" when the section has none
 */
public record GridSection(int start, String title, String note, String tooltip, boolean major, String year) {
}
