package kindred.ui.people;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PeopleService;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.TaskExecutor;
import kindred.ui.common.UndoHistory;

/**
 * The People and Unnamed pages: cards for named people and for unnamed clusters, largest first, a page at a time
 * ({@link #PAGE}, then {@link #showMore}); naming a cluster, merging, hiding, renaming. Also the list of names for
 * autocomplete everywhere.
 */
public final class PeopleViewModel {

    /**
     * Groups smaller than this are usually strangers seen once or twice: listed only on request ("Show small
     * groups"). The same number as the people layer's listing threshold (MIN_LISTED_CLUSTER_SIZE).
     */
    public static final int LISTED_CLUSTER_FACES = 3;

    /** With "Show small groups": pairs too, never single faces. */
    public static final int SMALL_CLUSTER_FACES = 2;

    /**
     * Cards loaded at first, and added by each "Show more": two screens of 168×196 cards at 1920×1080 (≈ 10 × 5
     * each). A 300,000-face library has 52,500 clusters; listing all of them took 400 ms plus one face query per card,
     * the first page of 100 well under 200 ms (docs/decisions/0007-speed.md).
     */
    public static final int PAGE = 100;

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObservableList<Card> people = FXCollections.observableArrayList();
    private final ObservableList<Card> clusters = FXCollections.observableArrayList();
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final BooleanProperty showHidden = new SimpleBooleanProperty(false);
    private final BooleanProperty showSmallGroups = new SimpleBooleanProperty(false);
    private final BooleanProperty available = new SimpleBooleanProperty(true);
    /** Whether the lists and totals have been loaded once: until then a total of 0 means "not known yet". */
    private final BooleanProperty loaded = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    private final IntegerProperty peopleTotal = new SimpleIntegerProperty(0);
    private final IntegerProperty clustersTotal = new SimpleIntegerProperty(0);
    private volatile int peopleLimit = PAGE;
    private volatile int clustersLimit = PAGE;
    private final List<Runnable> changed = new ArrayList<>();

    private final UndoHistory history;

    public PeopleViewModel(Kindred services, TaskExecutor executor) {
        this(services, executor, new UndoHistory(services, executor));
    }

    /** With the window's shared undo history. */
    public PeopleViewModel(Kindred services, TaskExecutor executor, UndoHistory history) {
        this.services = services;
        this.executor = executor;
        this.history = history;
        showHidden.addListener((o, a, b) -> {
            peopleLimit = PAGE;
            reload();
        });
        showSmallGroups.addListener((o, a, b) -> {
            clustersLimit = PAGE;
            reload();
        });
    }

    /** Called on the UI thread after a change made here (naming, merging, hiding). */
    public void onChanged(Runnable r) {
        changed.add(r);
    }

    private volatile int generation;

    public void reload() {
        boolean hidden = showHidden.get();
        int min = showSmallGroups.get() ? SMALL_CLUSTER_FACES : LISTED_CLUSTER_FACES;
        int shownPeople = peopleLimit;
        int shownClusters = clustersLimit;
        int gen = ++generation;
        executor.execute(BackgroundTask.of("Loading people", () -> {
                    PeopleService p = services.people();
                    // The cards shown so far, not every person and cluster: "Show more" asks for the next page.
                    PeopleService.Page<PersonSummary> named = p.people(hidden, 0, shownPeople);
                    PeopleService.Page<PersonSummary> groups = p.clusters(min, 0, shownClusters);
                    return new Loaded(cards(named.items()), named.total(), cards(groups.items()), groups.total(), p.people(true));
                })
                .onSuccess(l -> {
                    if (gen != generation) {
                        return; // a newer reload is on its way: an older answer must not overwrite it
                    }
                    available.set(l != null);
                    loaded.set(true);
                    if (l == null) {
                        people.clear();
                        clusters.clear();
                        names.clear();
                        peopleTotal.set(0);
                        clustersTotal.set(0);
                        return;
                    }
                    peopleTotal.set(l.peopleTotal);
                    clustersTotal.set(l.clustersTotal);
                    if (!l.people.equals(people)) {
                        people.setAll(l.people);
                    }
                    if (!l.clusters.equals(clusters)) {
                        clusters.setAll(l.clusters);
                    }
                    List<String> n = l.everyone.stream().map(PersonSummary::name).sorted(String.CASE_INSENSITIVE_ORDER).toList();
                    if (!n.equals(names)) {
                        names.setAll(n);
                    }
                }));
    }

