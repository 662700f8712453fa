package kindred.ui.search;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.PeopleService.PhotoHit;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.PhotoItem;
import kindred.ui.common.TaskExecutor;

/** Search: pick several people, all of them or any of them, see the photos. */
public final class SearchViewModel {

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObservableList<String> chosen = FXCollections.observableArrayList();
    private final BooleanProperty any = new SimpleBooleanProperty(false);
    private final ObservableList<PhotoItem> results = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty("Pick one or more people to see their photos.");
    private int generation;

    public SearchViewModel(Kindred services, TaskExecutor executor) {
        this.services = services;
        this.executor = executor;
        any.addListener((o, a, b) -> search());
    }

    public void add(String name) {
        String n = Messages.cleanName(name);
        if (n != null && chosen.stream().noneMatch(c -> c.equalsIgnoreCase(n))) {
            chosen.add(n);
            search();
        }
    }

    public void remove(String name) {
        if (chosen.remove(name)) {
            search();
        }
    }

    public void search() {
        int gen = ++generation;
        List<String> names = List.copyOf(chosen);
        boolean anyOf = any.get();
        if (names.isEmpty()) {
            results.clear();
            summary.set("Pick one or more people to see their photos.");
            return;
        }
        executor.execute(BackgroundTask.of("Searching", () -> {
                    var found = services.people().search(names, anyOf);
                    return new Found(found, services.queries().offlineFolders());
                })
                .onSuccess(f -> {
                    if (gen != generation) {
                        return;
                    }
                    var hits = f.hits();
                    // A photo whose drive is away is still found, with its "Offline" badge (issue 18).
                    results.setAll(hits.stream().map(h -> item(h).withOffline(f.offline().stream().anyMatch(h.path()::startsWith))).toList());
                    String who = names.size() == 1 ? names.get(0)
                            : String.join(", ", names.subList(0, names.size() - 1)) + (anyOf ? " or " : " and ") + names.get(names.size() - 1);
                    summary.set(hits.isEmpty() ? "No photo shows " + who + "." : Messages.count(hits.size(), "photo") + " with " + who);
                })
                .onFailure(t -> summary.set(Messages.forUser(t))));
    }

    private record Found(List<PhotoHit> hits, List<String> offline) {
    }

    private static PhotoItem item(PhotoHit h) {
        return new PhotoItem(h.photoId(), h.path(), 0, 0); // the tile shows the photo; the summary says who
    }

    public ObservableList<String> chosen() {
        return chosen;
    }

    public BooleanProperty anyProperty() {
        return any;
    }

    public ObservableList<PhotoItem> results() {
        return results;
    }

    public StringProperty summaryProperty() {
        return summary;
    }
}
