package kindred.ui.common;

import java.util.List;
import kindred.library.FaceInfo;
import kindred.library.regions.FaceRegionSync;

/**
 * What a page asks of the window around it: going to another page, opening photos in the viewer, exporting face
 * regions. The window's view model implements it, so that no page depends on the window or on another page. Called
 * on the JavaFX thread.
 */
public interface Navigation {

    /** Shows the person page of {@code name}. */
    void openPerson(String name);

    /** Shows the faces of one unnamed cluster. */
    void openCluster(long clusterId);

    /** Shows Review: the suggestions of every person. */
    void openReview();

    /** Shows the Unnamed page: the clusters no one has named. */
    void openUnnamed();

    /** Opens {@code photos} in the viewer at {@code index}. */
    void openPhoto(List<PhotoItem> photos, int index);

    /**
     * Opens the photo of {@code faces.get(index)} in the viewer with that face marked; the arrows go to the other
     * faces' photos, each with its face marked (a person page's faces, Review, an unnamed group).
     */
    void openFaces(List<FaceInfo> faces, int index);

    /** Opens {@code photos} in the viewer at {@code index}, marking {@code person}'s face in each (a person's photos). */
    void openPhotosOf(String person, List<PhotoItem> photos, int index);

    /** Shows the file at {@code path} in the system's file manager (off the FX thread; says so when it cannot). */
    void showInFileManager(String path);

    /** Asks for an export of the face regions of {@code selection} (the window opens its dialog). */
    void export(FaceRegionSync.Selection selection);

    /** Asks for "Export photos…" of these people's photos: a gallery folder each (the window opens its dialog). */
    void exportPhotos(List<String> people);

    /** Asks for "Import a roster…": people from reference photos (the window opens its dialog). */
    void importRoster();

    /** Asks for Review's "Confirm all above…" for one person's suggestions (null: everyone's). */
    void confirmAbove(String person);
}
