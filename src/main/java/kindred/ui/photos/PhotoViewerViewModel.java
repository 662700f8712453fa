package kindred.ui.photos;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.PeopleService;
import kindred.model.FaceBox;
import kindred.model.State;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.PhotoItem;
import kindred.ui.common.TaskExecutor;
import kindred.ui.common.UndoHistory;

/** The photo viewer: one photo of a list, its faces with names, arrows to move, naming a face. */
public final class PhotoViewerViewModel {

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObservableList<FaceInfo> faces = FXCollections.observableArrayList();
    private final ObjectProperty<PhotoItem> photo = new SimpleObjectProperty<>();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final BooleanProperty showBoxes = new SimpleBooleanProperty(true);
    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private final StringProperty caption = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private List<PhotoItem> list = List.of();
    /** For each photo of {@link #list}, the face to mark (null: none), or null when no face is marked by id. */
    private List<Long> markedIds;
    /** The person whose face is marked in each photo (a person's photos), or null. */
    private String markedPerson;
    private final javafx.beans.property.LongProperty marked = new javafx.beans.property.SimpleLongProperty(-1);
    private int generation;
    private Runnable changed = () -> { };

    private final UndoHistory history;
    private final BooleanProperty drawing = new SimpleBooleanProperty(false);

    public PhotoViewerViewModel(Kindred services, TaskExecutor executor) {
        this(services, executor, new UndoHistory(services, executor));
    }

    /** With the window's shared undo history. */
    public PhotoViewerViewModel(Kindred services, TaskExecutor executor, UndoHistory history) {
        this.services = services;
        this.executor = executor;
        this.history = history;
    }

    public void onChanged(Runnable r) {
        this.changed = r;
    }

    /** Opens photo {@code i} of {@code photos} (the grid's current list). */
    public void open(List<PhotoItem> photos, int i) {
        show(photos, i, null, null);
    }

    /**
     * Opens the photo of face {@code i} of {@code faces} with that face marked ({@link #markedProperty()}); the arrows
     * go to the other faces' photos, each with its own face marked.
     */
    public void openFaces(List<FaceInfo> faces, int i) {
        List<PhotoItem> photos = new java.util.ArrayList<>(faces.size());
        List<Long> ids = new java.util.ArrayList<>(faces.size());
        for (FaceInfo f : faces) {
            photos.add(new PhotoItem(f.photoId(), f.photoPath(), 0, 0));
            ids.add(f.id());
        }
        show(photos, i, ids, null);
    }

    /** Opens photo {@code i} of {@code photos}, marking {@code person}'s face in each. */
    public void openPhotosOf(String person, List<PhotoItem> photos, int i) {
        show(photos, i, null, person);
    }

    private void show(List<PhotoItem> photos, int i, List<Long> ids, String person) {
        list = List.copyOf(photos);
        markedIds = ids;
        markedPerson = person;
        if (list.isEmpty()) {
            return;
        }
        open.set(true);
        go(Math.max(0, Math.min(i, list.size() - 1)));
    }

    public void close() {
        open.set(false);
    }

    public void next() {
        if (index.get() + 1 < list.size()) {
            go(index.get() + 1);
        }
    }

    public void previous() {
        if (index.get() > 0) {
            go(index.get() - 1);
        }
    }

    public void toggleBoxes() {
        showBoxes.set(!showBoxes.get());
    }

    private void go(int i) {
        index.set(i);
        PhotoItem p = list.get(i);
        marked.set(-1);
        photo.set(p);
        caption.set(p.fileName() + "  ·  " + (i + 1) + " of " + list.size());
        loadFaces();
    }

    /** Reads the shown photo's faces again (after an undo). */
    public void reloadFaces() {
        if (photo.get() != null && open.get()) {
            loadFaces();
        }
    }

    private void loadFaces() {
        int gen = ++generation;
        PhotoItem p = photo.get();
        executor.execute(BackgroundTask.of("Loading faces", () -> services.queries().faces(new FaceQuery(p.path(), null, null)))
                .onSuccess(list -> {
                    if (gen == generation) {
                        long mark = markFor(list);
                        // Set before the faces, so that the boxes are drawn once, with the mark.
                        marked.set(mark);
                        faces.setAll(list.stream().filter(f -> f.state() != State.IGNORED || f.id() == mark).toList());
                    }
                }));
    }

