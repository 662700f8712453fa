package kindred.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import java.util.List;

/** The photo grid: all photos or one folder's, filtered by faces. */
public final class PhotoGridViewModel {

    /** What the grid shows of the chosen photos. */
    public enum Filter {
        ALL("All photos"), WITH_FACES("With faces"), UNNAMED_FACES("With unnamed faces");

        private final String label;

        Filter(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final WindowServices services;
    private final TaskExecutor executor;
    private final ObservableList<PhotoItem> photos = FXCollections.observableArrayList();
    private final ObjectProperty<String> folder = new SimpleObjectProperty<>();
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty emptyText = new SimpleStringProperty("");
    private List<PhotoItem> all = List.of();
    private int generation;

    public PhotoGridViewModel(WindowServices services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
        filter.addListener((o, a, b) -> applyFilter());
    }

    /** Shows one folder's photos, or all when {@code path} is null. */
    public void showFolder(String path) {
        folder.set(path);
        reload();
    }

    public void reload() {
        int gen = ++generation;
        String f = folder.get();
        loading.set(true);
        executor.execute(BackgroundTask.of("Loading photos", () -> new PhotoCatalog(services.store()).photos(f))
                .onSuccess(list -> {
                    if (gen == generation) {
                        all = list;
                        loading.set(false);
                        applyFilter();
                    }
                }));
    }

    private void applyFilter() {
        List<PhotoItem> shown = switch (filter.get()) {
            case ALL -> all;
            case WITH_FACES -> all.stream().filter(p -> p.faces() > 0).toList();
            case UNNAMED_FACES -> all.stream().filter(p -> p.unnamedFaces() > 0).toList();
        };
        if (!shown.equals(photos)) {
            photos.setAll(shown);
        }
        emptyText.set(all.isEmpty() ? "No photos here yet. Add a folder to start."
                : shown.isEmpty() ? "No photos match \"" + filter.get() + "\"." : "");
    }

    public ObservableList<PhotoItem> photos() {
        return photos;
    }

    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }

    public ObjectProperty<String> folderProperty() {
        return folder;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty emptyTextProperty() {
        return emptyText;
    }
}
