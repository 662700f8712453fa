package kindred.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.FolderInfo;
import kindred.library.LibraryCounts;
import kindred.ui.accuracy.AuditViewModel;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.Navigation;
import kindred.ui.common.PhotoItem;
import kindred.ui.common.TaskExecutor;
import kindred.ui.common.UndoHistory;
import kindred.ui.export.ExportViewModel;
import kindred.ui.indexing.IndexingViewModel;
import kindred.ui.people.PeopleViewModel;
import kindred.ui.people.PersonViewModel;
import kindred.ui.photos.PhotoGridViewModel;
import kindred.ui.photos.PhotoViewerViewModel;
import kindred.ui.search.SearchViewModel;
import kindred.ui.settings.SettingsViewModel;

/**
 * The main window: which page is shown, the library's folders and counts, the tile size, the inspector,
 * messages for the user; owns the pages' view models and keeps them fresh when the library changes.
 */
public final class MainWindowViewModel implements Navigation {

    /** The sidebar's pages. */
    public enum Page {
        PHOTOS("Photos"), PEOPLE("People"), UNNAMED("Unnamed"), REVIEW("Review"), SEARCH("Search"), SETTINGS("Settings"), PERSON("Person"),
        ACCURACY("Accuracy"), OTHER("Other faces");

        private final String title;