    /** The face to mark among the shown photo's {@code faces}: the face it was opened for, or the person's; else -1. */
    private long markFor(List<FaceInfo> faces) {
        int i = index.get();
        if (markedIds != null && i >= 0 && i < markedIds.size() && markedIds.get(i) != null) {
            long id = markedIds.get(i);
            return faces.stream().anyMatch(f -> f.id() == id) ? id : -1;
        }
        if (markedPerson != null) {
            return faces.stream().filter(f -> markedPerson.equalsIgnoreCase(f.person()))
                    .sorted(java.util.Comparator.comparing((FaceInfo f) -> f.state() != State.CONFIRMED))
                    .mapToLong(FaceInfo::id).findFirst().orElse(-1);
        }
        return -1;
    }

    /** The face marked in the shown photo (the one it was opened for), or -1. */
    public javafx.beans.property.ReadOnlyLongProperty markedProperty() {
        return marked;
    }

    /** Names (or renames) one face; a new name creates the person. */
    public void nameFace(long faceId, String name) {
        String n = Messages.cleanName(name);
        if (n == null) {
            return;
        }
        decide("Naming a face", p -> p.nameFace(faceId, n), r -> "Named \"" + r.person() + "\"");
    }

    /** "Yes" to a face's suggestion ("Alice?"): it is confirmed as that person. */
    public void confirmFace(FaceInfo face) {
        if (face.person() == null || face.state() != State.UNCONFIRMED) {
            return;
        }
        decide("Confirming a face", p -> p.confirm(List.of(face.id())), n -> "Confirmed \"" + face.person() + "\"");
    }

    /** "Not this face" for a wrong assignment: removes the name and remembers it. */
    public void rejectFace(FaceInfo face) {
        if (face.person() == null) {
            return;
        }
        decide("Removing a name", p -> p.reject(face.id(), face.person()), r -> "Not " + face.person() + ": remembered");
    }

    /** What {@link #removeFace} does, said before it is done. */
    public static final String REMOVE_EXPLANATION = "The box and any name on it go away, and a rescan will not find it "
            + "again. The photo itself is untouched. Ctrl+Z brings it back.";

    /** Removes a false face (not a face at all): undoable; rescans do not recreate it. The view asks first. */
    public void removeFace(FaceInfo face) {
        decide("Removing a face", p -> p.removeFace(face.id()), r -> "Face removed (Ctrl+Z brings it back)");
    }

    /** Starts or stops drawing a box (D): the view turns a drag over the photo into {@link #addFace}. */
    public void toggleDrawing() {
        drawing.set(!drawing.get());
    }

    /**
     * A face the detector missed: {@code box} in display pixels of the shown photo, named {@code name}. Embedded in
     * the background, so it is clustered and matched like any other face. Undoable.
     */
    public void addFace(FaceBox box, String name) {
        String n = Messages.cleanName(name);
        PhotoItem p = photo.get();
        drawing.set(false);
        if (n == null || p == null) {
            return;
        }
        decide("Adding a face", people -> {
            kindred.library.people.ManualFaces.Added added = services.manualFaces().add(p.path(), box, n);
            return new kindred.library.Decided<>(added, added.undo());
        }, added -> "Added a face named \"" + added.named().person() + "\""
                + (added.embedded() ? "" : " (too unclear to recognise elsewhere; it keeps its name)"));
    }

    /** A decision through the shared undo history; then the message, the faces again and the listener. */
    private <T> void decide(String what, java.util.function.Function<PeopleService, kindred.library.Decided<T>> work,
                            java.util.function.Function<T, String> done) {
        history.decide(what, work, r -> {
            message.set(done.apply(r));
            loadFaces();
            changed.run();
        }, message::set);
    }

    /** True while a drag over the photo draws a new face box. */
    public BooleanProperty drawingProperty() {
        return drawing;
    }

    public ObservableList<FaceInfo> faces() {
        return faces;
    }

    public ObjectProperty<PhotoItem> photoProperty() {
        return photo;
    }

    public IntegerProperty indexProperty() {
        return index;
    }

    public BooleanProperty showBoxesProperty() {
        return showBoxes;
    }

    public BooleanProperty openProperty() {
        return open;
    }

    public StringProperty captionProperty() {
        return caption;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
