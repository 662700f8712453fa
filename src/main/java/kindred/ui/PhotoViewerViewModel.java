package kindred.ui;

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
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.model.State;

/** The photo viewer: one photo of a list, its faces with names, arrows to move, naming a face. */
public final class PhotoViewerViewModel {

    private final WindowServices services;
    private final TaskExecutor executor;
    private final ObservableList<FaceInfo> faces = FXCollections.observableArrayList();
    private final ObjectProperty<PhotoItem> photo = new SimpleObjectProperty<>();
    private final IntegerProperty index = new SimpleIntegerProperty(-1);
    private final BooleanProperty showBoxes = new SimpleBooleanProperty(true);
    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private final StringProperty caption = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private List<PhotoItem> list = List.of();
    private int generation;
    private Runnable changed = () -> { };

    public PhotoViewerViewModel(WindowServices services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
    }

    public void onChanged(Runnable r) {
        this.changed = r;
    }

    /** Opens photo {@code i} of {@code photos} (the grid's current list). */
    public void open(List<PhotoItem> photos, int i) {
        list = List.copyOf(photos);
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
        photo.set(p);
        caption.set(p.fileName() + "  ·  " + (i + 1) + " of " + list.size());
        loadFaces();
    }

    private void loadFaces() {
        int gen = ++generation;
        PhotoItem p = photo.get();
        executor.execute(BackgroundTask.of("Loading faces", () -> services.store().faces(new FaceQuery(p.path(), null, null)))
                .onSuccess(list -> {
                    if (gen == generation) {
                        faces.setAll(list.stream().filter(f -> f.state() != State.IGNORED).toList());
                    }
                }));
    }

    /** Names (or renames) one face; a new name creates the person. */
    public void nameFace(long faceId, String name) {
        String n = PeopleViewModel.clean(name);
        if (n == null) {
            return;
        }
        executor.execute(BackgroundTask.of("Naming a face", () -> services.people().nameFace(faceId, n))
                .onSuccess(r -> {
                    message.set("Named \"" + r.person() + "\"");
                    loadFaces();
                    changed.run();
                })
                .onFailure(t -> message.set(Messages.forUser(t))));
    }

    /** "Not this face" for a wrong assignment: removes the name and remembers it. */
    public void rejectFace(FaceInfo face) {
        if (face.person() == null) {
            return;
        }
        executor.execute(BackgroundTask.run("Removing a name", () -> services.people().reject(face.id(), face.person()))
                .onSuccess(r -> {
                    message.set("Not " + face.person() + ": remembered");
                    loadFaces();
                    changed.run();
                })
                .onFailure(t -> message.set(Messages.forUser(t))));
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
