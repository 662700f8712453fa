package kindred.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Photos grouped by month for the grid's headers: {@link DateSections}. */
class DateSectionsTest {

    private static PhotoItem taken(String path, String takenAt) {
        return new PhotoItem(path.hashCode(), path, 0, 0, takenAt, List.of(), 0);
    }

    private static PhotoItem filed(String path, LocalDateTime fileTime) {
        return new PhotoItem(path.hashCode(), path, 0, 0, null, List.of(),
                fileTime.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
    }

    @Test
    void photosComeNewestFirstOneSectionPerMonth() {
        DateSections.Grouped g = DateSections.of(List.of(taken("/a", "2019-07-02T10:00:00"), taken("/b", "2023-01-05T08:00:00"),
                taken("/c", "2019-07-30T22:00:00"), taken("/d", "2019-03-01T00:00:00")));

        assertThat(g.items()).extracting(PhotoItem::path).containsExactly("/b", "/c", "/a", "/d");
        assertThat(g.sections()).extracting(GridSection::title).containsExactly("January 2023", "July 2019", "March 2019");
        assertThat(g.sections()).extracting(GridSection::start).containsExactly(0, 1, 3);
        assertThat(g.sections()).extracting(GridSection::note).containsExactly("1 photo", "2 photos", "1 photo");
    }

    @Test
    void theFirstMonthOfEachYearStartsTheYear() {
        DateSections.Grouped g = DateSections.of(List.of(taken("/a", "2019-07-02T10:00:00"), taken("/b", "2019-03-01T00:00:00"),
                taken("/c", "2018-12-01T00:00:00")));

        assertThat(g.sections()).extracting(GridSection::major).containsExactly(true, false, true);
        assertThat(g.sections()).extracting(GridSection::year).containsExactly("2019", "2019", "2018");
    }

    @Test
    void aPhotoWithoutADateTakenIsPlacedByItsFileTimeAndTheHeaderSaysSo() {
        DateSections.Grouped g = DateSections.of(List.of(taken("/a", "2019-07-02T10:00:00"),
                filed("/b", LocalDateTime.of(2019, 7, 20, 9, 0))));

        assertThat(g.items()).extracting(PhotoItem::path).containsExactly("/b", "/a");
        GridSection july = g.sections().get(0);
        assertThat(july.note()).isEqualTo("2 photos · 1 by file date");
        assertThat(july.tooltip()).startsWith("1 of these photos do not say when they were taken");
    }

    @Test
    void photosWithoutAnyDateComeLastUnderDateUnknown() {
        DateSections.Grouped g = DateSections.of(List.of(new PhotoItem(1, "/x", 0, 0, null, List.of(), 0),
                taken("/a", "2001-01-01T00:00:00")));

        assertThat(g.items()).extracting(PhotoItem::path).containsExactly("/a", "/x");
        assertThat(g.sections()).extracting(GridSection::title).containsExactly("January 2001", "Date unknown");
        assertThat(g.sections().get(1).year()).isEmpty();
    }

    @Test
    void equalDatesKeepPathOrderSoReloadsDoNotShuffle() {
        DateSections.Grouped g = DateSections.of(List.of(taken("/c", "2019-07-02T10:00:00"), taken("/a", "2019-07-02T10:00:00"),
                taken("/b", "2019-07-02T10:00:00")));

        assertThat(g.items()).extracting(PhotoItem::path).containsExactly("/a", "/b", "/c");
    }

    @Test
    void anUnreadableStoredDateFallsBackToTheFileTime() {
        PhotoItem p = new PhotoItem(1, "/p", 0, 0, "sometime in July", List.of(),
                LocalDateTime.of(2010, 5, 1, 12, 0).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());

        assertThat(p.date().taken()).isFalse();
        assertThat(p.dateText()).startsWith("File date 1 May 2010, 12:00");
    }
}
