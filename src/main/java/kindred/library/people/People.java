package kindred.library.people;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kindred.library.Counted;
import kindred.library.Decided;
import kindred.library.FaceInfo;
import kindred.library.LibraryException;
import kindred.library.PeopleService.Page;
import kindred.library.PeopleService;
import kindred.library.PeopleStore.FaceVectorRow;
import kindred.library.PeopleStore;
import kindred.library.RemovedFace;
import kindred.library.TrustStore;
import kindred.library.Undo;
import kindred.library.UndoLog;
import kindred.model.Source;
import kindred.model.State;

/**
 * The people use cases over a {@link PeopleStore}, with clustering and matching from {@code kindred.clustering}.
 *
 * <p>Rules kept here, whatever the caller: manual always wins (automatic passes only replace automatic
 * unconfirmed suggestions); two faces of one photo are never the same person; a face rejected for a person is
 * never suggested for or auto-named as that person again. Thread-safe: one lock around every use case that changes
 * something or uses the in-memory face space and cluster index (they have one owner); the queries, which read the
 * store alone, run without it.
 */
public final class People implements PeopleService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(People.class);

    private final PeopleStore store;
    private final TrustStore trust;
    private final UndoLog undoLog;
    private final List<Runnable> forgetListeners = new ArrayList<>();
    private final SuggestionRefresh suggestionRefresh;
    /** The clustering life cycle: the face space, the resident cluster index and its saved graph. */
    private final FaceGrouping grouping;
    /** A person's waiting suggestions, scored against their confirmed faces. */
    private final Suggestions suggestions;

    /** With an undo history in memory (tests, benchmarks). */
    public People(PeopleStore store) {
        this(store, null, UndoLog.inMemory());
    }

    /**
     * @param trust   backups and privacy log: {@link #forget} also erases the person from older backups (may be null)
     * @param undoLog the library's undo history, written in each decision's transaction
     */
    public People(PeopleStore store, TrustStore trust, UndoLog undoLog) {
        this.store = store;
        this.trust = trust;
        this.undoLog = undoLog;
        this.suggestionRefresh = new SuggestionRefresh(store);
        this.grouping = new FaceGrouping(store, suggestionRefresh);
        this.suggestions = new Suggestions(store);
    }

    @Override
    public synchronized void onForget(Runnable listener) {
        forgetListeners.add(listener);
    }

    // ------------------------------------------------------------------ queries
    // They read the store alone (each read is one consistent snapshot of the database), so they do not take this
    // object's lock: a clustering, or a scan's preparation of it (seconds at 300,000 faces), does not hold the
    // window's lists back.

    @Override
    public List<PersonSummary> people(boolean includeHidden) {
        return store.people(includeHidden);
    }

    @Override
    public List<PersonSummary> clusters(int minFaces) {
        return store.clusters(minFaces);
    }

    @Override
    public List<FaceInfo> facesOf(String personName) {
        return store.facesOfPerson(person(personName));
    }

    @Override
    public List<Suggestion> suggestions(String personName) {
        return suggestions.of(person(personName));
    }

    @Override
    public Page<PersonSummary> clusters(int minFaces, int offset, int limit) {
        return store.clusters(minFaces, offset, limit);
    }

    @Override
    public Page<FaceInfo> otherFaces(int minGroupFaces, int offset, int limit) {
        return store.otherFaces(minGroupFaces, offset, limit);
    }

    @Override
    public List<PhotoHit> search(List<String> personNames, boolean any) {
        List<Long> ids = new ArrayList<>();
        for (String n : personNames) {
            ids.add(person(n));
        }
        return store.search(ids, any);
    }

    // ------------------------------------------------------------------ decisions
    // Each decision takes what undoes it just before it changes anything, and writes it to the undo history, in the
    // decision's own transaction and under this object's lock: no caller reads the store for it.

    /**
     * Runs a decision and records what puts it back, in one transaction.
     *
     * @param faceIds   the faces the decision may change
     * @param names     people the decision may create (their existence is remembered)
     * @param theirFaces people whose faces the decision moves (their faces are remembered too: a merge)
     */
    private <T> Decided<T> recorded(Collection<Long> faceIds, Collection<String> names, Collection<String> theirFaces,
                                    java.util.function.Supplier<T> decision, java.util.function.Function<T, String> description) {
        return store.transaction(() -> {
            UndoPoint before = undoPoint(faceIds, names, theirFaces);
            T r = decision.get();
            return new Decided<>(r, undoLog.push(description.apply(r), new Undo.Restore(before)));
        });
    }

    @Override
    public synchronized Decided<NameResult> nameCluster(long clusterId, String name) {
        String clean = cleanName(name);
        List<Long> faces = store.unnamedFacesOfCluster(clusterId);
        if (faces.isEmpty()) {
            throw new LibraryException("There is no unnamed group " + clusterId + " (a group ends when it is named or merged into another).");
        }
        Decided<NameResult> r = recorded(faces, List.of(clean), List.of(), () -> {
            long pid = store.personId(clean).orElseGet(() -> store.createPerson(clean));
            Map<Long, List<Long>> rejected = store.rejections();
            Set<Long> photosWithPerson = new HashSet<>(store.photosWithConfirmed(pid));
            List<Long> named = new ArrayList<>();
            for (long faceId : faces) {
                FaceVectorRow f = store.face(faceId).orElseThrow();
                boolean wasRejected = rejected.getOrDefault(faceId, List.of()).contains(pid);
                // One person at most once per photo; a rejected face stays out.
                if (!wasRejected && photosWithPerson.add(f.photoId())) {
                    named.add(faceId);
                }
            }
            store.recordDecisions("name", named, null, pid, "confirmed");
            store.assign(named, pid, Source.MANUAL, State.CONFIRMED, null);
            return new NameResult(pid, store.personName(pid).orElse(clean), named.size());
        }, n -> "naming " + Counted.of(n.facesNamed(), "face") + " \"" + n.person() + "\"");
        refreshSuggestionsFor(Set.of(r.result().personId()), faces);
        return r;
    }

    @Override
    public synchronized Decided<NameResult> nameFace(long faceId, String name) {
        String clean = cleanName(name);
        Set<Long> changed = new HashSet<>();
        Decided<NameResult> r = recorded(List.of(faceId), List.of(clean), List.of(), () -> nameOne(faceId, clean, changed),
                n -> "naming a face \"" + n.person() + "\"");
        changed.add(r.result().personId());
        refreshSuggestionsFor(changed, List.of(faceId));
        return r;
    }

    @Override
    public synchronized Decided<Integer> nameFaces(Collection<Long> faceIds, String name) {
        String clean = cleanName(name);
        Set<Long> changed = new HashSet<>();
        String[] who = {clean};
        Decided<Integer> r = recorded(faceIds, List.of(clean), List.of(), () -> {
            for (long faceId : faceIds) {
                NameResult n = nameOne(faceId, clean, changed);
                changed.add(n.personId());
                who[0] = n.person();
            }
            return faceIds.size();
        }, n -> "naming " + Counted.of(n, "face") + " \"" + who[0] + "\"");
        refreshSuggestionsFor(changed, faceIds);
        return r;
    }

    /** Names one face, inside the caller's transaction; adds the person it leaves (if confirmed) to {@code changed}. */
    private NameResult nameOne(long faceId, String clean, Set<Long> changed) {
        FaceVectorRow f = store.face(faceId).orElseThrow(() -> new LibraryException(
                "There is no face " + faceId + " (a face ends when it is forgotten or its photo is indexed again)."));
        if (f.personId() != null && f.state() == State.CONFIRMED) {
            changed.add(f.personId()); // the face leaves that person's references
        }
        long pid = store.personId(clean).orElseGet(() -> store.createPerson(clean));
        if (f.personId() == null || f.personId() != pid || f.state() != State.CONFIRMED) {
            if (store.photosWithConfirmed(pid).contains(f.photoId())) {
                throw new LibraryException(clean + " is already named on another face of this photo, and one person "
                        + "appears at most once per photo. Rename or reject that face first.");
            }
            store.recordDecisions("name", List.of(faceId), null, pid, "confirmed");
        }
        store.unreject(faceId, pid); // naming by hand overrides an earlier "not this person"
        store.assign(List.of(faceId), pid, Source.MANUAL, State.CONFIRMED, null);
        return new NameResult(pid, store.personName(pid).orElse(clean), 1);
    }

    @Override
    public synchronized Decided<Integer> confirm(Collection<Long> faceIds) {
        Set<Long> changed = new HashSet<>();
        Decided<Integer> n = recorded(faceIds, List.of(), List.of(), () -> {
            int confirmed = 0;
            for (long faceId : faceIds) {
                FaceVectorRow f = store.face(faceId).orElse(null);
                if (f == null || f.personId() == null || f.state() != State.UNCONFIRMED) {
                    continue;
                }
                if (store.photosWithConfirmed(f.personId()).contains(f.photoId())) {
                    continue; // the person is already confirmed on another face of this photo
                }
                store.recordDecisions("confirm", List.of(faceId), null, f.personId(), "confirmed");
                confirmed += store.setState(List.of(faceId), State.CONFIRMED);
                changed.add(f.personId());
            }
            return confirmed;
        }, c -> "confirming " + Counted.of(faceIds.size(), "face"));
        refreshSuggestionsFor(changed, faceIds);
        return n;
    }

    @Override
    public synchronized Decided<Rejection> reject(long faceId, String personName) {
        long[] rejectedFor = new long[1];
        Decided<Rejection> r = recorded(List.of(faceId), List.of(), List.of(), () -> {
            FaceVectorRow f = store.face(faceId).orElseThrow(() -> new LibraryException(
                    "There is no face " + faceId + " (a face ends when it is forgotten or its photo is indexed again)."));
            long pid;
            if (personName != null) {
                pid = person(personName);
            } else if (f.personId() != null) {
                pid = f.personId();
            } else {
                throw new LibraryException("Face " + faceId + " is not suggested for anyone; say who it is not with --person NAME.");
            }
            rejectOne(faceId, pid);
            rejectedFor[0] = pid;
            return new Rejection(faceId, store.personName(pid).orElse(personName));
        }, j -> "\"not " + j.person() + "\"");
        grouping.staleIndex(); // re-read with the new cannot-link
        refreshSuggestionsFor(Set.of(rejectedFor[0]), List.of(faceId));
        return r;
    }

    /** "Not this person" and out of its cluster too, so that naming that cluster later does not name it. */
    private void rejectOne(long faceId, long pid) {
        store.recordDecisions("reject", List.of(faceId), pid, null, "rejected");
        store.reject(faceId, pid);
        Map<Long, Long> none = new HashMap<>();
        none.put(faceId, null);
        store.setClusters(none);
    }

    @Override
    public synchronized Decided<List<Rejection>> reject(List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return new Decided<>(List.of(), null);
        }
        Set<Long> persons = new HashSet<>();
        List<Long> faceIds = rejections.stream().map(Rejection::faceId).toList();
        Decided<List<Rejection>> out = recorded(faceIds, List.of(), List.of(), () -> {
            List<Rejection> done = new ArrayList<>();
            for (Rejection j : rejections) {
                store.face(j.faceId()).orElseThrow(() -> new LibraryException(
                        "There is no face " + j.faceId() + " (a face ends when it is forgotten or its photo is indexed again)."));
                long pid = person(j.person());
                rejectOne(j.faceId(), pid);
                persons.add(pid);
                done.add(new Rejection(j.faceId(), store.personName(pid).orElse(j.person())));
            }
            return done;
        }, People::rejectingDescription);
        grouping.staleIndex();
        refreshSuggestionsFor(persons, faceIds);
        return out;
    }

    /** "not Ann" on 3 faces; "not this person" when they were suggested for several people. */
    private static String rejectingDescription(List<Rejection> done) {
        Set<String> who = new java.util.LinkedHashSet<>();
        done.forEach(j -> who.add(j.person()));
        return "\"not " + (who.size() == 1 ? who.iterator().next() : "this person") + "\" on " + Counted.of(done.size(), "face");
    }

    @Override
    public synchronized Decided<List<Rejection>> rejectAssigned(Collection<Long> faceIds) {
        if (faceIds.isEmpty()) {
            return new Decided<>(List.of(), null);
        }
        Set<Long> persons = new HashSet<>();
        Decided<List<Rejection>> out = recorded(faceIds, List.of(), List.of(), () -> {
            List<Rejection> done = new ArrayList<>();
            Map<Long, Long> none = new HashMap<>();
            for (long faceId : faceIds) {
                FaceVectorRow f = store.face(faceId).orElseThrow(() -> new LibraryException(
                        "There is no face " + faceId + " (a face ends when it is forgotten or its photo is indexed again)."));
                if (f.personId() == null) {
                    throw new LibraryException("Face " + faceId + " is not suggested for anyone; say who it is not with --person NAME.");
                }
                long pid = f.personId();
                store.recordDecisions("reject", List.of(faceId), pid, null, "rejected");
                store.reject(faceId, pid);
                none.put(faceId, null); // out of its cluster too, as in reject
                persons.add(pid);
                done.add(new Rejection(faceId, store.personName(pid).orElse(null)));
            }
            store.setClusters(none);
            return done;
        }, People::rejectingDescription);
        grouping.staleIndex(); // re-read with the new cannot-links
        refreshSuggestionsFor(persons, faceIds);
        return out;
    }

    @Override
    public synchronized Decided<Integer> ignore(Collection<Long> faceIds) {
        Decided<Integer> n = recorded(faceIds, List.of(), List.of(), () -> {
            store.recordDecisions("ignore", faceIds, null, null, "ignored");
            return store.ignore(faceIds);
        }, k -> "ignoring " + Counted.of(faceIds.size(), "face"));
        grouping.staleIndex();
        return n;
    }

    @Override
    public synchronized Decided<NameResult> merge(String from, String into) {
        long a = person(from);
        long b = person(into);
        if (a == b) {
            throw new LibraryException("\"" + from + "\" and \"" + into + "\" are the same person.");
        }
        Set<Long> both = new HashSet<>(store.photosWithConfirmed(a));
        both.retainAll(store.photosWithConfirmed(b));
        if (!both.isEmpty()) {
            throw new LibraryException(from + " and " + into + " are both named in " + Counted.of(both.size(), "photo")
                    + ", so they look like two different people (one person appears at most once per photo). "
                    + "Fix the faces in those photos first; nothing was merged.");
        }
        String fromName = store.personName(a).orElse(from.strip());
        // a's suggestions become b's; the refresh then recomputes every photo where b holds one or now reaches the score.
        List<Long> ofA = store.facesAssignedTo(a);
        Decided<NameResult> r = recorded(List.of(), List.of(from, into), List.of(from, into), () -> {
            store.recordMerge(a, b);
            store.moveAssignments(a, b);
            store.deletePerson(a);
            int faces = (int) store.people(true).stream().filter(p -> p.id() == b).mapToInt(PersonSummary::faces).sum();
            return new NameResult(b, store.personName(b).orElse(into), faces);
        }, n -> "merging \"" + fromName + "\" into \"" + n.person() + "\"");
        grouping.staleIndex();
        refreshSuggestionsFor(Set.of(a, b), ofA);
        return r;
    }

    @Override
    public synchronized Decided<String> rename(String from, String to) {
        long a = person(from);
        String clean = cleanName(to);
        store.personId(clean).filter(other -> other != a).ifPresent(other -> {
            throw new LibraryException("There is already a person called " + clean + ". To make them one, merge them.");
        });
        String before = store.personName(a).orElse(from.strip());
        return store.transaction(() -> {
            store.renamePerson(a, clean);
            return new Decided<>(clean, undoLog.push("renaming \"" + before + "\"", new Undo.Rename(before, clean)));
        });
    }

    @Override
    public synchronized Decided<Boolean> setHidden(String personName, boolean hidden) {
        long pid = person(personName);
        boolean before = store.people(true).stream().anyMatch(p -> p.id() == pid && p.hidden());
        String name = store.personName(pid).orElse(personName.strip());
        Decided<Boolean> r = store.transaction(() -> {
            store.setHidden(pid, hidden);
            return new Decided<>(hidden, undoLog.push((hidden ? "hiding \"" : "showing \"") + name + "\"", new Undo.Hide(name, before)));
        });
        refreshSuggestionsFor(Set.of(pid), List.of()); // a hidden person gets no suggestions
        return r;
    }

    /** Moves one face to another person (confirmed, manual). */
    public synchronized Decided<NameResult> moveFace(long faceId, String toPerson) {
        return nameFace(faceId, toPerson);
    }

    /** Forgetting cannot be undone: it empties the undo history, so that nothing brings the person's faces back. */
    /**
     * Faces were dropped outside the people use cases (a folder removed from the library): the resident index and
     * the saved neighbour graph, which link them, go; the next clustering builds them from what is left.
     */
    @Override
    public synchronized void facesDropped() {
        grouping.forgetIndexAndGraph();
    }

    @Override
    public synchronized int forget(String personName) {
        return forgetPerson(personName).facesErased();
    }

    /**
     * What forgetting did.
     *
     * @param backupsScrubbed backups made before the request that held the person and no longer do
     * @param problems        backups that could not be rewritten (the user should delete them), with why
     */
    public record ForgetResult(String person, int facesErased, int backupsScrubbed, List<String> problems) {
    }

    /**
     * Erases everything biometric about a person: in the library (faces, embeddings, assignments, decision history;
     * recorded in the privacy log without the name), in older backups that hold them, and in caches (the
     * {@link #onForget} listeners). Backups made after this do not contain them: the data is gone. Not undoable: the
     * undo history is emptied, so that no entry brings their faces back.
     */
    public synchronized ForgetResult forgetPerson(String personName) {
        long pid = person(personName);
        String stored = store.personName(pid).orElse(personName.strip());
        // Their suggestions go with them: those photos are recomputed (the other people's references are unchanged).
        List<Long> theirs = store.facesAssignedTo(pid);
        int n = store.forget(pid);
        undoLog.clear();
        grouping.forgetIndexAndGraph();
        forgetListeners.forEach(Runnable::run);
        refreshSuggestionsFor(Set.of(pid), theirs);
        int scrubbed = 0;
        List<String> problems = List.of();
        if (trust != null) {
            TrustStore.ScrubResult r = trust.scrubPersonFromBackups(stored);
            scrubbed = r.scrubbed();
            problems = r.problems();
            if (scrubbed > 0 || !problems.isEmpty()) {
                trust.log("forget", "The forgotten person was also erased from " + scrubbed + " older backup(s)"
                        + (problems.isEmpty() ? "." : "; " + problems.size() + " backup(s) could not be rewritten and should be deleted."));
            }
        }
        return new ForgetResult(stored, n, scrubbed, problems);
    }

    // ------------------------------------------------------------------ undo, drawn and removed faces

    /**
     * What a decision is about to change: the assignments, rejections and clusters of {@code faceIds}; whether the
     * {@code names} exist (and are hidden); and for {@code theirFaces}, every face assigned to or rejected for them.
     * Call it inside the decision's transaction, just before the decision.
     */
    private UndoPoint undoPoint(Collection<Long> faceIds, Collection<String> names, Collection<String> theirFaces) {
        return store.transaction(() -> {
            Set<Long> faces = new java.util.LinkedHashSet<>(faceIds);
            Map<Long, List<Long>> rejected = store.rejections();
            List<PersonState> persons = new ArrayList<>();
            // One row per person named, not every person's summary (which counts faces: tens of ms at 300,000).
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (n == null || n.isBlank() || !seen.add(n.strip().toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                Long pid = store.personId(n.strip()).orElse(null);
                if (pid == null) {
                    persons.add(new PersonState(n.strip(), false, false));
                    continue;
                }
                persons.add(new PersonState(store.personName(pid).orElse(n.strip()), true, store.isHidden(pid)));
                if (theirFaces.contains(n)) {
                    faces.addAll(store.facesAssignedTo(pid));
                    rejected.forEach((face, people) -> {
                        if (people.contains(pid)) {
                            faces.add(face);
                        }
                    });
                }
            }
            List<FaceDecision> out = new ArrayList<>();
            for (long id : faces) {
                FaceVectorRow r = store.face(id).orElse(null);
                if (r == null) {
                    continue;
                }
                List<String> notThem = new ArrayList<>();
                for (long pid : rejected.getOrDefault(id, List.of())) {
                    store.personName(pid).ifPresent(notThem::add);
                }
                String person = r.personId() == null ? null : store.personName(r.personId()).orElse(null);
                out.add(new FaceDecision(id, person, r.source(), r.state(), r.clusterId(), List.copyOf(notThem)));
            }
            return new UndoPoint(List.copyOf(out), List.copyOf(persons), store.lastDecisionId());
        });
    }

    @Override
    public Optional<Undo> newestUndo() {
        return undoLog.newest();
    }

    @Override
    public synchronized Optional<Undo> undoLast() {
        Optional<Undo> newest = undoLog.newest();
        newest.ifPresent(this::undo);
        return newest;
    }

    @Override
    public synchronized void undo(Undo entry) {
        try {
            store.transaction(() -> {
                Undo.Step step = entry.step();
                if (step instanceof Undo.Restore r) {
                    restore(r.point());
                } else if (step instanceof Undo.DeleteDrawnFace d) {
                    store.deleteFace(d.faceId());
                    restore(d.point());
                } else if (step instanceof Undo.PutBackRemovedFace p) {
                    store.restoreFace(p.face());
                } else if (step instanceof Undo.Rename r) {
                    long pid = store.personId(r.to()).orElseThrow(() -> new LibraryException(
                            "There is no person called " + r.to() + " any more, so the renaming cannot be undone."));
                    store.personId(r.from()).filter(other -> other != pid).ifPresent(other -> {
                        throw new LibraryException("There is another person called " + r.from() + " now, so the renaming cannot be undone.");
                    });
                    store.renamePerson(pid, r.from());
                } else if (step instanceof Undo.Hide h) {
                    store.personId(h.person()).ifPresent(pid -> store.setHidden(pid, h.hiddenBefore()));
                }
                undoLog.remove(entry.id());
                return null;
            });
        } catch (RuntimeException e) {
            // An entry that cannot be undone would otherwise stand before every older one for ever.
            undoLog.remove(entry.id());
            throw e;
        }
        grouping.staleIndex();
        refreshSuggestions();
    }

    /**
     * Puts the faces and people of {@code point} back as they were: a merged person comes back with their faces, a
     * person created by the decision disappears again if nothing else is theirs. Faces erased since are skipped. The
     * undone decisions leave the decision history, so the audit counts them as never made.
     */
    private void restore(UndoPoint point) {
        store.transaction(() -> {
            // An undone decision was never made, for the audit too: an undone confirmation is no accepted suggestion.
            store.deleteDecisionsAfter(point.lastDecisionId(), point.faces().stream().map(FaceDecision::faceId).toList(),
                    !point.people().isEmpty());
            for (PersonState p : point.people()) {
                if (p.existed() && store.personId(p.name()).isEmpty()) {
                    long pid = store.createPerson(p.name());
                    if (p.hidden()) {
                        store.setHidden(pid, true);
                    }
                }
            }
            Set<Long> clusters = new HashSet<>();
            point.faces().forEach(f -> {
                if (f.clusterId() != null) {
                    clusters.add(f.clusterId());
                }
            });
            Set<Long> liveClusters = store.existingClusters(clusters);
            Map<Long, List<Long>> rejected = store.rejections();
            Map<Long, Long> clusterOf = new HashMap<>();
            for (FaceDecision f : point.faces()) {
                if (store.face(f.faceId()).isEmpty()) {
                    continue; // erased since (forgotten, removed)
                }
                Set<Long> want = new HashSet<>();
                for (String n : f.rejectedFor()) {
                    store.personId(n).ifPresent(want::add);
                }
                for (long pid : rejected.getOrDefault(f.faceId(), List.of())) {
                    if (!want.contains(pid)) {
                        store.unreject(f.faceId(), pid);
                    }
                }
                for (long pid : want) {
                    store.reject(f.faceId(), pid);
                }
                if (f.person() != null) {
                    long pid = store.personId(f.person()).orElseGet(() -> store.createPerson(f.person()));
                    store.assign(List.of(f.faceId()), pid, f.source(), f.state(), null);
                } else if (f.state() == State.IGNORED) {
                    store.unassign(List.of(f.faceId()));
                    store.ignore(List.of(f.faceId()));
                } else {
                    store.unassign(List.of(f.faceId()));
                }
                clusterOf.put(f.faceId(), f.clusterId() != null && liveClusters.contains(f.clusterId()) ? f.clusterId() : null);
            }
            store.setClusters(clusterOf);
            for (PersonState p : point.people()) {
                if (!p.existed()) {
                    // A person the decision created goes again unless something but suggestions made since is theirs.
                    store.personId(p.name()).filter(pid -> store.facesAssignedTo(pid).stream()
                                    .map(store::face).flatMap(java.util.Optional::stream)
                                    .allMatch(r -> r.source() == Source.AUTO && r.state() == State.UNCONFIRMED))
                            .ifPresent(store::deletePerson);
                }
            }
            return null;
        });
    }

    @Override
    public synchronized Decided<RemovedFace> removeFace(long faceId) {
        Decided<RemovedFace> r = store.transaction(() -> {
            RemovedFace removed = store.removeFace(faceId).orElseThrow(() -> new LibraryException(
                    "There is no face " + faceId + " (a face ends when it is forgotten or its photo is indexed again)."));
            return new Decided<>(removed, undoLog.push("removing a face", new Undo.PutBackRemovedFace(removed)));
        });
        grouping.staleIndex();
        refreshSuggestions();
        return r;
    }

    /**
     * Stores a face the user drew and names it, in one transaction (source manual, confirmed), with what undoes it.
     *
     * @param box       display pixels of the photo
     * @param embedding null when the box could not be embedded: the face is kept and named, never clustered
     */
    public synchronized Decided<AddedFace> addManualFace(long photoId, kindred.model.FaceBox box, kindred.model.Embedding embedding,
                                                         double quality, String name) {
        String clean = cleanName(name);
        Decided<AddedFace> r = store.transaction(() -> {
            UndoPoint before = undoPoint(List.of(), List.of(clean), List.of());
            long faceId = store.addManualFace(photoId, box, embedding, quality);
            long pid = store.personId(clean).orElseGet(() -> store.createPerson(clean));
            if (store.photosWithConfirmed(pid).contains(photoId)) {
                throw new LibraryException(clean + " is already named on another face of this photo, and one person "
                        + "appears at most once per photo. Fix that face first.");
            }
            store.assign(List.of(faceId), pid, Source.MANUAL, State.CONFIRMED, null);
            AddedFace added = new AddedFace(faceId, new NameResult(pid, store.personName(pid).orElse(clean), 1));
            return new Decided<>(added, undoLog.push("adding a face \"" + added.named().person() + "\"",
                    new Undo.DeleteDrawnFace(faceId, before)));
        });
        grouping.staleIndex();
        refreshSuggestions();
        return r;
    }

    /** A face the user drew, and who it was named. */
    public record AddedFace(long faceId, NameResult named) {
    }

    // ------------------------------------------------------------------ clustering (FaceGrouping, under this lock)

    @Override
    public synchronized int clusterNewFaces() {
        return grouping.clusterNewFaces();
    }

    /**
     * {@inheritDoc}
     * <p>
     * A scan calls this when it finds its first face, so that reading the faces and loading the index overlaps the
     * indexing of the rest of its photos (docs/decisions/0007-speed.md). Holds this object's lock while it runs (7 s
     * in the window at 300,000 faces, beside the indexing); the queries do not wait for it.
     */
    @Override
    public synchronized void prepareClustering() {
        grouping.prepareClustering();
    }

    /** Where the last {@link #clusterNewFaces} spent its time, for benchmarks and logs. */
    public synchronized String lastClustering() {
        return grouping.lastClustering();
    }

    @Override
    public synchronized int reclusterAll() {
        return grouping.reclusterAll();
    }

    // ------------------------------------------------------------------ suggestions

    private void refreshSuggestions() {
        refreshSuggestionsFor(null, null);
    }

    /**
     * After a decision about {@code persons} touching the {@code touched} faces: the photos where one of those persons is or may
     * become the suggestion, and the faces' photos, are recomputed, with whatever else changed since the last refresh
     * (see {@link SuggestionRefresh}).
     */
    private void refreshSuggestionsFor(Set<Long> persons, Collection<Long> touched) {
        String embedder = store.mainEmbedderId();
        if (embedder != null) {
            FaceSpace sp = grouping.faces(embedder);
            suggestionRefresh.update(sp, grouping.decided(sp), persons, touched);
        }
    }

    /**
     * Recomputes every suggestion from scratch. The incremental refreshes after each decision must leave exactly
     * what this leaves (checked by {@code SuggestionRefreshTest} and {@code IncrementalSuggestionsCheck}).
     */
    public synchronized void refreshAllSuggestions() {
        String embedder = store.mainEmbedderId();
        if (embedder != null) {
            FaceSpace sp = grouping.faces(embedder);
            suggestionRefresh.full(sp, grouping.decided(sp));
        }
    }

    /** What the last suggestion refresh did: full or incremental, how many photos and faces it recomputed, how long. */
    public synchronized String lastSuggestionRefresh() {
        return suggestionRefresh.describeLast();
    }

    // ------------------------------------------------------------------ helpers

    private long person(String name) {
        if (name == null || name.isBlank()) {
            throw new LibraryException("A person's name is needed.");
        }
        return store.personId(name.strip()).orElseThrow(() -> new LibraryException(
                "There is no person called \"" + name.strip() + "\". Check the spelling; the People page and `kindred people` list everyone."));
    }

    private static String cleanName(String name) {
        if (name == null || name.isBlank()) {
            throw new LibraryException("A name cannot be empty.");
        }
        String n = name.strip().replaceAll("\\s+", " ");
        if (n.length() > 200) {
            throw new LibraryException("That name is too long (more than 200 characters).");
        }
        return n;
    }
}
