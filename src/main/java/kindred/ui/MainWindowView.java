package kindred.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import kindred.library.FolderInfo;
import kindred.library.LibraryCounts;
import kindred.ui.MainWindowViewModel.Page;
import kindred.ui.accuracy.AuditView;
import kindred.ui.common.ImageCache;
import kindred.ui.common.Messages;
import kindred.ui.common.PhotoGridView;
import kindred.ui.common.PhotoItem;
import kindred.ui.common.Views;
import kindred.ui.export.ExportDialog;
import kindred.ui.indexing.IndexingStatusView;
import kindred.ui.people.FaceItem;
import kindred.ui.people.PeopleView;
import kindred.ui.people.PeopleViewModel;
import kindred.ui.people.PersonView;
import kindred.ui.people.PersonViewModel;
import kindred.ui.photos.PhotoGridViewModel;
import kindred.ui.photos.PhotoViewerView;
import kindred.ui.search.SearchView;
import kindred.ui.settings.SettingsView;
import org.controlsfx.control.NotificationPane;

/**
 * The main window's layout: sidebar (library, folders, people, unnamed, review, search, settings, indexing
 * status), a toolbar with the page title, filters, tile size and the inspector toggle, the page in the centre,
 * the inspector on the right, the photo viewer over everything. Binds and forwards; the view models do the work.
 */
public final class MainWindowView extends StackPane {

    private static final String ANYONE = "Anyone";

    private final MainWindowViewModel vm;
    private final ImageCache images;
    private final BorderPane layout = new BorderPane();
    private final StackPane center = new StackPane();
    private final VBox folderNav = new VBox(1);
    private final Label title = Views.styled("", "page-title");
    private final Label subtitle = Views.styled("", "page-subtitle");
    private final PhotoGridView photoGrid;
    private final PeopleView peopleView;
    private final PeopleView unnamedView;
    private final PersonView personView;
    private final SearchView searchView;
    private final SettingsView settingsView;
    private final WelcomeView welcome;
    private final PhotoViewerView viewer;
    private final VBox inspector = new VBox();
    private final NotificationPane notifications;
    private final java.util.Map<Object, Button> navButtons = new java.util.HashMap<>();
    private final IndexingStatusView status;
    private AuditView auditView;

