package kindred.ui.people;

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
import kindred.library.PhotoDate;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.DateSections;
import kindred.ui.common.GridSection;
import kindred.ui.common.Messages;
import kindred.ui.common.PhotoItem;
import kindred.ui.common.TaskExecutor;

/**
 * A person's photos (their confirmed faces' photos), newest first under month headers, and the same photos read
 * "through the years": the first and the latest photo and how many photos each year has, empty years included. One
 * query ({@code LibraryQueries.photosOf}) and the grouping run on a background thread.
 */
public final class PersonPhotosViewModel {

    /** Photos of one calendar year (by date taken, else file date). */
    public record YearCount(int year, int photos) {
    }

    /** What the "through the years" band shows: first and latest dated photo, photos per year from the first to the last. */
    public record Years(PhotoItem first, PhotoItem latest, List<YearCount> perYear, int undated, int byFileDate) {
        public static final Years NONE = new Years(null, null, List.of(), 0, 0);
    }

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObservableList<PhotoItem> photos = FXCollections.observableArrayList();
    private final ObjectProperty<List<GridSection>> sections = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Years> years = new SimpleObjectProperty<>(Years.NONE);
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    /** Whether the person page shows the photos (true) or the face crops; kept from one person page to the next. */
    private final BooleanProperty shown = new SimpleBooleanProperty(true);
    private String person;
    private int generation;

    public PersonPhotosViewModel(Kindred services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
    }

    /** Reads {@code name}'s photos (again); null empties the page. */
    public void show(String name) {
        int gen = ++generation;
        boolean samePerson = name != null && name.equalsIgnoreCase(person);
        person = name;
        if (name == null) {
            photos.clear();
            sections.set(List.of());
            years.set(Years.NONE);
            summary.set("");
            return;
        }
        if (!samePerson) {
            photos.clear(); // another person's photos never show under this name
            sections.set(List.of());
            years.set(Years.NONE);
            summary.set("");
        }
        loading.set(true);
        executor.execute(BackgroundTask.of("Loading photos", () -> load(name))
                .onlyIf(() -> gen == generation)
                .onSuccess(r -> {
                    if (gen != generation) {
                        return;
                    }
                    loading.set(false);
                    if (!r.grouped().items().equals(photos)) {
                        photos.setAll(r.grouped().items());
                    }
                    sections.set(r.grouped().sections());
                    years.set(r.years());
                    summary.set(summary(r.years(), r.grouped().items().size()));
                })
                .onFailure(t -> {
                    if (gen == generation) {
                        loading.set(false);
                        photos.clear();
                        sections.set(List.of());
                        years.set(Years.NONE);
                        summary.set(Messages.forUser(t));
                    }
                }));
    }

    private record Loaded(DateSections.Grouped grouped, Years years) {
    }

    private Loaded load(String name) {
        List<PhotoItem> items = new ArrayList<>();
        for (LibraryPhoto p : services.queries().photosOf(name)) {
            items.add(PhotoItem.of(p));
        }
        DateSections.Grouped grouped = DateSections.of(items);
        return new Loaded(grouped, years(grouped.items()));
    }

    /** Through the years: {@code newestFirst} must be sorted newest first (as {@link DateSections#of} sorts). */
    static Years years(List<PhotoItem> newestFirst) {
        PhotoItem latest = null;
        PhotoItem first = null;
        int undated = 0;
        int byFile = 0;
        java.util.TreeMap<Integer, Integer> perYear = new java.util.TreeMap<>();
        for (PhotoItem p : newestFirst) {
            PhotoDate d = p.date();
            if (!d.known()) {
                undated++;
                continue;
            }
            if (!d.taken()) {
                byFile++;
            }
            if (latest == null) {
                latest = p;
            }
            first = p;
            perYear.merge(d.time().getYear(), 1, Integer::sum);
        }
        List<YearCount> counts = new ArrayList<>();
        if (!perYear.isEmpty()) {
            for (int y = perYear.firstKey(); y <= perYear.lastKey(); y++) {
                counts.add(new YearCount(y, perYear.getOrDefault(y, 0)));
            }
        }
        return new Years(first, latest, List.copyOf(counts), undated, byFile);
    }

    /** "340 photos from 2004 to 2023", with how many are dated by their file. */
    static String summary(Years y, int photos) {
        if (photos == 0) {
            return "";
        }
        String s = Messages.count(photos, "photo");
        if (!y.perYear().isEmpty()) {
            int from = y.perYear().get(0).year();
            int to = y.perYear().get(y.perYear().size() - 1).year();
            s += from == to ? " in " + from : " from " + from + " to " + to;
        }
        if (y.byFileDate() > 0) {
            s += " · " + y.byFileDate() + " dated by their file, not by the camera";
        }
        if (y.undated() > 0) {
            s += " · " + y.undated() + " without any date";
        }
        return s;
    }

    public ObservableList<PhotoItem> photos() {
        return photos;
    }

    public ObjectProperty<List<GridSection>> sectionsProperty() {
        return sections;
    }

    public ObjectProperty<Years> yearsProperty() {
        return years;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** True: the person page shows the photos; false: the face crops (suggestions and confirmed faces). */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /** The person whose photos these are, or null. */
    public String person() {
        return person;
    }
}
