package kindred.ui.photos;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.LibraryPhoto;
import kindred.library.LibraryStore;
import kindred.library.PhotoQuery;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.DateSections;
import kindred.ui.common.GridSection;
import kindred.ui.common.PhotoItem;
import kindred.ui.common.TaskExecutor;

/**
 * The photo grid: all photos or one folder's, filtered by faces and by person, newest first under month headers
 * ({@link DateSections}: the date taken, else the file's date). The store does the filtering (one indexed query per
 * page, {@link LibraryStore#photos}); sorting and grouping run on the background thread too (about 60 ms for 100,000
 * photos); the first page is shown as soon as it is read, the rest follows in one update, so a 100,000-photo library
 * opens at once and reloads without flicker.
 */
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

    /** Page size for reading the grid (rows per query). */
    static final int PAGE = PhotoQuery.PAGE;

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObservableList<PhotoItem> photos = FXCollections.observableArrayList();
    private final ObjectProperty<String> folder = new SimpleObjectProperty<>();
    private final ObjectProperty<Filter> filter = new SimpleObjectProperty<>(Filter.ALL);
    private final ObjectProperty<String> person = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty emptyText = new SimpleStringProperty("");
    private final ObjectProperty<List<GridSection>> sections = new SimpleObjectProperty<>(List.of());
    private volatile int generation;

    public PhotoGridViewModel(Kindred services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
        filter.addListener((o, a, b) -> reload());
        person.addListener((o, a, b) -> reload());
    }

    /** Shows one folder's photos, or all when {@code path} is null. */
    public void showFolder(String path) {
        folder.set(path);
        reload();
    }

    PhotoQuery query() {
        Filter f = filter.get();
        return new PhotoQuery(folder.get(), f == Filter.WITH_FACES, f == Filter.UNNAMED_FACES, person.get(), null, PAGE);
    }

    public void reload() {
        int gen = ++generation;
        PhotoQuery q = query();
        boolean showFirstPageEarly = photos.isEmpty();
        loading.set(true);
        executor.execute(BackgroundTask.of("Loading photos", () -> {
                    kindred.library.LibraryQueries store = services.queries();
                    List<PhotoItem> all = new ArrayList<>();
                    PhotoQuery page = q;
                    while (gen == generation) {
                        List<LibraryPhoto> rows = store.photos(page);
                        rows.forEach(r -> all.add(PhotoItem.of(r)));
                        if (rows.size() < page.limit()) {
                            return Update.between(shown, DateSections.of(all));
                        }
                        if (showFirstPageEarly && all.size() == rows.size()) {
                            DateSections.Grouped first = DateSections.of(all);
                            executor.runOnUi(() -> {
                                if (gen == generation) {
                                    show(first);
                                }
                            });
                        }
                        page = page.after(rows.get(rows.size() - 1).path());
                    }
                    return null; // superseded
                })
                .onlyIf(() -> gen == generation)
                .onSuccess(u -> {
                    if (u == null || gen != generation) {
                        return;
                    }
                    loading.set(false);
                    // Replaced whole when the grid changed while this was compared (its first page shown early) or when
                    // more than a few tiles differ.
                    if (u.from() != shown || u.changed() == null) {
                        show(u.grouped());
                    } else {
                        for (int i : u.changed()) { // the same photos in the same order: only these tiles change
                            photos.set(i, u.list().get(i));
                        }
                        shown = u.list();
                        if (!u.grouped().sections().equals(sections.get())) {
                            sections.set(u.grouped().sections()); // a count in a header changed
                        }
                    }
                    updateEmptyText();
                }));
    }

    /**
     * What {@link #photos} shows, as an immutable copy: a reload compares its answer with it on the background thread.
     * At 100,000 photos, comparing on the FX thread and replacing every item took part of its longest stalls while
     * indexing (docs/bench/fx-stall.sh on a 300,000-face library).
     */
    private volatile List<PhotoItem> shown = List.of();

    private void show(DateSections.Grouped grouped) {
        photos.setAll(grouped.items());
        sections.set(grouped.sections());
        shown = grouped.items();
    }

    /** At most this many tiles are updated one by one (each is a change event); more replace the list at once. */
    static final int MAX_TILES_UPDATED_IN_PLACE = 32;

    /**
     * A reload's answer compared with what was shown ({@code from}): {@code changed} lists the indexes whose photo
     * changed when the photos are the same ones in the same order and few changed (empty: nothing to do), else null.
     */
    private record Update(List<PhotoItem> from, DateSections.Grouped grouped, int[] changed) {
        List<PhotoItem> list() {
            return grouped.items();
        }

        static Update between(List<PhotoItem> from, DateSections.Grouped grouped) {
            List<PhotoItem> list = grouped.items();
            if (from.size() != list.size()) {
                return new Update(from, grouped, null);
            }
            int[] changed = new int[MAX_TILES_UPDATED_IN_PLACE];
            int n = 0;
            for (int i = 0; i < list.size(); i++) {
                PhotoItem a = from.get(i);
                PhotoItem b = list.get(i);
                if (!a.equals(b)) {
                    if (a.id() != b.id() || n == changed.length) {
                        return new Update(from, grouped, null);
                    }
                    changed[n++] = i;
                }
            }
            return new Update(from, grouped, java.util.Arrays.copyOf(changed, n));
        }
    }

    private void updateEmptyText() {
        boolean filtered = filter.get() != Filter.ALL || person.get() != null;
        emptyText.set(!photos.isEmpty() ? "" : filtered ? "No photos match these filters." : "No photos here yet. Add a folder to start.");
    }

    public ObservableList<PhotoItem> photos() {
        return photos;
    }

    /** The month headers over {@link #photos()}, set in the same pulse as the photos. */
    public ObjectProperty<List<GridSection>> sectionsProperty() {
        return sections;
    }

    public ObjectProperty<Filter> filterProperty() {
        return filter;
    }

    /** Only photos where this person is confirmed (null: anyone). */
    public ObjectProperty<String> personProperty() {
        return person;
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
