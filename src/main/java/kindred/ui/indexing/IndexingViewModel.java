package kindred.ui.indexing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.FailedPhoto;
import kindred.library.IndexProgress;
import kindred.library.Indexer;
import kindred.library.ScanSummary;
import kindred.library.watch.LibraryWatch;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.TaskExecutor;

/**
 * Adding folders and indexing them in the background: scan and index at once → cluster, with progress for the status
 * area and the task panel (pause, resume, cancel, failed files). Progress from the indexer threads is
 * coalesced: at most one UI update is pending at a time, whatever the photo rate.
 */
public final class IndexingViewModel {

    private final Kindred services;
    private final TaskExecutor executor;
    private final List<Runnable> libraryChanged = new ArrayList<>();

    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Up to date");
    private final StringProperty detail = new SimpleStringProperty("");
    private final StringProperty library = new SimpleStringProperty("");
    private final IntegerProperty photosLeft = new SimpleIntegerProperty(0);
    private final IntegerProperty facesFound = new SimpleIntegerProperty(0);
    private final DoubleProperty rate = new SimpleDoubleProperty(0);
    private final ObservableList<FailedPhoto> failures = FXCollections.observableArrayList();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();

    private final AtomicReference<IndexProgress> latest = new AtomicReference<>();
    private final AtomicBoolean updatePending = new AtomicBoolean();
    private volatile Indexer.IndexRun run;
    /** A run beside a walk is being started (set on the FX thread, so that a second one is not). */
    private volatile boolean startingRun;
    private long lastRefreshMillis;

    /** While indexing, the library views refresh at most this often, in milliseconds (faces appear as found). */
    static final long REFRESH_EVERY_MILLIS = 10_000;

    public IndexingViewModel(Kindred services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
    }

    /** Called on the UI thread whenever photos, faces or clusters may have changed. */
    public void onLibraryChanged(Runnable r) {
        libraryChanged.add(r);
    }

    private void fireLibraryChanged() {
        libraryChanged.forEach(Runnable::run);
    }

    /**
     * Adds folders (idempotent) and finds their photos; what is new is indexed while the walk goes on (it hashes every
     * new photo, minutes for a large folder), as `kindred scan` does. While a run is going already, the walk queues
     * for it and a new run drains what is left.
     */
    public void addFolders(List<Path> folders) {
        if (folders.isEmpty()) {
            return;
        }
        busy.set(true);
        progress.set(-1);
        status.set("Looking for photos…");
        detail.set(folders.size() == 1 ? folders.get(0).toString() : folders.size() + " folders");
        boolean indexBesideTheWalk = run == null && !startingRun;
        startingRun |= indexBesideTheWalk; // a second folder added meanwhile queues for this run
        executor.execute(BackgroundTask.of("Scanning folders", () -> {
                    if (!indexBesideTheWalk) {
                        return services.scans().walkOnly(folders);
                    }
                    Indexer.IndexRun r;
                    try {
                        kindred.library.scan.FolderScanner.realRoots(folders); // a missing folder: said before anything starts
                        r = services.scans().startRun(this::progressFromWorker);
                        run = r; // before the walk: the run cannot end until the walk has
                    } finally {
                        startingRun = false;
                    }
                    return services.scans().walk(r, folders);
                })
                .onSuccess(s -> {
                    if (indexBesideTheWalk) {
                        warnings.setAll(s.warnings());
                        fireLibraryChanged(); // the run says when it is done
                    } else {
                        scanned(s);
                    }
                })
                .onFailure(t -> {
                    busy.set(false);
                    progress.set(0);
                    status.set("Could not add the folder");
                    detail.set(Messages.forUser(t));
                    fireLibraryChanged();
                }));
    }

    /** Rescans every folder of the library (new, changed, moved and missing photos). */
    public void rescanAll() {
        executor.execute(BackgroundTask.of("Listing folders", () -> services.queries().folders().stream()
                        .filter(f -> f.present()).map(f -> Path.of(f.path())).toList())
                .onSuccess(this::addFolders));
    }

    private void scanned(ScanSummary s) {
        warnings.setAll(s.warnings());
        fireLibraryChanged();
        startIndexing();
    }

    /** Drains the persistent queue (also what a previous session left). Does nothing while a run is going. */
    public void startIndexing() {
        if (run != null || startingRun) {
            return;
        }
        busy.set(true);
        status.set("Preparing…");
        progress.set(-1);
        executor.execute(BackgroundTask.of("Starting indexing", () -> {
                    if (services.queries().pendingJobs() == 0) {
                        return null;
                    }
                    return services.scans().resumeQueued(this::progressFromWorker);
                })
                .onSuccess(r -> {
                    if (r == null) {
                        finished(null);
                    } else {
                        run = r;
                        lastRefreshMillis = System.currentTimeMillis();
                        showProgress(r.progress());
                    }
                })
                .onFailure(t -> {
                    busy.set(false);
                    status.set("Indexing could not start");
                    detail.set(Messages.forUser(t));
                }));
    }

