package kindred.ui.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import kindred.app.Services;
import kindred.ui.SyntheticPhotos;
import kindred.ui.common.CurrentThreadTaskExecutor;
import kindred.ui.common.GridSection;
import kindred.ui.common.PhotoItem;
import kindred.ui.people.PersonPhotosViewModel.YearCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's photos and their years, on a real library of synthetic photos (no window, no face models). */
class PersonPhotosViewModelTest {

    @TempDir
    Path tmp;

    private Services services;
    private SyntheticPhotos photos;
    private PersonPhotosViewModel vm;

    @BeforeEach
    void library() throws Exception {
        services = new Services(tmp.resolve("library"));
        photos = new SyntheticPhotos(services, tmp.resolve("photos"), 2);
        vm = new PersonPhotosViewModel(services, new CurrentThreadTaskExecutor());
    }

    @AfterEach
    void close() {
        services.close();
    }

    private long adaAt(int year, int month) throws Exception {
        long face = photos.face(0, LocalDateTime.of(year, month, 10, 12, 0), 0);
        services.people().nameFace(face, "Ada");
        return face;
    }

    @Test
    void theirPhotosComeNewestFirstUnderMonthHeaders() throws Exception {
        adaAt(2015, 6);
        adaAt(2021, 2);
        adaAt(2021, 2);
        adaAt(2018, 11);

        vm.show("Ada");

        assertThat(vm.photos()).extracting(p -> p.takenAt().substring(0, 7)).containsExactly("2021-02", "2021-02", "2018-11", "2015-06");
        assertThat(vm.sectionsProperty().get()).extracting(GridSection::title).containsExactly("February 2021", "November 2018", "June 2015");
        assertThat(vm.sectionsProperty().get()).extracting(GridSection::start).containsExactly(0, 2, 3);
    }

    @Test
    void onlyPhotosWhereTheirFaceIsConfirmedAreTheirs() throws Exception {
        adaAt(2020, 1);
        long rejected = adaAt(2019, 1);
        services.people().reject(rejected, "Ada");
        photos.face(1, LocalDateTime.of(2018, 1, 1, 0, 0), 0); // someone else, unnamed

        vm.show("Ada");

        assertThat(vm.photos()).hasSize(1);
        assertThat(vm.photos().get(0).takenAt()).startsWith("2020-01");
    }

    @Test
    void throughTheYearsCountsEachYearFromTheFirstToTheLastGapsIncluded() throws Exception {
        adaAt(2016, 3);
        adaAt(2019, 7);
        adaAt(2019, 8);
        adaAt(2020, 1);

        vm.show("Ada");

        PersonPhotosViewModel.Years years = vm.yearsProperty().get();
        assertThat(years.perYear()).containsExactly(new YearCount(2016, 1), new YearCount(2017, 0), new YearCount(2018, 0),
                new YearCount(2019, 2), new YearCount(2020, 1));
        assertThat(years.first().takenAt()).startsWith("2016-03");
        assertThat(years.latest().takenAt()).startsWith("2020-01");
        assertThat(vm.summaryProperty().get()).isEqualTo("4 photos from 2016 to 2020");
    }

    @Test
    void aPhotoWithoutADateTakenIsPlacedByItsFileAndTheSummarySaysSo() throws Exception {
        adaAt(2016, 3);
        long may2022 = LocalDateTime.of(2022, 5, 1, 12, 0).atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        long face = photos.face(0, null, may2022);
        services.people().nameFace(face, "Ada");

        vm.show("Ada");

        PhotoItem newest = vm.photos().get(0);
        assertThat(newest.takenAt()).isNull();
        assertThat(newest.dateText()).startsWith("File date 1 May 2022");
        assertThat(vm.sectionsProperty().get().get(0).note()).isEqualTo("1 photo · all by file date");
        assertThat(vm.summaryProperty().get()).isEqualTo("2 photos from 2016 to 2022 · 1 dated by their file, not by the camera");
    }

    @Test
    void anotherPersonsPageStartsEmptyNotWithThePreviousPhotos() throws Exception {
        adaAt(2016, 3);
        vm.show("Ada");
        assertThat(vm.photos()).hasSize(1);

        vm.show("Nobody");

        assertThat(vm.photos()).isEmpty();
        assertThat(vm.yearsProperty().get().perYear()).isEmpty();
        assertThat(List.of(vm.summaryProperty().get())).containsExactly("");
    }
}