        Page(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The sidebar entries that show a live count (see {@link #sidebarCounts()}). */
    public enum Count {
        /** People not hidden: the People page. */
        PEOPLE,
        /** Groups listed under Unnamed (with "Show small groups", pairs too). */
        UNNAMED,
        /** Suggestions waiting for a yes or no: the Review page. */
        REVIEW,
        /** Faces no group holds and no one is named on: the Other faces page. */
        OTHER_FACES
    }

    private final Kindred services;
    private final TaskExecutor executor;
    private final IndexingViewModel indexing;
    private final PhotoGridViewModel photos;
    private final PeopleViewModel people;
    private final PersonViewModel person;
    private final SearchViewModel search;
    private final SettingsViewModel settings;
    private final PhotoViewerViewModel viewer;
    private final UndoHistory history;
    private final AuditViewModel audit;
    private final ObjectProperty<ExportViewModel> exportRequest = new SimpleObjectProperty<>();
    /** The photographer's dialogs (issue 21) the window should show (null after it was shown). */
    private final ObjectProperty<Object> rosterDialogRequest = new SimpleObjectProperty<>();

    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.PHOTOS);
    private final ObservableList<FolderInfo> folders = FXCollections.observableArrayList();
    private final ObjectProperty<LibraryCounts> counts = new SimpleObjectProperty<>();
    private final javafx.collections.ObservableMap<Count, Integer> sidebarCounts = FXCollections.observableHashMap();
    private int countsGeneration;
    private final BooleanProperty firstRun = new SimpleBooleanProperty(false);
    private final BooleanProperty loaded = new SimpleBooleanProperty(false);
    private final DoubleProperty tileSize = new SimpleDoubleProperty(180);
    private final BooleanProperty inspectorVisible = new SimpleBooleanProperty(false);
    private final StringProperty notification = new SimpleStringProperty("");

    public MainWindowViewModel(Kindred services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
        this.history = new UndoHistory(services, executor);
        this.indexing = new IndexingViewModel(services, executor);
        this.photos = new PhotoGridViewModel(services, executor);
        this.people = new PeopleViewModel(services, executor, history);
        this.person = new PersonViewModel(services, executor, history);
        this.search = new SearchViewModel(services, executor);
        this.settings = new SettingsViewModel(services, executor);
        this.viewer = new PhotoViewerViewModel(services, executor, history);
        this.audit = new AuditViewModel(services, executor);
        audit.onOpenPhoto(p -> viewer.open(List.of(p), 0));
        audit.messageProperty().addListener((o, a, b) -> notify(b));
        executor.setDefaultFailureHandler(t -> notification.set(Messages.forUser(t)));
        indexing.onLibraryChanged(this::libraryChanged);
        person.unnamedMinGroup(() -> people.showSmallGroupsProperty().get()
                ? PeopleViewModel.SMALL_CLUSTER_FACES : PeopleViewModel.LISTED_CLUSTER_FACES);
        people.showSmallGroupsProperty().addListener((o, a, b) -> {
            refreshCounts(); // the Unnamed and Other faces counts are of what their pages list
            if (page.get() == Page.OTHER) {
                person.reload(); // pairs move between Unnamed and Other faces
            }
        });
        settings.onFoldersChanged(this::libraryChanged);
        people.onChanged(this::peopleChanged);
        person.onChanged(this::peopleChanged);
        viewer.onChanged(this::peopleChanged);
        people.messageProperty().addListener((o, a, b) -> notify(b));
        person.messageProperty().addListener((o, a, b) -> notify(b));
        viewer.messageProperty().addListener((o, a, b) -> notify(b));
        settings.messageProperty().addListener((o, a, b) -> notify(b));
        history.messageProperty().addListener((o, a, b) -> notify(b));
        history.onUndone(() -> {
            peopleChanged();
            viewer.reloadFaces();
            switch (page.get()) {
                case REVIEW, PERSON, OTHER -> person.reload();
                case PHOTOS -> photos.reload();
                default -> { }
            }
        });
    }

    /** Ctrl+Z: undoes the newest decision of the library (confirm, reject, ignore, name, merge, hide, rename, draw or remove a face), whoever made it. */
    public void undo() {
        history.undo();
    }

    public UndoHistory history() {
        return history;
    }

    private void notify(String m) {
        if (m != null && !m.isBlank()) {
            notification.set(null);
            notification.set(m);
        }
    }

    /** First load: folders and counts; resumes indexing left over from last time. */
    public void start() {
        executor.execute(BackgroundTask.of("Opening the library", () -> {
                    List<FolderInfo> f = services.queries().folders();
                    return new Start(f, services.queries().counts());
                })
                .onSuccess(s -> {
                    folders.setAll(s.folders);
                    counts.set(s.counts);
                    firstRun.set(s.folders.isEmpty());
                    loaded.set(true);
                    history.refresh(); // decisions of an earlier session or of the command line can be undone too
                    photos.showFolder(null);
                    people.reload();
                    refreshCounts(); // the sidebar's counts of people, groups and suggestions
                    if (s.counts.pendingJobs() > 0) {
                        indexing.startIndexing();
                    } else {
                        indexing.loadFailures();
                    }
                    indexing.startWatching(); // keeps the library current while the window is open (issue 18)
                })
                .onFailure(t -> {
                    loaded.set(true);
                    notification.set("The library at " + services.libraryDir() + " could not be opened: " + Messages.forUser(t));
                }));
    }

    private record Start(List<FolderInfo> folders, LibraryCounts counts) {
    }

    public void addFolders(List<Path> dirs) {
        if (dirs.isEmpty()) {
            return;
        }
        firstRun.set(false);
        page.set(Page.PHOTOS);
        photos.showFolder(null);
        indexing.addFolders(dirs);
    }

    public void show(Page p) {
        page.set(p);
        switch (p) {
            case PHOTOS -> photos.reload();
            case PEOPLE, UNNAMED -> people.reload();
            case REVIEW -> person.showReview();
            case OTHER -> person.showOther();
            case SEARCH -> people.reload();
            case SETTINGS -> settings.reload();
            case ACCURACY -> audit.reload();
            case PERSON -> { }
        }
    }

    public void showFolder(String path) {
        page.set(Page.PHOTOS);
        photos.showFolder(path);
    }

    @Override
    public void openPerson(String name) {
        page.set(Page.PERSON);
        person.showPerson(name);
    }

    @Override
    public void openCluster(long clusterId) {
        page.set(Page.PERSON);
        person.showCluster(clusterId);
    }

    @Override
    public void openReview() {
        show(Page.REVIEW);
    }

    @Override
    public void openUnnamed() {
        show(Page.UNNAMED);
    }

    @Override
    public void openPhoto(List<PhotoItem> photos, int index) {
        viewer.open(photos, index);
    }

    @Override
    public void openFaces(List<kindred.library.FaceInfo> faces, int index) {
        viewer.openFaces(faces, index);
    }

    @Override
    public void openPhotosOf(String person, List<PhotoItem> photos, int index) {
        viewer.openPhotosOf(person, photos, index);
    }

    @Override
    public void showInFileManager(String path) {
        kindred.ui.common.FileManager.show(executor, path, this::notify);
    }

    @Override
    public void export(kindred.library.regions.FaceRegionSync.Selection selection) {
        requestExport(selection);
    }

    @Override
    public void exportPhotos(List<String> people) {
        rosterDialogRequest.set(new kindred.ui.export.GalleryExportViewModel(services, executor, people));
    }

    @Override
    public void importRoster() {
        rosterDialogRequest.set(new kindred.ui.roster.RosterImportViewModel(services, executor, () -> {
            libraryChanged();
            history.refresh(); // its reference faces were named: Ctrl+Z takes them back, a person at a time
        }));
    }

    @Override
    public void confirmAbove(String person) {
        rosterDialogRequest.set(new kindred.ui.roster.ConfirmAboveViewModel(services, executor, history, person, this::peopleChanged));
    }

    /**
     * "Export photos…", "Import a roster…" or "Confirm all above…" to show: a {@code GalleryExportViewModel},
     * {@code RosterImportViewModel} or {@code ConfirmAboveViewModel} (null after it was shown).
     */
    public ObjectProperty<Object> rosterDialogRequestProperty() {
        return rosterDialogRequest;
    }

    private void libraryChanged() {
        refreshCounts();
        switch (page.get()) {
            case PHOTOS -> photos.reload();
            case PEOPLE, UNNAMED, SEARCH -> people.reload();
            case REVIEW, PERSON, OTHER -> person.reload();
            default -> { }
        }
    }

    private void peopleChanged() {
        refreshCounts();
        people.reload();
        if (page.get() == Page.PHOTOS) {
            photos.reload(); // the tiles' and the Info panel's unnamed counts
        }
        if (page.get() == Page.SEARCH) {
            search.search();
        }
    }

    /**
     * Counts the library again (photos, faces, and the sidebar's people, groups, suggestions and faces seen once):
     * after every scan step, grouping and decision. Only the newest of several counts in flight is shown.
     */
    public void refreshCounts() {
        int gen = ++countsGeneration;
        int minGroup = people.showSmallGroupsProperty().get() ? PeopleViewModel.SMALL_CLUSTER_FACES : PeopleViewModel.LISTED_CLUSTER_FACES;
        executor.execute(BackgroundTask.of("Counting", () -> {
                    LibraryCounts c = services.queries().counts();
                    var p = services.people();
                    int named = p == null ? c.people() : p.people(false, 0, 0).total();
                    int groups = p == null ? c.clusters() : p.clusters(minGroup, 0, 0).total();
                    // What the Other faces page lists, counted the same way (small groups and pairs aside).
                    int other = p == null ? 0 // no people use case: the page lists nothing
                            : p.otherFaces(minGroup, 0, 0).total();
                    return new Counted(services.queries().folders(), c, named, groups, other);
                })
                .onSuccess(s -> {
                    if (gen != countsGeneration) {
                        return; // a newer count is on its way
                    }
                    if (!s.folders.equals(folders)) {
                        folders.setAll(s.folders);
                    }
                    counts.set(s.counts);
                    sidebarCounts.put(Count.PEOPLE, s.people);
                    sidebarCounts.put(Count.UNNAMED, s.groups);
                    sidebarCounts.put(Count.REVIEW, s.counts.waitingSuggestions());
                    sidebarCounts.put(Count.OTHER_FACES, s.other);
                    indexing.librarySummary(Messages.count(s.counts.photos(), "photo") + " · " + Messages.count(s.counts.faces(), "face"));
                }));
    }

    private record Counted(List<FolderInfo> folders, LibraryCounts counts, int people, int groups, int other) {
    }

    /** The sidebar's live counts by entry; an entry is absent until it has been counted (blank, not a wrong 0). */
    public javafx.collections.ObservableMap<Count, Integer> sidebarCounts() {
        return sidebarCounts;
    }

    /**
     * Asks the window to open the "write names into the photos" dialog for one photo, one person's photos or every
     * photo; the view shows {@link #exportRequestProperty()}.
     */
    public ExportViewModel requestExport(kindred.library.regions.FaceRegionSync.Selection selection) {
        ExportViewModel e = new ExportViewModel(services, executor, selection);
        exportRequest.set(e);
        return e;
    }

    /** The export the window should show a dialog for (null after it was shown). */
    public ObjectProperty<ExportViewModel> exportRequestProperty() {
        return exportRequest;
    }

    public AuditViewModel audit() {
        return audit;
    }

    public IndexingViewModel indexing() {
        return indexing;
    }

    public PhotoGridViewModel photos() {
        return photos;
    }

    public PeopleViewModel people() {
        return people;
    }

    public PersonViewModel person() {
        return person;
    }

    public SearchViewModel search() {
        return search;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public PhotoViewerViewModel viewer() {
        return viewer;
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public ObservableList<FolderInfo> folders() {
        return folders;
    }

    public ObjectProperty<LibraryCounts> countsProperty() {
        return counts;
    }

    public BooleanProperty firstRunProperty() {
        return firstRun;
    }

    public BooleanProperty loadedProperty() {
        return loaded;
    }

    public DoubleProperty tileSizeProperty() {
        return tileSize;
    }

    public BooleanProperty inspectorVisibleProperty() {
        return inspectorVisible;
    }

    public StringProperty notificationProperty() {
        return notification;
    }

    /** The services, for tests that close them with the window; views never call this. */
    Kindred servicesForTests() {
        return services;
    }

    /** Where the library lives (shown on the welcome page and in Settings). */
    public String libraryDir() {
        return services.libraryDir().toString();
    }
}