    /**
     * The status area changes at most this often while indexing, in milliseconds: a person reads a few updates a
     * second, and each one costs the FX thread text layout and CSS.
     */
    static final long PROGRESS_EVERY_MILLIS = 250;

    private final java.util.concurrent.atomic.AtomicLong lastPostedNanos = new java.util.concurrent.atomic.AtomicLong();
    private volatile String lastPostedState = "";

    /**
     * From indexer threads: keep the newest snapshot, post one UI update at a time and at most one per
     * {@link #PROGRESS_EVERY_MILLIS}; the end of a run is always posted.
     */
    private void progressFromWorker(IndexProgress p) {
        latest.set(p);
        // The end of a run is always posted: a run that finds nothing ends in one "done", which the state alone would
        // not tell from the end of the run before it.
        boolean ended = p.state().equals("done") || p.state().equals("cancelled");
        boolean stateChanged = ended || !p.state().equals(lastPostedState);
        long t = System.nanoTime();
        if (!stateChanged && t - lastPostedNanos.get() < PROGRESS_EVERY_MILLIS * 1_000_000L) {
            return; // the newest snapshot waits in `latest` for the next post
        }
        lastPostedState = p.state();
        if (updatePending.compareAndSet(false, true)) {
            lastPostedNanos.set(t);
            executor.runOnUi(() -> {
                updatePending.set(false);
                IndexProgress now = latest.get();
                if (now != null) {
                    showProgress(now);
                }
            });
        }
    }

    private void showProgress(IndexProgress p) {
        if (p.state().equals("done") || p.state().equals("cancelled")) {
            if (run != null) {
                Indexer.IndexRun r = run;
                run = null;
                finished(p);
            }
            return;
        }
        int left = Math.max(0, p.photosTotal() - p.photosDone());
        photosLeft.set(left);
        facesFound.set(p.facesFound());
        rate.set(p.photosPerSecond());
        paused.set(p.state().equals("paused"));
        progress.set(p.photosTotal() == 0 ? -1 : (double) p.photosDone() / p.photosTotal());
        status.set(p.state().equals("paused") ? "Paused: " + Messages.count(left, "photo") + " left"
                : "Indexing: " + Messages.count(left, "photo") + " left");
        detail.set(String.format("%.1f photos/s · %s found%s", p.photosPerSecond(), Messages.count(p.facesFound(), "face"),
                p.etaSeconds() >= 0 ? " · about " + Messages.duration(p.etaSeconds()) + " left" : ""));
        long now = System.currentTimeMillis();
        if (now - lastRefreshMillis >= REFRESH_EVERY_MILLIS) {
            lastRefreshMillis = now;
            fireLibraryChanged();
        }
    }

    private void finished(IndexProgress p) {
        status.set("Grouping faces…");
        progress.set(-1);
        executor.execute(BackgroundTask.of("Grouping faces", () -> {
                    // Names other programs wrote into the photos (when the user turned that on), then the new faces grouped.
                    services.scans().afterIndexing();
                    return services.queries().failedPhotos();
                })
                .onSuccess(failed -> {
                    failures.setAll(failed);
                    done(p, failed.size());
                })
                .onFailure(t -> {
                    done(p, failures.size());
                    detail.set("Faces could not be grouped: " + Messages.forUser(t));
                }));
    }

    private void done(IndexProgress p, int failedCount) {
        paused.set(false);
        photosLeft.set(0);
        progress.set(1);
        boolean cancelled = p != null && p.state().equals("cancelled");
        status.set(cancelled ? "Indexing stopped" : "Up to date");
        String d = p == null ? "" : p.photosDone() == 0 && !cancelled ? "No new or changed photos"
                : Messages.count(p.photosDone(), "photo") + " indexed, " + Messages.count(p.facesFound(), "face") + " found";
        if (failedCount > 0) {
            d += (d.isEmpty() ? "" : " · ") + Messages.count(failedCount, "photo") + " could not be read";
        }
        if (cancelled) {
            d += (d.isEmpty() ? "" : " · ") + "the rest continues next time";
        }
        detail.set(d);
        fireLibraryChanged();
        busy.set(false);
    }

    public void pause() {
        Indexer.IndexRun r = run;
        if (r != null) {
            executor.execute(BackgroundTask.run("Pausing", r::pause));
        }
    }

    public void resume() {
        Indexer.IndexRun r = run;
        if (r != null) {
            executor.execute(BackgroundTask.run("Resuming", r::resume));
        }
    }

    public void cancel() {
        Indexer.IndexRun r = run;
        if (r != null) {
            executor.execute(BackgroundTask.run("Cancelling", r::cancel));
        }
    }