    /** Loads the next page of people ({@code clusters} false) or of unnamed groups, keeping the cards shown. */
    public void showMore(boolean clustersPage) {
        if (clustersPage) {
            clustersLimit = clusters.size() + PAGE;
        } else {
            peopleLimit = people.size() + PAGE;
        }
        reload();
    }

    private record Loaded(List<Card> people, int peopleTotal, List<Card> clusters, int clustersTotal, List<PersonSummary> everyone) {
    }

    /** A person or cluster with the face its card shows (null when it has none left). */
    public record Card(PersonSummary summary, FaceInfo cover) {

        public boolean isCluster() {
            return summary.name() == null;
        }

        /** How the card is named on screen. */
        public String label() {
            return isCluster() ? "Unnamed" : summary.name();
        }
    }

    /**
     * The cards of a page: each cover face read by its id, all in one query. Reading every face of each person to find
     * it took seconds for a page of people with thousands of faces each (300,000-face library; ScaleBenchmark,
     * docs/decisions/0007-speed.md). A cover that is gone or no longer the person's or group's (moved, removed) falls
     * back to their best face by quality.
     */
    private List<Card> cards(List<PersonSummary> list) {
        List<Long> coverIds = list.stream().map(PersonSummary::coverFaceId).filter(id -> id != null && id > 0).toList();
        java.util.Map<Long, FaceInfo> byId = new java.util.HashMap<>();
        for (FaceInfo f : coverIds.isEmpty() ? List.<FaceInfo>of() : services.queries().facesById(coverIds)) {
            byId.put(f.id(), f);
        }
        List<Card> out = new ArrayList<>();
        for (PersonSummary s : list) {
            FaceInfo cover = s.coverFaceId() == null ? null : byId.get(s.coverFaceId());
            boolean theirs = cover != null && (s.name() == null
                    ? java.util.Objects.equals(cover.clusterId(), s.id())
                    : s.name().equals(cover.person()));
            if (!theirs) {
                List<FaceInfo> faces = services.queries().faces(s.name() == null
                        ? new FaceQuery(null, null, s.id()) : new FaceQuery(null, s.name(), null));
                cover = faces.stream().max(java.util.Comparator.comparingDouble(FaceInfo::quality)).orElse(null);
            }
            out.add(new Card(s, cover));
        }
        return out;
    }

    /** Names an unnamed cluster; a new name creates the person, an existing one adds the faces to them. */
    public void nameCluster(long clusterId, String name) {
        nameCluster(clusterId, name, null);
    }

    /**
     * Names an unnamed cluster; {@code differentFrom}: the person of a like name the user said the group is not (the
     * message says so), or null.
     */
    public void nameCluster(long clusterId, String name, String differentFrom) {
        String n = Messages.cleanName(name);
        if (n == null) {
            return;
        }
        decide("Naming", p -> p.nameCluster(clusterId, n), r -> "Named " + Messages.count(r.facesNamed(), "face") + " \""
                + r.person() + "\"" + PersonViewModel.notSame(differentFrom));
    }

    /** The person named {@code name} (any case), with the face their card shows, or empty; read in the background. */
    public void findPerson(String name, Consumer<java.util.Optional<Card>> then) {
        executor.execute(BackgroundTask.of("Looking up " + name, () -> {
                    PeopleService p = services.people();
                    List<PersonSummary> found = p == null ? List.of()
                            : p.people(true).stream().filter(s -> s.name().equalsIgnoreCase(name)).toList();
                    return cards(found).stream().findFirst();
                })
                .onSuccess(then::accept)
                .onFailure(t -> message.set(Messages.forUser(t))));
    }

    /** Whether someone is named {@code name} already (any case), as far as the names loaded say. */
    public boolean isNamed(String name) {
        return name != null && names.stream().anyMatch(n -> n.equalsIgnoreCase(name.strip()));
    }

