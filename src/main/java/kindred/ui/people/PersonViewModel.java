package kindred.ui.people;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import kindred.application.Kindred;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.PeopleService.Suggestion;
import kindred.library.PeopleService;
import kindred.model.State;
import kindred.ui.common.BackgroundTask;
import kindred.ui.common.Messages;
import kindred.ui.common.TaskExecutor;
import kindred.ui.common.UndoHistory;

/**
 * A page of face crops with review decisions: one person (suggestions first, most similar first, then
 * confirmed faces), one unnamed cluster, or Review (every person's suggestions). Keeps the selection
 * (focus, Shift ranges, Ctrl toggles) so the keys work the same in tests as in the window.
 */
public final class PersonViewModel {

    /** What the page shows: one person, one unnamed group, Review, or the faces no group holds ("Other faces"). */
    public enum Mode { PERSON, CLUSTER, REVIEW, OTHER }

    /**
     * Other faces listed at first, and added by each "Show more": a few screens of 132 px tiles at 1920×1080 (about
     * 12 × 7 each). A large library has tens of thousands of faces seen once; the page reads one page of them.
     */
    public static final int OTHER_PAGE = 300;

    private final Kindred services;
    private final TaskExecutor executor;
    private final ObservableList<FaceItem> items = FXCollections.observableArrayList();
    private final ObservableSet<Long> selected = FXCollections.observableSet(new LinkedHashSet<>());
    private final IntegerProperty focus = new SimpleIntegerProperty(-1);
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.REVIEW);
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final List<Runnable> changed = new ArrayList<>();
    private String person;
    private Long clusterId;
    private int anchor = -1;
    private int generation;
    private int otherLimit = OTHER_PAGE;
    /** The size from which a group is listed on Unnamed (pairs only with "Show small groups"): smaller ones are other faces. */
    private java.util.function.IntSupplier unnamedMinGroup = () -> PeopleViewModel.SMALL_CLUSTER_FACES;
    private final IntegerProperty total = new SimpleIntegerProperty(0);

    private final UndoHistory history;
    private final PersonPhotosViewModel photos;

    public PersonViewModel(Kindred services, TaskExecutor executor) {
        this(services, executor, new UndoHistory(services, executor));
    }

    /** With the window's shared undo history. */
    public PersonViewModel(Kindred services, TaskExecutor executor, UndoHistory history) {
        this.services = services;
        this.executor = executor;
        this.history = history;
        this.photos = new PersonPhotosViewModel(services, executor);
    }

    /** The person's photos (the person page's Photos view), read again with each {@link #reload()} of a person page. */
    public PersonPhotosViewModel photos() {
        return photos;
    }

    public void onChanged(Runnable r) {
        changed.add(r);
    }

    public void showPerson(String name) {
        mode.set(Mode.PERSON);
        person = name;
        clusterId = null;
        title.set(name);
        clearSelection();
        reload();
    }

    public void showCluster(long id) {
        mode.set(Mode.CLUSTER);
        person = null;
        clusterId = id;
        title.set("Unnamed person");
        clearSelection();
        reload();
    }

    /** Other faces: the unnamed faces no group holds, best first, with their suggestion when they have one. */
    public void showOther() {
        mode.set(Mode.OTHER);
        person = null;
        clusterId = null;
        otherLimit = OTHER_PAGE;
        title.set("Other faces");
        clearSelection();
        reload();
    }

    /** Lists the next page of Other faces, keeping those shown. */
    public void showMore() {
        otherLimit = items.size() + OTHER_PAGE;
        reload();
    }

    /** How many faces the page could list: its items are the first of them (Other faces lists a page at a time). */
    public javafx.beans.property.ReadOnlyIntegerProperty totalProperty() {
        return total;
    }

    public void showReview() {
        mode.set(Mode.REVIEW);
        person = null;
        clusterId = null;
        title.set("Review");
        clearSelection();
        reload();
    }

    public void reload() {
        int gen = ++generation;
        Mode m = mode.get();
        String p = person;
        Long c = clusterId;
        photos.show(m == Mode.PERSON ? p : null);
        int limit = otherLimit;
        executor.execute(BackgroundTask.of("Loading faces", () -> load(m, p, c, limit))
                .onSuccess(loaded -> {
                    if (gen != generation) {
                        return;
                    }
                    List<FaceItem> list = loaded.items();
                    if (!list.equals(items)) {
                        items.setAll(list);
                    }
                    total.set(loaded.total());
                    selected.retainAll(list.stream().map(FaceItem::id).toList());
                    // No tile is chosen for the user: a decision key with nothing chosen chooses the first tile in view
                    // and says so (the view), it never acts on a tile the user did not see chosen.
                    if (focus.get() >= list.size()) {
                        focus.set(list.size() - 1);
                    }
                    long sugg = list.stream().filter(FaceItem::suggestion).count();
                    summary.set(switch (m) {
                        case PERSON -> Messages.count(list.size() - (int) sugg, "confirmed face")
                                + (sugg > 0 ? " · " + Messages.count((int) sugg, "suggestion") + " to review" : "");
                        case CLUSTER -> Messages.count(list.size(), "face") + " that look like the same person";
                        case REVIEW -> sugg == 0 ? "" : Messages.count((int) sugg, "suggestion") + " to review";
                        case OTHER -> Messages.count(loaded.total(), "face") + " seen once or too small to group"
                                + (sugg > 0 ? " · " + Messages.count((int) sugg, "suggestion") + " shown" : "");
                    });
                })
                .onFailure(t -> {
                    if (gen == generation) {
                        // e.g. the person was merged away or an undo removed them: show an empty page, not an error
                        items.clear();
                        total.set(0);
                        selected.clear();
                        focus.set(-1);
                        summary.set(Messages.forUser(t));
                    }
                }));
    }

    private record Loaded(List<FaceItem> items, int total) {
    }

    /** Where Unnamed's groups start (faces of smaller groups are other faces), as the Unnamed page lists them now. */
    public void unnamedMinGroup(java.util.function.IntSupplier minGroup) {
        unnamedMinGroup = minGroup;
    }

    /** The group size from which faces are not other faces. */
    public int unnamedMinGroup() {
        return unnamedMinGroup.getAsInt();
    }

    private Loaded load(Mode m, String p, Long c, int limit) {
        PeopleService people = services.people();
        List<FaceItem> out = new ArrayList<>();
        switch (m) {
            case OTHER -> {
                if (people == null) {
                    break;
                }
                // Every face has one home: a face of a group Unnamed lists is not an other face, one of a group too small
                // for it (a pair while "Show small groups" is off) is.
                PeopleService.Page<FaceInfo> page = people.otherFaces(unnamedMinGroup.getAsInt(), 0, limit);
                page.items().forEach(f -> out.add(new FaceItem(f, f.person(), null)));
                return new Loaded(out, page.total());
            }
            case CLUSTER -> services.queries().faces(new FaceQuery(null, null, c)).stream()
                    .filter(f -> f.person() == null && f.state() != State.IGNORED)
                    .forEach(f -> out.add(new FaceItem(f, null, null)));
            case PERSON -> {
                if (people == null) {
                    break;
                }
                Set<Long> seen = new HashSet<>();
                for (Suggestion s : people.suggestions(p)) {
                    if (seen.add(s.face().id())) {
                        out.add(new FaceItem(s.face(), p, s.confidence(), s.oneIn()));
                    }
                }
                for (FaceInfo f : people.facesOf(p)) {
                    if (seen.add(f.id()) && f.state() != State.REJECTED && f.state() != State.IGNORED) {
                        out.add(new FaceItem(f, p, null));
                    }
                }
            }
            case REVIEW -> {
                if (people == null) {
                    break;
                }
                // The same list as `kindred suggestions`: every person's waiting suggestions, most confident first.
                for (PeopleService.PersonSuggestion ps : people.waitingSuggestions(null, 0, Double.POSITIVE_INFINITY)) {
                    Suggestion s = ps.suggestion();
                    out.add(new FaceItem(s.face(), ps.person(), s.confidence(), s.oneIn()));
                }
            }
        }
        return new Loaded(out, out.size());
    }

    // ---- selection

    /** A click on tile {@code index}: plain selects it alone, Shift selects the range from the anchor, Ctrl toggles. */
    public void click(int index, boolean shift, boolean ctrl) {
        if (index < 0 || index >= items.size()) {
            return;
        }
        if (shift && anchor >= 0) {
            if (!ctrl) {
                selected.clear();
            }
            for (int i = Math.min(anchor, index); i <= Math.max(anchor, index); i++) {
                selected.add(items.get(i).id());
            }
        } else if (ctrl) {
            long id = items.get(index).id();
            if (!selected.remove(id)) {
                selected.add(id);
            }
            anchor = index;
        } else {
            selected.clear();
            selected.add(items.get(index).id());
            anchor = index;
        }
        focus.set(index);
    }

    /** Arrow keys: moves the focus by {@code delta} tiles; with Shift the selection follows as a range. */
    public void move(int delta, boolean shift) {
        if (items.isEmpty()) {
            return;
        }
        int from = Math.max(0, focus.get());
        int to = Math.max(0, Math.min(items.size() - 1, from + delta));
        if (shift) {
            if (anchor < 0) {
                anchor = from;
            }
            click(to, true, false);
        } else {
            click(to, false, false);
        }
    }

    public void selectAll() {
        items.forEach(i -> selected.add(i.id()));
    }

    public void clearSelection() {
        selected.clear();
        anchor = -1;
        focus.set(-1);
    }

    /** What an action applies to: the selection, else the focused tile. */
    List<FaceItem> targets() {
        List<FaceItem> t = items.stream().filter(i -> selected.contains(i.id())).toList();
        if (t.isEmpty() && focus.get() >= 0 && focus.get() < items.size()) {
            t = List.of(items.get(focus.get()));
        }
        return t;
    }

    // ---- decisions

    /** Y / Enter: the suggestions among the targets are this person. */
    public void confirm() {
        List<FaceItem> t = targets();
        List<Long> ids = t.stream().filter(FaceItem::suggestion).map(FaceItem::id).toList();
        if (ids.isEmpty()) {
            say(t.isEmpty() ? "Select a face first" : mode.get() == Mode.OTHER || mode.get() == Mode.CLUSTER
                    ? "No suggestion to confirm here: type who it is, or press I to ignore it"
                    : "Already confirmed: only suggestions (dashed tiles) wait for a yes");
            return;
        }
        decide("Confirming", p -> p.confirm(ids), n -> "Confirmed " + Messages.count(ids.size(), "face"), ids);
    }

    /** N / Delete: not this person, remembered forever. */
    public void reject() {
        List<FaceItem> t = targets().stream().filter(i -> i.person() != null).toList();
        if (t.isEmpty()) {
            say(targets().isEmpty() ? "Select a face first" : "No name to say no to here: type who it is, or press I to ignore it");
            return;
        }
        String who = t.size() == 1 ? t.get(0).person() : "this person";
        decide("Rejecting", p -> p.reject(t.stream().map(i -> new PeopleService.Rejection(i.id(), i.person())).toList()),
                r -> Messages.count(r.size(), "face") + " marked \"not " + who + "\"", t.stream().map(FaceItem::id).toList());
    }

    /** I: not a face worth naming (a poster, a stranger in the background). */
    public void ignore() {
        List<Long> ids = targets().stream().map(FaceItem::id).toList();
        if (ids.isEmpty()) {
            say("Select a face first");
            return;
        }
        decide("Ignoring", p -> p.ignore(ids), n -> Messages.count(ids.size(), "face") + " ignored", ids);
    }

    /** Names the targets as {@code name} (moving them from whoever they were): "this is someone else". */
    public void moveTo(String name) {
        moveTo(targets().stream().map(FaceItem::id).toList(), name, null);
    }

    /**
     * Names the faces {@code ids} as {@code name}; {@code differentFrom}: the person of a like name the user said they
     * are not (the message says so), or null.
     */
    public void moveTo(List<Long> ids, String name, String differentFrom) {
        String n = Messages.cleanName(name);
        if (n == null) {
            return;
        }
        if (ids.isEmpty()) {
            say("Select the faces to name first");
            return;
        }
        decide("Naming", p -> p.nameFaces(ids, n), k -> Messages.count(k, "face") + " named \"" + n + "\"" + notSame(differentFrom), ids);
    }

    /** ", a different person from "Jenny"" after a name the user chose to tell two people apart. */
    static String notSame(String differentFrom) {
        return differentFrom == null ? "" : ", a different person from \"" + differentFrom + "\"";
    }

    /** Names every face of the cluster shown. */
    public void nameCluster(String name) {
        nameCluster(name, null);
    }

    /** Names every face of the cluster shown; {@code differentFrom} as for {@link #moveTo(List, String, String)}. */
    public void nameCluster(String name, String differentFrom) {
        String n = Messages.cleanName(name);
        Long c = clusterId;
        if (n == null || c == null) {
            return;
        }
        List<Long> ids = items.stream().map(FaceItem::id).toList();
        mode.set(Mode.PERSON);
        person = n;
        clusterId = null;
        title.set(n);
        decide("Naming", p -> p.nameCluster(c, n), r -> Messages.count(r.facesNamed(), "face") + " named \"" + n + "\"" + notSame(differentFrom), ids);
    }

    /** A decision through the shared undo history; then the message, the selection, the page again and the listeners. */
    private <T> void decide(String what, java.util.function.Function<PeopleService, kindred.library.Decided<T>> work,
                            java.util.function.Function<T, String> done, List<Long> ids) {
        history.decide(what, work, r -> {
            message.set(done.apply(r));
            selected.removeAll(ids);
            reload();
            changed.forEach(Runnable::run);
        }, message::set);
    }

    public ObservableList<FaceItem> items() {
        return items;
    }

    public ObservableSet<Long> selected() {
        return selected;
    }

    public IntegerProperty focusProperty() {
        return focus;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** Tells the user {@code m}, even when it is what was said last. */
    public void say(String m) {
        message.set(null);
        message.set(m);
    }

    public String person() {
        return person;
    }

    public Long clusterId() {
        return clusterId;
    }
}