    public MainWindowView(MainWindowViewModel vm, ImageCache images) {
        this.vm = vm;
        this.images = images;
        getStyleClass().add("main-window");
        photoGrid = new PhotoGridView(vm.photos().photos(), images, vm.tileSizeProperty(), (list, i) -> vm.viewer().open(list, i));
        peopleView = new PeopleView(vm.people(), images, false, vm);
        unnamedView = new PeopleView(vm.people(), images, true, vm);
        personView = new PersonView(vm.person(), vm.people(), images, vm);
        searchView = new SearchView(vm.search(), vm.people().names(), images, vm.tileSizeProperty(), vm);
        settingsView = new SettingsView(vm.settings(), this::chooseFolder, () -> vm.indexing().rescanAll(), vm);
        welcome = new WelcomeView(vm, this::chooseFolder);
        viewer = new PhotoViewerView(vm.viewer(), vm.people().names(), images, vm);
        status = new IndexingStatusView(vm.indexing());

        layout.setLeft(sidebar());
        BorderPane page = new BorderPane();
        page.setTop(toolbar());
        // Messages slide in at the bottom of the page, over its content's last rows, like a snackbar: never over the page
        // title, the Info button or a page's own buttons (at the top they hid a person page's Photos/Faces switch and
        // Confirm buttons for six seconds after each decision, so that a click meant for them did nothing).
        notifications = new NotificationPane(center);
        notifications.setShowFromTop(false);
        notifications.setId("message-banner");
        page.setCenter(notifications);
        layout.setCenter(page);
        inspector.getStyleClass().add("inspector");
        inspector.setPrefWidth(280);
        layout.rightProperty().bind(Bindings.when(vm.inspectorVisibleProperty()).then((Node) inspector).otherwise((Node) null));

        viewer.visibleProperty().bind(vm.viewer().openProperty());
        VBox taskPanel = status.panel();
        StackPane.setAlignment(taskPanel, Pos.BOTTOM_LEFT);
        StackPane.setMargin(taskPanel, new javafx.geometry.Insets(0, 0, 12, 238));
        getChildren().addAll(layout, taskPanel, viewer);
        // After Ctrl+Z the keys go to the page's tiles again, wherever the focus was.
        vm.history().onUndone(() -> {
            if (vm.viewer().openProperty().get()) {
                viewer.requestFocus();
            } else {
                focusPage();
            }
        });
        vm.viewer().openProperty().addListener((o, a, open) -> {
            if (open) {
                viewer.requestFocus();
            } else {
                focusPage();
            }
        });

        vm.pageProperty().addListener((o, a, b) -> showPage());
        vm.firstRunProperty().addListener((o, a, b) -> showPage());
        vm.photos().folderProperty().addListener((o, a, b) -> {
            updateNav();
            updateTitle();
        });
        vm.countsProperty().addListener((o, a, b) -> updateTitle());
        vm.sidebarCounts().addListener((javafx.collections.MapChangeListener<MainWindowViewModel.Count, Integer>) c -> updateTitle());
        vm.person().titleProperty().addListener((o, a, b) -> updateTitle());
        vm.person().photos().shownProperty().addListener((o, a, b) -> updateTitle());
        vm.photos().photos().addListener((ListChangeListener<PhotoItem>) c -> updateTitle());
        photoGrid.selectedProperty().addListener((o, a, b) -> updateInspector());
        vm.pageProperty().addListener((o, a, b) -> updateInspector());
        vm.person().titleProperty().addListener((o, a, b) -> updateInspector());
        vm.inspectorVisibleProperty().addListener((o, a, on) -> {
            if (on && inspectorStale) {
                updateInspector();
            }
        });
        vm.countsProperty().addListener((o, a, b) -> updateInspector());
        vm.photos().photos().addListener((ListChangeListener<PhotoItem>) c -> updateInspector());
        vm.notificationProperty().addListener((o, a, m) -> {
            if (m != null && !m.isBlank()) {
                notifications.show(m);
                javafx.animation.PauseTransition t = new javafx.animation.PauseTransition(Duration.seconds(6));
                t.setOnFinished(e -> {
                    if (m.equals(notifications.getText())) {
                        notifications.hide();
                    }
                });
                t.play();
            }
        });

        // Drop folders anywhere on the window to add them.
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().stream().anyMatch(File::isDirectory)) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        setOnDragDropped(e -> {
            List<Path> dirs = e.getDragboard().getFiles().stream().filter(File::isDirectory).map(File::toPath).toList();
            e.setDropCompleted(!dirs.isEmpty());
            vm.addFolders(dirs);
            e.consume();
        });
        vm.exportRequestProperty().addListener((o, a, e) -> {
            if (e != null) {
                vm.exportRequestProperty().set(null);
                new ExportDialog(getScene() == null ? null : getScene().getWindow(), e).show();
            }
        });
        vm.rosterDialogRequestProperty().addListener((o, a, r) -> {
            if (r != null) {
                vm.rosterDialogRequestProperty().set(null);
                javafx.stage.Window owner = getScene() == null ? null : getScene().getWindow();
                if (r instanceof kindred.ui.export.GalleryExportViewModel g) {
                    new kindred.ui.export.GalleryExportDialog(owner, g).show();
                } else if (r instanceof kindred.ui.roster.RosterImportViewModel i) {
                    new kindred.ui.roster.RosterImportDialog(owner, i, vm).show();
                } else if (r instanceof kindred.ui.roster.ConfirmAboveViewModel c) {
                    new kindred.ui.roster.ConfirmAboveDialog(owner, c).show();
                }
            }
        });
        showPage();
        updateInspector();
    }

    /** Keyboard shortcuts of the whole window; called once the scene exists. */
    public void installShortcuts() {
        var acc = getScene().getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), this::chooseFolder);
        acc.put(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN), () -> vm.showFolder(null));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN), () -> vm.show(Page.PEOPLE));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN), () -> vm.show(Page.UNNAMED));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT4, KeyCombination.SHORTCUT_DOWN), () -> vm.show(Page.REVIEW));
        acc.put(new KeyCodeCombination(KeyCode.DIGIT5, KeyCombination.SHORTCUT_DOWN), () -> vm.show(Page.OTHER));
        acc.put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> vm.show(Page.SEARCH));
        acc.put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN), () -> vm.show(Page.SETTINGS));
        acc.put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), vm::undo);
        acc.put(new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN),
                () -> vm.inspectorVisibleProperty().set(!vm.inspectorVisibleProperty().get()));
    }

    void chooseFolder() {
        File dir = SettingsView.chooseFolder(getScene() == null ? null : getScene().getWindow());
        if (dir != null) {
            vm.addFolders(List.of(dir.toPath()));
        }
    }

    // ---- sidebar

    private Node sidebar() {
        VBox side = new VBox();
        side.getStyleClass().add("sidebar");
        side.setPrefWidth(230);
        side.setMinWidth(200);
        Label app = Views.styled("Kindred", "app-title");
        Button all = nav("All photos", "nav-all", "Every photo in your folders (Ctrl+1)", () -> vm.showFolder(null));
        navButtons.put("all", all);
        Button people = nav("People", "nav-people", "The people you named (Ctrl+2)", () -> vm.show(Page.PEOPLE));
        Button unnamed = nav("Unnamed", "nav-unnamed", "Groups of faces waiting for a name (Ctrl+3)", () -> vm.show(Page.UNNAMED));
        Button other = nav("Other faces", "nav-other", "Faces seen once or too small to group, best first, with "
                + "Kindred's suggestion when it has one (Ctrl+5)", () -> vm.show(Page.OTHER));
        navButtons.put(Page.OTHER, other);
        Button review = nav("Review", "nav-review", "Suggestions to confirm or reject (Ctrl+4)", () -> vm.show(Page.REVIEW));
        Button search = nav("Search", "nav-search", "Find photos by people (Ctrl+F)", () -> vm.show(Page.SEARCH));
        Button accuracy = nav("Accuracy", "nav-accuracy", "How often Kindred's suggestions were right, on your own decisions",
                () -> vm.show(Page.ACCURACY));
        navButtons.put(Page.ACCURACY, accuracy);
        Button settings = nav("Settings", "nav-settings", "Folders, library, face models (Ctrl+,)", () -> vm.show(Page.SETTINGS));
        navButtons.put(Page.PEOPLE, people);
        navButtons.put(Page.UNNAMED, unnamed);
        navButtons.put(Page.REVIEW, review);
        navButtons.put(Page.SEARCH, search);
        navButtons.put(Page.SETTINGS, settings);
        vm.sidebarCounts().addListener((javafx.collections.MapChangeListener<MainWindowViewModel.Count, Integer>) c -> updateBadges());
        vm.person().modeProperty().addListener((o, a, b) -> updateNav()); // a group opened from a person's page
        vm.folders().addListener((ListChangeListener<FolderInfo>) c -> rebuildFolders());
        ScrollPane folders = new ScrollPane(folderNav);
        folders.setFitToWidth(true);
        folders.setMaxHeight(220);
        folders.setStyle("-fx-background-color: transparent; -fx-background: transparent; -fx-padding: 0;");
        folders.visibleProperty().bind(Bindings.isNotEmpty(vm.folders()));
        folders.managedProperty().bind(folders.visibleProperty());
        Button addFolder = Views.tip(new Button("+ Add a folder…"), "Choose a folder of photos (Ctrl+O), or drop one on the window");
        addFolder.getStyleClass().addAll("flat", "small");
        addFolder.setOnAction(e -> chooseFolder());
        side.getChildren().addAll(app, Views.styled("LIBRARY", "section-label"), all, folders, addFolder,
                Views.styled("PEOPLE", "section-label"), people, unnamed, other, review, search, accuracy, Views.spacer(), settings, status);
        return side;
    }

    /** The sidebar entries with a live count, by their id; blank until counted (seconds on a large library). */
    private final java.util.Map<Button, MainWindowViewModel.Count> badges = new java.util.HashMap<>();

    /**
     * The count an entry shows, from its id: "nav-people", "nav-unnamed", "nav-review", and any "nav-other…" entry
     * (faces no group holds). An entry made by {@link #nav} with one of these ids gets its live count by itself.
     */
    static MainWindowViewModel.Count countOf(String id) {
        if (id == null) {
            return null;
        }
        return switch (id) {
            case "nav-people" -> MainWindowViewModel.Count.PEOPLE;
            case "nav-unnamed" -> MainWindowViewModel.Count.UNNAMED;
            case "nav-review" -> MainWindowViewModel.Count.REVIEW;
            default -> id.startsWith("nav-other") ? MainWindowViewModel.Count.OTHER_FACES : null;
        };
    }

    private void updateBadges() {
        badges.forEach((b, c) -> {
            Integer n = vm.sidebarCounts().get(c);
            ((Label) ((HBox) b.getGraphic()).getChildren().get(2)).setText(n == null ? "" : java.text.NumberFormat.getIntegerInstance().format(n));
        });
    }

    private Button nav(String text, String id, String tooltip, Runnable action) {
        Label l = Views.styled(text, "nav-text");
        Label badge = Views.styled("", "badge");
        if (id != null) {
            badge.setId(id + "-count");
        }
        HBox g = new HBox(6, l, Views.spacer(), badge);
        g.setAlignment(Pos.CENTER_LEFT);
        Button b = new Button();
        b.setGraphic(g);
        b.getStyleClass().setAll("nav-item");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setId(id);
        g.prefWidthProperty().bind(b.widthProperty().subtract(18));
        Views.tip(b, tooltip);
        b.setOnAction(e -> action.run());
        MainWindowViewModel.Count count = countOf(id);
        if (count != null) {
            badges.put(b, count);
            Integer n = vm.sidebarCounts().get(count);
            badge.setText(n == null ? "" : java.text.NumberFormat.getIntegerInstance().format(n));
        }
        return b;
    }

    private void rebuildFolders() {
        folderNav.getChildren().clear();
        navButtons.keySet().removeIf(k -> k instanceof String s && s.startsWith("/"));
        for (FolderInfo f : vm.folders()) {
            Path p = Path.of(f.path());
            String name = p.getFileName() == null ? f.path() : p.getFileName().toString();
            Button b = nav(name, null, f.path() + "\n" + Messages.count(f.photos(), "photo")
                    + (f.present() ? "" : "\nNot reachable: is the drive plugged in?"), () -> vm.showFolder(f.path()));
            b.getStyleClass().add("folder");
            b.setPadding(new javafx.geometry.Insets(4, 8, 4, 20));
            ((Label) ((HBox) b.getGraphic()).getChildren().get(2)).setText(String.valueOf(f.photos()));
            navButtons.put("/" + f.path(), b);
            folderNav.getChildren().add(b);
        }
        updateNav();
    }

    private void updateNav() {
        Page p = vm.firstRunProperty().get() ? null : vm.pageProperty().get(); // the welcome page is no sidebar entry
        String folder = vm.photos().folderProperty().get();
        navButtons.forEach((k, b) -> {
            boolean on;
            if (k instanceof Page page) {
                on = page == p || (page == Page.PEOPLE && p == Page.PERSON && vm.person().modeProperty().get() == PersonViewModel.Mode.PERSON)
                        || (page == Page.UNNAMED && p == Page.PERSON && vm.person().modeProperty().get() == PersonViewModel.Mode.CLUSTER);
            } else if ("all".equals(k)) {
                on = p == Page.PHOTOS && folder == null;
            } else {
                on = p == Page.PHOTOS && ("/" + folder).equals(k);
            }
            b.pseudoClassStateChanged(Views.SELECTED, on);
        });
    }

    // ---- toolbar and pages

    private Node toolbar() {
        ChoiceBox<PhotoGridViewModel.Filter> filter = new ChoiceBox<>();
        filter.getItems().setAll(PhotoGridViewModel.Filter.values());
        filter.valueProperty().bindBidirectional(vm.photos().filterProperty());
        filter.setPrefWidth(180);
        filter.setMinWidth(120);
        Views.tip(filter, "Show all photos, or only those with faces or with unnamed faces");
        filter.visibleProperty().bind(vm.pageProperty().isEqualTo(Page.PHOTOS).and(vm.firstRunProperty().not()));
        filter.managedProperty().bind(filter.visibleProperty());
        ComboBox<String> who = new ComboBox<>();
        who.setId("person-filter");
        who.setPrefWidth(170);
        who.setMinWidth(110);
        Views.tip(who, "Only photos of one person");
        Runnable fillWho = () -> {
            String current = vm.photos().personProperty().get();
            List<String> items = new java.util.ArrayList<>();
            items.add(ANYONE);
            items.addAll(vm.people().names());
            who.getItems().setAll(items);
            who.setValue(current == null || !items.contains(current) ? ANYONE : current);
        };
        fillWho.run();
        vm.people().names().addListener((ListChangeListener<String>) c -> fillWho.run());
        who.valueProperty().addListener((o, a, b) -> vm.photos().personProperty().set(b == null || ANYONE.equals(b) ? null : b));
        who.visibleProperty().bind(filter.visibleProperty().and(Bindings.isNotEmpty(vm.people().names())));
        who.managedProperty().bind(who.visibleProperty());
        Slider size = new Slider(100, 360, vm.tileSizeProperty().get());
        size.valueProperty().bindBidirectional(vm.tileSizeProperty());
        size.setPrefWidth(130);
        size.setMinWidth(50);
        Views.tip(size, "Tile size");
        size.visibleProperty().bind(vm.pageProperty().isEqualTo(Page.PHOTOS).or(vm.pageProperty().isEqualTo(Page.SEARCH))
                .and(vm.firstRunProperty().not()));
        size.managedProperty().bind(size.visibleProperty());
        ToggleButton info = Views.tip(new ToggleButton("Info"), "Show or hide the inspector (Ctrl+I)");
        info.selectedProperty().bindBidirectional(vm.inspectorVisibleProperty());
        info.setId("inspector-toggle");
        info.visibleProperty().bind(vm.firstRunProperty().not());
        info.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // In a narrow window (1024×768 with Info open) the controls shrink first, then the subtitle wraps: the title
        // and the Info button keep their whole text.
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        subtitle.setWrapText(true);
        subtitle.setMinWidth(150);
        VBox titles = new VBox(0, title, subtitle);
        HBox.setHgrow(titles, javafx.scene.layout.Priority.SOMETIMES);
        HBox bar = new HBox(10, titles, Views.spacer(), filter, who, size, info);
        bar.getStyleClass().add("page-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private void showPage() {
        Node n;
        if (vm.firstRunProperty().get()) {
            n = welcome;
        } else {
            n = switch (vm.pageProperty().get()) {
                case PHOTOS -> photosPage();
                case PEOPLE -> peopleView;
                case UNNAMED -> unnamedView;
                case REVIEW, PERSON, OTHER -> personView;
                case SEARCH -> searchView;
                case SETTINGS -> settingsView;
                case ACCURACY -> auditView == null ? (auditView = new AuditView(vm.audit(), vm)) : auditView;
            };
        }
        // Pages stay in the scene once shown and are switched by visibility: re-adding a page would restyle its
        // whole subtree (CSS of every grid cell) on the FX thread each time.
        if (!center.getChildren().contains(n)) {
            center.getChildren().add(n);
        }
        for (Node child : center.getChildren()) {
            boolean on = child == n;
            child.setVisible(on);
            child.setManaged(on);
        }
        updateNav();
        updateTitle();
        focusPage();
    }

    /**
     * Time between two pages styled ahead by {@link #prepareHiddenPages} (ms): one page per step, so each step is one
     * page's CSS and skins (the FX-stall benchmark measured 60–100 ms of FX-thread work at the first show of the
     * Review or Search page, mostly their text fields' skins), never all pages in one pulse.
     */
    static final int PREPARE_PAGE_MILLIS = 150;

    /**
     * Adds the pages not shown yet to the scene, hidden, and styles them one by one (CSS, control skins), so that
     * their first show while the library is indexing does not stall the FX thread. The window calls it once its
     * first frame is on screen; the Accuracy page stays made on demand.
     */
    void prepareHiddenPages() {
        java.util.List<Node> pages = new java.util.ArrayList<>(java.util.List.of(photosPage(), peopleView, unnamedView,
                personView, searchView, settingsView));
        pages.removeIf(center.getChildren()::contains);
        prepareNext(pages);
    }

    private void prepareNext(java.util.List<Node> pages) {
        if (pages.isEmpty()) {
            return;
        }
        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.millis(PREPARE_PAGE_MILLIS));
        wait.setOnFinished(e -> {
            // The window was closed (its stage may already show another scene): styling a scene no window shows uses
            // the theme it had, and after a theme switch JavaFX cannot resolve the theme's colours there; each one
            // was a "Could not resolve '-color-…'" / ClassCastException warning on stderr.
            if (!showing()) {
                return;
            }
            Node n = pages.remove(0);
            if (!center.getChildren().contains(n)) {
                n.setVisible(false);
                n.setManaged(false);
                center.getChildren().add(0, n);
                n.applyCss();
            }
            prepareNext(pages);
        });
        wait.play();
    }

    /** Whether this view is the scene of a window on screen. */
    private boolean showing() {
        return getScene() != null && getScene().getRoot() == this && getScene().getWindow() != null
                && getScene().getWindow().isShowing() && getScene().getWindow().getScene() == getScene();
    }

    private StackPane photosPageNode;
    private kindred.ui.common.DateScrubber scrubber;

    private Node photosPage() {
        if (photosPageNode == null) {
            Button add = new Button("Add a folder…");
            add.setOnAction(e -> chooseFolder());
            VBox empty = Views.emptyState("No photos here yet", "", add);
            Label explain = (Label) empty.getChildren().get(1);
            explain.textProperty().bind(Bindings.createStringBinding(() -> vm.indexing().busyProperty().get()
                    ? "Kindred is looking for photos; they appear here as they are found."
                    : vm.photos().filterProperty().get() != PhotoGridViewModel.Filter.ALL
                    ? "No photo matches this filter yet: faces appear as photos are indexed."
                    : "Add a folder to start: Kindred finds the photos in it and the faces in them.",
                    vm.indexing().busyProperty(), vm.photos().filterProperty()));
            empty.visibleProperty().bind(Bindings.isEmpty(vm.photos().photos()).and(vm.photos().loadingProperty().not()));
            // Newest first under month headers, with a year scrubber beside the grid.
            photoGrid.sectionsProperty().bind(vm.photos().sectionsProperty());
            scrubber = new kindred.ui.common.DateScrubber(photoGrid);
            HBox gridAndYears = new HBox(photoGrid, scrubber);
            HBox.setHgrow(photoGrid, javafx.scene.layout.Priority.ALWAYS);
            photosPageNode = new StackPane(gridAndYears, empty);
        }
        return photosPageNode;
    }

    private void focusPage() {
        javafx.application.Platform.runLater(() -> {
            switch (vm.pageProperty().get()) {
                case PHOTOS -> photoGrid.grid().requestFocus();
                case REVIEW, PERSON, OTHER -> personView.focusGrid();
                case PEOPLE -> peopleView.focusCards();
                case UNNAMED -> unnamedView.focusCards();
                case SEARCH -> searchView.focusField();
                default -> { }
            }
        });
    }

    private boolean inspectorStale = true;

    private void updateTitle() {
        LibraryCounts c = vm.countsProperty().get();
        if (vm.firstRunProperty().get()) {
            title.setText("Welcome");
            subtitle.setText("");
            return;
        }
        switch (vm.pageProperty().get()) {
            case PHOTOS -> {
                String folder = vm.photos().folderProperty().get();
                title.setText(folder == null ? "All photos" : Path.of(folder).getFileName().toString());
                int n = vm.photos().photos().size();
                subtitle.setText(Messages.count(n, "photo") + (c != null && folder == null ? " · " + Messages.count(c.faces(), "face") : ""));
            }
            case PEOPLE -> {
                title.setText("People");
                subtitle.setText("Double-click a person to see their faces; drag one onto another to merge");
            }
            case UNNAMED -> {
                title.setText("Unnamed");
                subtitle.setText("Faces that look like the same person: type a name to name them all");
            }
            case REVIEW -> {
                title.setText("Review");
                Integer waiting = vm.sidebarCounts().get(MainWindowViewModel.Count.REVIEW);
                subtitle.setText(waiting == null ? "Suggestions, most similar first"
                        : waiting == 0 ? "No suggestions waiting"
                        : Messages.count(waiting, "suggestion") + " waiting, most similar first");
            }
            case PERSON -> {
                title.setText(vm.person().titleProperty().get());
                subtitle.setText(vm.person().modeProperty().get() == PersonViewModel.Mode.CLUSTER
                        ? "Faces that look like the same person"
                        : vm.person().photos().shownProperty().get() ? "Their photos, newest first"
                        : "Suggestions first, then the faces you confirmed");
            }
            case SEARCH -> {
                title.setText("Search");
                subtitle.setText("Photos by the people in them");
            }
            case SETTINGS -> {
                title.setText("Settings");
                subtitle.setText("");
            }
            case OTHER -> {
                title.setText("Other faces");
                subtitle.setText("Faces in no group, largest and sharpest first: Y / N for a suggestion, or type who it is");
            }
            case ACCURACY -> {
                title.setText("Accuracy");
                subtitle.setText("How often the suggestions were right, measured on your own decisions");
            }
        }
    }

    private void updateInspector() {
        if (!vm.inspectorVisibleProperty().get()) {
            inspectorStale = true;
            return;
        }
        inspectorStale = false;
        inspector.getChildren().clear();
        inspector.getChildren().add(Views.styled("Info", "section"));
        int i = photoGrid.selectedProperty().get();
        var list = vm.photos().photos();
        if (vm.pageProperty().get() == Page.PHOTOS && i >= 0 && i < list.size()) {
            PhotoItem p = list.get(i);
            Path path = Path.of(p.path());
            Label name = Views.styled(p.fileName(), "name");
            name.setWrapText(true);
            Label folder = Views.styled(path.getParent() == null ? "" : path.getParent().toString(), "muted");
            folder.setWrapText(true);
            Label faces = new Label(p.faces() == 0 ? "No faces found" : Messages.count(p.faces(), "face")
                    + (p.unnamedFaces() > 0 ? ", " + p.unnamedFaces() + " unnamed" : ", all named"));
            Label taken = Views.styled(p.dateText(), "muted");
            taken.setId("inspector-date");
            taken.setWrapText(true);
            Button open = new Button("Open (Enter)");
            open.setOnAction(e -> vm.viewer().open(list, i));
            Button names = Views.tip(new Button("Write names…"), "Write the names in this photo into its metadata");
            names.setId("inspector-export-photo");
            names.setOnAction(e -> vm.requestExport(new kindred.library.regions.FaceRegionSync.Selection(p.path(), null)));
            inspector.getChildren().addAll(name, folder, showInFolder(p.path()));
            if (!p.twins().isEmpty()) {
                // The RAW or HEIC saved beside this JPEG: one photo, its names are written to both files.
                Label twins = Views.styled(p.twinsText(), "muted");
                twins.setId("inspector-twins");
                twins.setWrapText(true);
                inspector.getChildren().add(twins);
            }
            if (!p.copies().isEmpty() || p.offline()) {
                // Identical copies share this photo's faces and names (both places listed); offline: drive not there.
                Label where = Views.styled((p.offline() ? "Offline: its drive or share is not connected. " : "") + p.copiesText(), "muted");
                where.setId("inspector-copies");
                where.setWrapText(true);
                inspector.getChildren().add(where);
            }
            inspector.getChildren().addAll(taken, faces, new HBox(8, open, names));
        } else if (vm.pageProperty().get() == Page.PERSON || vm.pageProperty().get() == Page.REVIEW
                || vm.pageProperty().get() == Page.OTHER) {
            Label t = Views.styled("", "name");
            t.textProperty().bind(vm.person().titleProperty());
            Label s = Views.styled("", "muted");
            s.textProperty().bind(vm.person().summaryProperty());
            s.setWrapText(true);
            Label face = new Label();
            face.setWrapText(true);
            face.textProperty().bind(Bindings.createStringBinding(() -> {
                int f = vm.person().focusProperty().get();
                var items = vm.person().items();
                if (f < 0 || f >= items.size()) {
                    return "Select a face to see where it comes from.";
                }
                FaceItem it = items.get(f);
                String who = it.person() == null ? "Not named yet" : it.suggestion() ? "Suggested: " + it.person() : it.person();
                return who + (it.oneIn() > 0 ? "\n" + it.chanceText() + ", as measured on public face photos" : "")
                        + "\n\n" + it.face().photoPath();
            }, vm.person().focusProperty(), vm.person().items()));
            Button openFace = Views.tip(new Button("Open its photo"), "The photo this face is in, the face marked (Space or double-click)");
            openFace.setOnAction(e -> {
                int f = vm.person().focusProperty().get();
                var items = vm.person().items();
                if (f >= 0 && f < items.size()) {
                    vm.openFaces(items.stream().map(FaceItem::face).toList(), f);
                }
            });
            Button reveal = Views.tip(new Button("Show in folder"), "Open the folder of this face's photo in the file manager");
            reveal.setOnAction(e -> {
                int f = vm.person().focusProperty().get();
                var items = vm.person().items();
                if (f >= 0 && f < items.size()) {
                    vm.showInFileManager(items.get(f).face().photoPath());
                }
            });
            HBox faceActions = new HBox(8, openFace, reveal);
            faceActions.visibleProperty().bind(vm.person().focusProperty().greaterThanOrEqualTo(0)
                    .and(Bindings.isNotEmpty(vm.person().items())));
            faceActions.managedProperty().bind(faceActions.visibleProperty());
            inspector.getChildren().addAll(t, s, Views.styled("Selected face", "section"), face, faceActions);
            if (vm.person().modeProperty().get() == PersonViewModel.Mode.PERSON && vm.person().person() != null) {
                String name = vm.person().person();
                Button forget = new Button("Forget " + name + "…");
                forget.getStyleClass().add("danger");
                forget.setId("forget-person");
                forget.setOnAction(e -> {
                    if (Views.confirm(getScene().getWindow(), "Forget \"" + name + "\"?", PeopleViewModel.forgetExplanation(name), "Forget")) {
                        vm.people().forget(name);
                        vm.show(Page.PEOPLE);
                    }
                });
                Button names = Views.tip(new Button("Write names into their photos…"),
                        "So that digiKam, Lightroom and others see " + name + " too");
                names.setId("inspector-export-person");
                names.setOnAction(e -> vm.requestExport(new kindred.library.regions.FaceRegionSync.Selection(null, name)));
                inspector.getChildren().addAll(Views.styled("Metadata", "section"), names, Views.styled("Privacy", "section"), forget);
            }
        } else {
            LibraryCounts c = vm.countsProperty().get();
            Label l = Views.styled(c == null ? "" : Messages.count(c.photos(), "photo") + "\n" + Messages.count(c.faces(), "face")
                    + "\n" + (c.people() == 1 ? "1 person" : c.people() + " people") + "\n" + Messages.count(c.unassignedFaces(), "unnamed face"), "muted");
            inspector.getChildren().addAll(l, Views.styled("Select a photo to see its details.", "muted"));
        }
    }

    /** A link that shows {@code path} in the system's file manager. */
    private Node showInFolder(String path) {
        javafx.scene.control.Hyperlink link = new javafx.scene.control.Hyperlink("Show in folder");
        link.setId("inspector-show-in-folder");
        link.setTooltip(new javafx.scene.control.Tooltip("Open " + Path.of(path).getParent() + " in the file manager"));
        link.setOnAction(e -> vm.showInFileManager(path));
        link.setPadding(javafx.geometry.Insets.EMPTY);
        return link;
    }

    /** Hides the notification bar (screenshots). */
    void hideNotificationForTests() {
        notifications.hide();
    }

    /** The photo grid of All photos and the folders (benchmarks). */
    PhotoGridView photoGridForTests() {
        return photoGrid;
    }

    /** The year scrubber beside it (benchmarks). */
    kindred.ui.common.DateScrubber scrubberForTests() {
        photosPage();
        return scrubber;
    }

    /** The person, cluster and Review page (tests). */
    PersonView personViewForTests() {
        return personView;
    }

    /** Selects a photo tile as a click would (screenshots). */
    void selectPhotoForTests(int index) {
        photoGrid.selectedProperty().set(index);
    }

    public ImageCache images() {
        return images;
    }
}