    /** A name no one has yet, for a person told apart from {@code name}: "Jenny (2)", else "Jenny (3)"… */
    public String distinctName(String name) {
        for (int i = 2; ; i++) {
            String candidate = name + " (" + i + ")";
            if (!isNamed(candidate)) {
                return candidate;
            }
        }
    }

    /** Moves every face of {@code from} to {@code into}; undoable. */
    public void merge(String from, String into) {
        if (from == null || into == null || from.equalsIgnoreCase(into)) {
            return;
        }
        decide("Merging", p -> p.merge(from, into), r -> "Merged \"" + from + "\" into \"" + r.person() + "\" (Ctrl+Z undoes it)");
    }

    /** Merges an unnamed cluster into a person (naming its faces with that person). */
    public void mergeClusterInto(long clusterId, String into) {
        nameCluster(clusterId, into);
    }

    public void setHidden(String person, boolean hidden) {
        decide("Hiding", p -> p.setHidden(person, hidden),
                r -> hidden ? "\"" + person + "\" is hidden (Show hidden people brings them back)" : "\"" + person + "\" is shown again");
    }

    public void rename(String from, String to) {
        String n = Messages.cleanName(to);
        if (n == null || n.equals(from)) {
            return;
        }
        decide("Renaming", p -> p.rename(from, n), r -> "Renamed \"" + from + "\" to \"" + n + "\"");
    }

    /** What {@link #forget} erases, said before anything is erased. */
    public static String forgetExplanation(String person) {
        return "Kindred erases every face of " + person + ": the face crops, the face fingerprints (embeddings) used to "
                + "recognise them, and their name on every photo. The photos themselves stay untouched, and their faces "
                + "are not found again by a rescan. This cannot be undone.";
    }

    /**
     * "Forget this person": erases their faces, embeddings and assignments (the photos stay). Not undoable: the undo
     * history is cleared so that nothing brings their faces back.
     */
    public void forget(String person) {
        if (person == null) {
            return;
        }
        executor.execute(BackgroundTask.of("Forgetting", () -> services.people().forget(person))
                .onSuccess(n -> {
                    history.clear();
                    message.set("\"" + person + "\" is forgotten: " + Messages.count(n, "face") + " erased; the photos are untouched");
                    reload();
                    changed.forEach(Runnable::run);
                })
                .onFailure(t -> message.set(Messages.forUser(t))));
    }

    /** A decision through the shared undo history; then the message, the page again and the listeners. */
    private <T> void decide(String title, java.util.function.Function<PeopleService, kindred.library.Decided<T>> work,
                            java.util.function.Function<T, String> done) {
        history.decide(title, work, r -> {
            message.set(done.apply(r));
            reload();
            changed.forEach(Runnable::run);
        }, message::set);
    }


    /** Runs {@code r} with the names once loaded (for pickers). */
    public void withNames(Consumer<List<String>> r) {
        r.accept(List.copyOf(names));
    }

    public ObservableList<Card> people() {
        return people;
    }

    public ObservableList<Card> clusters() {
        return clusters;
    }

    /** How many people the People page could list (its cards are the first of them). */
    public ReadOnlyIntegerProperty peopleTotalProperty() {
        return peopleTotal;
    }

    /** How many unnamed groups the Unnamed page could list (its cards are the first of them). */
    public ReadOnlyIntegerProperty clustersTotalProperty() {
        return clustersTotal;
    }

    public ObservableList<String> names() {
        return names;
    }

    public BooleanProperty showSmallGroupsProperty() {
        return showSmallGroups;
    }

    public BooleanProperty showHiddenProperty() {
        return showHidden;
    }

    /** True once the lists and totals have been loaded (see {@link #loaded}). */
    public javafx.beans.property.ReadOnlyBooleanProperty loadedProperty() {
        return loaded;
    }

    /** False when this build has no people use cases. */
    public BooleanProperty availableProperty() {
        return available;
    }

    /** The last thing that happened, for a notification. */
    public StringProperty messageProperty() {
        return message;
    }
}
