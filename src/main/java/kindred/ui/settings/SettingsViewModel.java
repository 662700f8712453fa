package kindred.ui.settings;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.FolderInfo;
import kindred.library.ModelFileInfo;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.TaskExecutor;

/** Settings: folders, where the library lives, model packs and the optional YuNet download. */
public final class SettingsViewModel {

    /**
     * The download's size, as the button says it: the file pinned in assets/models/models.lock
     * (face_detection_yunet_2026may.onnx) is 229,738 bytes.
     */
    public static final String YUNET_SIZE = "230 KB";

    /** What the optional pack costs and where it comes from, said before anything is downloaded. */
    public static final String YUNET_OFFER = "The accurate face finder (YuNet) finds more small, distant and turned faces "
            + "than the built-in one. The download is one file of " + YUNET_SIZE + " from the OpenCV Zoo (MIT licence), checked "
            + "before use. This is the only time Kindred uses the network, and only when you press the button.";


    /** A model pack's name for people: "Built-in face finder", "Accurate face finder (YuNet)". */
    public static String packName(String pack) {
        if (pack == null || pack.isEmpty() || "default".equals(pack)) {
            return "Built-in face finder";
        }
        return "yunet".equals(pack) ? "Accurate face finder (YuNet)" : "Face finder \"" + pack + "\"";
    }

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObservableList<FolderInfo> folders = FXCollections.observableArrayList();
    private final ObservableList<ModelFileInfo> models = FXCollections.observableArrayList();
    private final StringProperty libraryDir = new SimpleStringProperty("");
    private final StringProperty activePack = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty downloading = new SimpleBooleanProperty(false);
    private final BooleanProperty yunetInstalled = new SimpleBooleanProperty(false);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);

    private final StringProperty nextLibraryNote = new SimpleStringProperty("");
    private final BooleanProperty importOnScan = new SimpleBooleanProperty(false);
    private boolean readingImportOnScan;

    public SettingsViewModel(Kindred services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
        libraryDir.set(services.libraryDir().toString());
        // The theme is needed before the window's first frame: one small file, read at once (microseconds).
        dark.set(Boolean.parseBoolean(windowSettings(services).getProperty(DARK_SETTING, "false")));
        dark.addListener((o, a, on) -> executor.execute(BackgroundTask.run("Saving the theme", () -> saveWindowSetting(services, DARK_SETTING, on.toString()))
                .onFailure(t -> message.set("The theme could not be remembered: " + Messages.forUser(t)))));
        importOnScan.addListener((o, a, on) -> {
            if (!readingImportOnScan) {
                executor.execute(BackgroundTask.run("Saving a setting",
                                () -> services.regions(List.of()).setImportOnScan(on))
                        .onSuccess(r -> message.set(on ? "Names in the photos' metadata will be imported after each scan."
                                : "Scans will no longer import names from the photos' metadata."))
                        .onFailure(t -> message.set("The setting could not be saved: " + Messages.forUser(t))));
            }
        });
    }

    /** The file beside the library's database that keeps the window's own settings (the theme). */
    static final String WINDOW_SETTINGS_FILE = "window.properties";

    /** The key of the dark theme in {@link #WINDOW_SETTINGS_FILE}: "true" or "false". */
    static final String DARK_SETTING = "theme.dark";

    /** The window's settings of this library; empty when there are none yet or the file cannot be read. */
    static java.util.Properties windowSettings(Kindred services) {
        java.util.Properties p = new java.util.Properties();
        java.nio.file.Path f = services.libraryDir().resolve(WINDOW_SETTINGS_FILE);
        if (java.nio.file.Files.isRegularFile(f)) {
            try (var in = java.nio.file.Files.newBufferedReader(f, java.nio.charset.StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (java.io.IOException | IllegalArgumentException e) {
                // an unreadable file means the defaults: nothing the user made is lost
            }
        }
        return p;
    }

    private static synchronized void saveWindowSetting(Kindred services, String key, String value) throws java.io.IOException {
        java.util.Properties p = windowSettings(services);
        p.setProperty(key, value);
        java.nio.file.Path f = services.libraryDir().resolve(WINDOW_SETTINGS_FILE);
        java.nio.file.Files.createDirectories(f.getParent());
        java.nio.file.Path tmp = f.resolveSibling(WINDOW_SETTINGS_FILE + ".tmp");
        try (var out = java.nio.file.Files.newBufferedWriter(tmp, java.nio.charset.StandardCharsets.UTF_8)) {
            p.store(out, "Kindred window settings");
        }
        java.nio.file.Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether each scan imports the names other programs wrote into the photos (shared with `kindred xmp import --on-scan`). */
    public BooleanProperty importOnScanProperty() {
        return importOnScan;
    }

    /** The thresholds, read-only, with what each trades off. */
    public List<kindred.library.Thresholds.Threshold> thresholds() {
        return kindred.library.Thresholds.all();
    }

    /** Opens another library folder from the next start on; the current one is not moved or changed. */
    public void chooseLibrary(java.nio.file.Path dir) {
        if (dir == null) {
            return;
        }
        executor.execute(BackgroundTask.run("Choosing the library", () -> services.chooseNextLibraryDir(dir))
                .onSuccess(r -> {
                    nextLibraryNote.set(note(dir));
                    message.set("Kindred will open " + dir + " the next time it starts.");
                })
                .onFailure(t -> message.set("The library location could not be saved: " + Messages.forUser(t))));
    }

    private static String note(java.nio.file.Path dir) {
        return "From the next start, Kindred opens the library in " + dir + " (a new, empty library if there is none "
                + "there yet). This library stays where it is: to take your names along, quit Kindred and copy this "
                + "folder there first.";
    }

    public void reload() {
        executor.execute(BackgroundTask.of("Reading a setting",
                        () -> services.regions(List.of()).importOnScan())
                .onSuccess(on -> {
                    readingImportOnScan = true;
                    importOnScan.set(on);
                    readingImportOnScan = false;
                }));
        executor.execute(BackgroundTask.of("Loading settings", () -> new Loaded(services.queries().folders(),
                        services.models().models(), services.models().activePack(), services.nextLibraryDir().orElse(null)))
                .onSuccess(l -> {
                    nextLibraryNote.set(l.next == null ? "" : note(l.next));
                    folders.setAll(l.folders);
                    models.setAll(l.models);
                    activePack.set(l.pack);
                    yunetInstalled.set(l.models.stream().anyMatch(m -> !m.pack().equals("default") && m.present()));
                }));
    }

    private record Loaded(List<FolderInfo> folders, List<ModelFileInfo> models, String pack, java.nio.file.Path next) {
    }

    /** Downloads the YuNet pack: only ever called from the button the user pressed. */
    public void downloadYunet() {
        downloading.set(true);
        message.set("Downloading the accurate face finder…");
        executor.execute(BackgroundTask.of("Downloading the accurate face finder", () -> services.models().download("yunet"))
                .onSuccess(files -> {
                    downloading.set(false);
                    message.set("The accurate face finder is installed (" + Messages.count(files.size(), "file")
                            + "). Rescan your folders to use it.");
                    reload();
                })
                .onFailure(t -> {
                    downloading.set(false);
                    message.set("The download did not work: " + Messages.forUser(t)
                            + " Kindred keeps working with the built-in face finder.");
                }));
    }

    public ObservableList<FolderInfo> folders() {
        return folders;
    }

    private final List<Runnable> foldersChanged = new java.util.ArrayList<>();

    /** Called on the UI thread after a folder was moved or removed (the sidebar and the grids reload). */
    public void onFoldersChanged(Runnable r) {
        foldersChanged.add(r);
    }

    /**
     * Points {@code folder} at its new place {@code to} (a new drive or mount point, a renamed parent): every face,
     * name and decision stays; nothing is indexed again.
     */
    public void moveFolder(FolderInfo folder, java.nio.file.Path to) {
        if (folder == null || to == null) {
            return;
        }
        executor.execute(BackgroundTask.of("Moving a folder", () -> services.folders().move(java.nio.file.Path.of(folder.path()), to))
                .onSuccess(m -> {
                    message.set(m.from() + " now points at " + m.to() + ": " + Messages.count(m.photosThere(), "photo")
                            + " found there" + (m.photosThere() < m.photosMoved()
                            ? ", " + Messages.count(m.photosMoved() - m.photosThere(), "photo") + " missing until a rescan" : "")
                            + ". Every name was kept.");
                    reload();
                    foldersChanged.forEach(Runnable::run);
                })
                .onFailure(t -> message.set("The folder was not moved: " + Messages.forUser(t))));
    }

    /** What removing {@code folder} would forget, in words (read on the task executor, handed to {@code then}). */
    public void describeRemoval(FolderInfo folder, java.util.function.Consumer<String> then) {
        executor.execute(BackgroundTask.of("Counting a folder", () -> services.folders().usage(java.nio.file.Path.of(folder.path())))
                .onSuccess(u -> then.accept(u.map(x -> "Kindred will forget " + Messages.count(x.photos(), "photo") + " of "
                        + folder.path() + ", their " + Messages.count(x.faces(), "face") + " and embeddings, and "
                        + Messages.count(x.confirmedFaces(), "confirmed name")
                        + (x.people().isEmpty() ? "" : " (" + String.join(", ", x.people()) + ")")
                        + ". The photos on disk are not touched, and the people stay.").orElse(folder.path() + " is no longer in the library.")))
                .onFailure(t -> message.set("The folder could not be read: " + Messages.forUser(t))));
    }

    /** Drops {@code folder} from the library (after the user confirmed what {@link #describeRemoval} said). */
    public void removeFolder(FolderInfo folder) {
        executor.execute(BackgroundTask.of("Removing a folder", () -> services.folders().remove(java.nio.file.Path.of(folder.path())))
                .onSuccess(u -> {
                    message.set(folder.path() + " was removed from the library (" + Messages.count(u.photos(), "photo")
                            + " forgotten; the files were not touched).");
                    reload();
                    foldersChanged.forEach(Runnable::run);
                })
                .onFailure(t -> message.set("The folder was not removed: " + Messages.forUser(t))));
    }

    public ObservableList<ModelFileInfo> models() {
        return models;
    }

    public StringProperty libraryDirProperty() {
        return libraryDir;
    }

    /** Says which library the next start opens, when the user chose another one ("" otherwise). */
    public StringProperty nextLibraryNoteProperty() {
        return nextLibraryNote;
    }

    public StringProperty activePackProperty() {
        return activePack;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty downloadingProperty() {
        return downloading;
    }

    public BooleanProperty yunetInstalledProperty() {
        return yunetInstalled;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }
}
