package kindred.ui.export;

import kindred.library.people.People;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kindred.app.Services;
import kindred.library.regions.FaceRegion;
import kindred.library.regions.FaceRegionSync.Selection;
import kindred.metadata.ExifMetadataReader;
import kindred.metadata.XmpRegionFiles;
import kindred.ui.LibraryViewModelTest;
import org.junit.jupiter.api.Test;

/**
 * The "write names into the photos" dialog's view model without a window: preview, export, summary and errors, on
 * real JPEG files in a real library, read back with Kindred's own XMP reader.
 */
class ExportViewModelTest extends LibraryViewModelTest {

    /** The names in the photo's regions, embedded and in its sidecars (each face is written as MWG and Microsoft: once here). */
    private static List<String> namesIn(Path photo) {
        return new XmpRegionFiles(new ExifMetadataReader(), List.of()).read(photo).regions().stream().map(FaceRegion::name)
                .distinct().toList();
    }

    @Test
    void thePreviewListsTheFilesThatWouldChangeAndWritesNothing() throws Exception {
        long a = photos.face(0);
        long b = photos.face(0);
        photos.face(1);
        services.people().nameFace(a, "Ann");
        services.people().nameFace(b, "Ann");

        ExportViewModel e = vm.requestExport(new Selection(null, "Ann"));
        e.preview();

        assertThat(e.summaryProperty().get()).isEqualTo("Export would write 2 names into 2 files for 2 photos (of 2 looked at).");
        assertThat(e.files()).containsExactlyInAnyOrder(
                "photo-0.jpg.xmp   ·   1 name, new file   ·   in " + tmp.resolve("photos"),
                "photo-1.jpg.xmp   ·   1 name, new file   ·   in " + tmp.resolve("photos"));
        assertThat(e.previewedProperty().get()).isTrue();
        assertThat(Files.exists(Path.of(photos.photoOf(a) + ".xmp"))).isFalse();
    }

    @Test
    void exportingAPersonWritesSidecarsThatNameThemAndLeavesThePhotosAlone() throws Exception {
        long a = photos.face(0);
        long other = photos.face(1);
        services.people().nameFace(a, "Ann");
        services.people().nameFace(other, "Bob");
        Path photo = Path.of(photos.photoOf(a));
        byte[] before = Files.readAllBytes(photo);

        ExportViewModel e = vm.requestExport(new Selection(null, "Ann"));
        e.preview();
        e.export();

        assertThat(e.summaryProperty().get()).isEqualTo("Done: wrote 1 name into 1 file for 1 photo.");
        assertThat(e.doneProperty().get()).isTrue();
        assertThat(e.progressProperty().get()).isEqualTo(1.0);
        assertThat(namesIn(photo)).containsExactly("Ann");
        assertThat(Files.readAllBytes(photo)).isEqualTo(before);
        assertThat(Files.exists(Path.of(photos.photoOf(other) + ".xmp"))).as("Bob's photo is not Ann's").isFalse();
    }

    @Test
    void embeddedIsWrittenIntoThePhotoOnlyWhenChosen() throws Exception {
        long a = photos.face(0);
        services.people().nameFace(a, "Ann");
        Path photo = Path.of(photos.photoOf(a));

        ExportViewModel e = vm.requestExport(new Selection(photo.toString(), null));
        e.targetProperty().set(ExportViewModel.Target.EMBEDDED);
        assertThat(e.files()).containsExactly(photo.getFileName() + "   ·   1 name   ·   in " + photo.getParent());
        e.export();

        assertThat(Files.exists(Path.of(photo + ".xmp"))).isFalse();
        assertThat(namesIn(photo)).containsExactly("Ann");
        assertThat(e.summaryProperty().get()).isEqualTo("Done: wrote 1 name into 1 file for 1 photo.");
    }

    @Test
    void exportingAgainSaysThePhotosAreUpToDateAndAMissingPhotoIsSkippedWithTheReason() throws Exception {
        long a = photos.face(0);
        long b = photos.face(0);
        services.people().nameFace(a, "Ann");
        services.people().nameFace(b, "Ann");
        ExportViewModel first = vm.requestExport(Selection.everything());
        first.preview();
        first.export();
        Files.delete(Path.of(photos.photoOf(b)));

        ExportViewModel again = vm.requestExport(Selection.everything());
        again.preview();
        assertThat(again.summaryProperty().get()).isEqualTo("Nothing to write: the 2 photos already say what Kindred knows, except the ones below.");
        again.export();

        assertThat(again.summaryProperty().get()).isEqualTo("Done: wrote 0 names into 0 files for 0 photos. 1 photo was already up to date. "
                + "1 photo skipped: see why below.");
        assertThat(again.problems()).singleElement().satisfies(p -> assertThat(p).endsWith("the photo is not there any more; nothing written"));
    }

    @Test
    void theImportOnScanCheckboxIsTheLibrarySettingTheCommandLineUses() {
        vm.settings().reload();
        assertThat(vm.settings().importOnScanProperty().get()).isFalse();

        vm.settings().importOnScanProperty().set(true);

        assertThat(kindred.library.regions.FaceRegionSync.importOnScan(services.store())).isTrue();
        services.store().setSetting(kindred.library.regions.FaceRegionSync.IMPORT_ON_SCAN_SETTING, "false");
        vm.settings().reload();
        assertThat(vm.settings().importOnScanProperty().get()).isFalse();
    }

    @Test
    void aPersonWhoIsGoneGivesAReadableError() throws Exception {
        ExportViewModel e = vm.requestExport(new Selection(null, "Nobody"));
        e.preview();

        assertThat(e.errorProperty().get()).isEqualTo("The preview did not work: There is no person called Nobody. Check the spelling; the People page and `kindred people` list everyone.");
        assertThat(e.runningProperty().get()).isFalse();
        assertThat(e.previewedProperty().get()).isFalse();
    }
}
