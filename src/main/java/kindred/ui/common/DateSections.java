package kindred.ui.common;

import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import kindred.library.PhotoDate;

/**
 * Photos grouped by month for a grid's headers: newest first, each month a {@link GridSection} ("July 2019", "40
 * photos"), the first month of each year a major one (the year above it, what the scrubber jumps to), photos without
 * any date last under "Date unknown". The date is the one stored from the photo's metadata, else the file's time, and
 * the header says which (its note and tooltip). Pure and thread-safe: view models run it on a background thread.
 */
public final class DateSections {

    /** The photos in date order and their sections. */
    public record Grouped(List<PhotoItem> items, List<GridSection> sections) {
        public static final Grouped EMPTY = new Grouped(List.of(), List.of());
    }

    private DateSections() {
    }

    /** {@code photos} sorted newest first (equal dates by path) and grouped by month. */
    public static Grouped of(List<PhotoItem> photos) {
        int n = photos.size();
        record Dated(PhotoItem item, PhotoDate date) {
        }
        List<Dated> dated = new ArrayList<>(n);
        for (PhotoItem p : photos) {
            dated.add(new Dated(p, p.date()));
        }
        dated.sort(Comparator.comparing(Dated::date, PhotoDate.NEWEST).thenComparing(d -> d.item.path()));
        List<PhotoItem> items = new ArrayList<>(n);
        List<GridSection> sections = new ArrayList<>();
        int start = 0;
        while (start < n) {
            PhotoDate first = dated.get(start).date;
            int end = start;
            int byFile = 0;
            while (end < n && sameMonth(first, dated.get(end).date)) {
                if (!dated.get(end).date.taken()) {
                    byFile++;
                }
                items.add(dated.get(end).item);
                end++;
            }
            String year = first.known() ? String.valueOf(first.time().getYear()) : "";
            boolean major = first.known() && (sections.isEmpty() || !year.equals(sections.get(sections.size() - 1).year()));
            sections.add(section(start, end - start, byFile, first, year, major));
            start = end;
        }
        return new Grouped(List.copyOf(items), List.copyOf(sections));
    }

    private static boolean sameMonth(PhotoDate a, PhotoDate b) {
        if (!a.known() || !b.known()) {
            return a.known() == b.known();
        }
        return a.time().getYear() == b.time().getYear() && a.time().getMonth() == b.time().getMonth();
    }

    private static GridSection section(int start, int count, int byFile, PhotoDate date, String year, boolean major) {
        String photos = Messages.count(count, "photo");
        if (!date.known()) {
            return new GridSection(start, "Date unknown", photos, "Neither the photo nor its file says when it was taken.",
                    false, "");
        }
        String title = date.time().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year;
        String note = byFile == 0 ? photos : photos + " · " + (byFile == count ? "all" : String.valueOf(byFile)) + " by file date";
        String tooltip = byFile == 0
                ? "Dated by when they were taken, as the camera wrote it in each photo."
                : (byFile == count ? "None of these photos says when it was taken" : byFile + " of these photos do not say when they were taken")
                + ": they are placed by their file's date, which may be when they were copied rather than taken.";
        return new GridSection(start, title, note, tooltip, major, year);
    }
}