    // ---------------------------------------------------------------- watching (issue 18)

    private final StringProperty watching = new SimpleStringProperty("");
    /** The watcher's run is indexing (shown when no run of the window's own is). */
    private boolean watchBusy;
    private final AtomicReference<IndexProgress> watchLatest = new AtomicReference<>();
    private final AtomicBoolean watchUpdatePending = new AtomicBoolean();
    private long watchRefreshMillis;

    /**
     * Starts keeping the library current while the window is open: its folders are watched, and photos copied,
     * changed, renamed or removed there are indexed in the background (the look at what changed since last time comes
     * first). What the watcher does shows in the status: {@link #watchingProperty()}, and its runs like the window's own.
     */
    public void startWatching() {
        LibraryWatch.Listener l = new LibraryWatch.Listener() {
            @Override
            public void event(LibraryWatch.Event e) {
                executor.runOnUi(() -> watchEvent(e));
            }

            @Override
            public void progress(IndexProgress p) {
                watchLatest.set(p);
                if (watchUpdatePending.compareAndSet(false, true)) {
                    executor.runOnUi(() -> {
                        watchUpdatePending.set(false);
                        watchProgress(watchLatest.get());
                    });
                }
            }
        };
        executor.execute(BackgroundTask.run("Watching the folders", () -> services.watch().start(l))
                .onFailure(t -> watching.set("Not watching the folders: " + Messages.forUser(t))));
    }

    private void watchEvent(LibraryWatch.Event e) {
        switch (e.what()) {
            case WATCHING -> watching.set(e.text());
            case INDEXED, FAILED -> {
                long now = System.currentTimeMillis();
                if (now - watchRefreshMillis >= REFRESH_EVERY_MILLIS) {
                    watchRefreshMillis = now;
                    fireLibraryChanged(); // new photos appear as they are indexed
                }
            }
            case GROUPED -> {
                if (run == null && !startingRun) {
                    watchBusy = false;
                    busy.set(false);
                    photosLeft.set(0);
                    progress.set(1);
                    status.set("Up to date");
                    detail.set(e.text());
                }
                loadFailures();
                fireLibraryChanged();
            }
            case QUEUED, MISSING, MOVED, COPIES, OFFLINE, ONLINE, ERROR -> {
                if (run == null && !startingRun) {
                    detail.set(e.text());
                }
                fireLibraryChanged();
            }
        }
    }

    private void watchProgress(IndexProgress p) {
        if (p == null || run != null || startingRun) {
            return; // the window's own run has the status
        }
        boolean ended = p.state().equals("done") || p.state().equals("cancelled");
        if (ended) {
            if (watchBusy) {
                status.set("Grouping faces…");
                progress.set(-1);
            }
            return;
        }
        watchBusy = true;
        busy.set(true);
        int left = Math.max(0, p.photosTotal() - p.photosDone());
        photosLeft.set(left);
        facesFound.set(p.facesFound());
        progress.set(p.photosTotal() == 0 ? -1 : (double) p.photosDone() / p.photosTotal());
        status.set("New photos: " + Messages.count(left, "photo") + " left");
        detail.set(String.format("%.1f photos/s · %s found", p.photosPerSecond(), Messages.count(p.facesFound(), "face")));
    }

    /** What the watcher watches ("Watching 3 folders (1 offline)"), or why it does not; "" before it starts. */
    public ReadOnlyStringProperty watchingProperty() {
        return watching;
    }

    /** Loads the failed files (for the task panel). */
    public void loadFailures() {
        executor.execute(BackgroundTask.of("Loading failed files", () -> services.queries().failedPhotos())
                .onSuccess(failures::setAll));
    }

    /** Blocks until the current run (if any) ends; for tests and the benchmark, never on the FX thread. */
    public void awaitRun() throws InterruptedException {
        Indexer.IndexRun r = run;
        if (r != null) {
            r.await();
        }
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused;
    }

    /** 0..1, or -1 while the amount of work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty detailProperty() {
        return detail;
    }

    /** What the library holds, for the status line ("12,345 photos · 40,112 faces"); set by the main window's counts. */
    public ReadOnlyStringProperty libraryProperty() {
        return library;
    }

    /** Sets {@link #libraryProperty()}, on the UI thread. */
    public void librarySummary(String text) {
        library.set(text);
    }

    public ReadOnlyIntegerProperty photosLeftProperty() {
        return photosLeft;
    }

    public ReadOnlyIntegerProperty facesFoundProperty() {
        return facesFound;
    }

    public ReadOnlyDoubleProperty rateProperty() {
        return rate;
    }

    public ObservableList<FailedPhoto> failures() {
        return failures;
    }

    public ObservableList<String> warnings() {
        return warnings;
    }
}
