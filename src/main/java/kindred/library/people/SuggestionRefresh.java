package kindred.library.people;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import kindred.clustering.PeopleThresholds;
import kindred.clustering.PersonMatcher;
import kindred.library.PeopleService;
import kindred.library.PeopleStore.FaceVectorRow;
import kindred.library.PeopleStore;
import kindred.model.Source;
import kindred.model.State;

/**
 * Keeps the suggestions (automatic unconfirmed assignments) what a full pass would make of the library: each
 * unnamed face goes to the named person it resembles most when similar enough, never to a person it was rejected
 * for or who is confirmed in its photo, at most one face per photo per person; hidden people get none. Only
 * suggestions are ever deleted or written, so manual decisions (confirmed, rejected, ignored) are never overwritten.
 *
 * <p>The outcome for a photo depends only on that photo's faces (ids, vectors, decisions, rejections) and on the
 * people's references (their sampled confirmed faces). So a refresh recomputes only the photos where one of those
 * inputs changed since the last refresh, plus, for each person whose references changed, the photos where that
 * person holds a suggestion or now reaches the suggestion score: when a person was the best match at or above the
 * score on a face, the photo holds a suggestion for them (one per photo per person), so no other photo can change.
 * What changed is found by comparing the library with what the last refresh saw and left (a {@link RefreshSnapshot}); the
 * caller's hints (people and faces a decision touched) cover the first refresh of a process, which has no snapshot.
 * Without either, the pass is full. docs/decisions/0007-speed.md has the figures; {@code SuggestionRefreshTest}
 * checks the incremental result against a full pass.
 *
 * <p>Not thread-safe: {@link People}'s lock guards it.
 */
final class SuggestionRefresh {

    /** How many of a person's confirmed faces are compared with a candidate (evenly sampled beyond this). */
    static final int MAX_REFERENCE_FACES = 64;

    private final PeopleStore store;
    private RefreshSnapshot last;
    private boolean lastLoaded;
    private Stats stats = new Stats(true, 0, 0, 0);

    SuggestionRefresh(PeopleStore store) {
        this.store = store;
    }

    /** What the last refresh did: full or not, how many photos and candidate faces it recomputed, in how long. */
    record Stats(boolean full, int photos, int faces, long millis) {
    }

    Stats lastStats() {
        return stats;
    }

    /** Recomputes every suggestion of {@code sp}'s faces; {@code decided}: its faces' assignments (no vectors). */
    void full(FaceSpace sp, List<FaceVectorRow> decided) {
        run(sp, decided, null, null, true);
    }

    /**
     * Recomputes what may have changed since the last refresh, and the photos of {@code persons} and {@code touched}
     * faces (hints, may be null). With neither a last refresh nor hints: every photo.
     */
    void update(FaceSpace sp, List<FaceVectorRow> decided, Set<Long> persons, Collection<Long> touched) {
        run(sp, decided, persons, touched, false);
    }

    /**
     * Whether the last refresh (of this process, else the one saved beside the library) saw the clusterable faces
     * as they are now ({@code fingerprint}) with this embedder: then, with no new face to cluster, there is nothing
     * for a refresh to do unless a decision was made without one (decisions refresh as they are made).
     */
    boolean sawFaces(String embedder, String fingerprint) {
        if (last == null && !lastLoaded) {
            last = saved();
            lastLoaded = true;
        }
        return last != null && embedder.equals(last.embedder()) && fingerprint.equals(last.fingerprint());
    }

    /** The snapshot the last refresh in any process left beside the library, or null. */
    private RefreshSnapshot saved() {
        java.nio.ByteBuffer bytes = DerivedFile.read(store.suggestionStateFile());
        return bytes == null ? null : RefreshSnapshot.read(bytes);
    }

    private void save(RefreshSnapshot snapshot) {
        DerivedFile.write(store.suggestionStateFile(), out -> {
            snapshot.write(out);
            return true;
        });
    }

    private void run(FaceSpace sp, List<FaceVectorRow> decided, Set<Long> persons, Collection<Long> touched, boolean forceFull) {
        long t0 = System.nanoTime();
        String embedder = sp.embedder;
        int n = sp.size();
        boolean[] candidate = new boolean[n];
        Arrays.fill(candidate, true);
        long[] suggestedTo = new long[n];
        Arrays.fill(suggestedTo, -1);
        long[] confirmedTo = new long[n];
        Arrays.fill(confirmedTo, -1);
        Map<Long, List<Integer>> refIndexes = new HashMap<>();
        Map<Long, Set<Long>> photosOf = new HashMap<>();
        for (FaceVectorRow r : decided) { // ascending face id, as the references were always read
            int i = sp.indexOf(r.faceId());
            if (i < 0) {
                continue;
            }
            if (r.personId() != null && r.state() == State.CONFIRMED) {
                refIndexes.computeIfAbsent(r.personId(), k -> new ArrayList<>()).add(i);
                photosOf.computeIfAbsent(r.personId(), k -> new HashSet<>()).add(r.photoId());
                confirmedTo[i] = r.personId();
            }
            boolean auto = r.state() == State.UNCONFIRMED && r.source() == Source.AUTO;
            candidate[i] = r.personId() == null || auto;
            if (auto && r.personId() != null) {
                suggestedTo[i] = r.personId();
            }
        }
        Set<Long> hidden = new HashSet<>();
        for (PeopleService.PersonSummary p : store.people(true)) {
            if (p.hidden()) {
                hidden.add(p.id());
            }
        }
        refIndexes.keySet().removeAll(hidden);
        Map<Long, long[]> refIds = new HashMap<>();
        Map<Long, List<float[]>> refs = new HashMap<>();
        refIndexes.forEach((p, list) -> {
            List<Integer> s = sample(list);
            refIds.put(p, s.stream().mapToLong(i -> sp.faceIds[i]).toArray());
            refs.put(p, s.stream().map(i -> sp.vectors[i]).toList());
        });
        Map<Long, List<Long>> rejected = store.rejections();

        // Which photos to recompute (null: every photo).
        Set<Long> photos;
        List<Long> gone = new ArrayList<>();
        if (last == null && !lastLoaded) {
            last = saved();
        }
        lastLoaded = true;
        RefreshSnapshot before = last != null && last.embedder().equals(embedder) ? last : null;
        if (forceFull || (before == null && persons == null && touched == null)) {
            photos = null;
        } else {
            Set<Long> affected = ConcurrentHashMap.newKeySet();
            Set<Long> changed = new HashSet<>(persons == null ? Set.of() : persons);
            if (touched != null) {
                for (long f : touched) {
                    int i = sp.indexOf(f);
                    if (i >= 0) {
                        affected.add(sp.photoIds[i]);
                    }
                }
            }
            if (before != null) {
                Set<Long> vectorChanged = diffFaces(before, sp, candidate, confirmedTo, suggestedTo, affected, gone);
                Set<Long> faces = new HashSet<>(before.rejections().keySet());
                faces.addAll(rejected.keySet());
                for (long f : faces) {
                    if (!Objects.equals(new HashSet<>(before.rejections().getOrDefault(f, List.of())),
                            new HashSet<>(rejected.getOrDefault(f, List.of())))) {
                        int i = sp.indexOf(f);
                        if (i >= 0) {
                            affected.add(sp.photoIds[i]);
                        }
                    }
                }
                Set<Long> everyone = new HashSet<>(before.refIds().keySet());
                everyone.addAll(refIds.keySet());
                for (long p : everyone) {
                    long[] was = before.refIds().get(p);
                    long[] now = refIds.get(p);
                    if (!Arrays.equals(was, now) || (now != null && Arrays.stream(now).anyMatch(vectorChanged::contains))) {
                        changed.add(p);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                if (suggestedTo[i] >= 0 && changed.contains(suggestedTo[i])) {
                    affected.add(sp.photoIds[i]);
                }
            }
            for (long pid : changed) {
                List<float[]> pr = refs.get(pid);
                if (pr == null) {
                    continue;
                }
                Set<Long> pPhotos = photosOf.getOrDefault(pid, Set.of());
                IntStream.range(0, n).parallel().forEach(i -> {
                    if (candidate[i] && !pPhotos.contains(sp.photoIds[i]) && !affected.contains(sp.photoIds[i])
                            && PersonMatcher.suggest(PersonMatcher.score(pr, sp.vectors[i]))
                            && !rejected.getOrDefault(sp.faceIds[i], List.of()).contains(pid)) {
                        affected.add(sp.photoIds[i]);
                    }
                });
            }
            photos = affected;
        }

        record Proposal(int index, long photoId, long personId, double similarity) {
        }
        int[] work;
        if (photos == null) {
            work = IntStream.range(0, n).filter(i -> candidate[i]).toArray();
        } else {
            work = photos.stream().flatMapToInt(ph -> Arrays.stream(sp.facesOf(ph)))
                    .filter(i -> candidate[i]).toArray();
        }
        List<Proposal> best = Arrays.stream(work).parallel().mapToObj(i -> {
            List<Long> notThem = rejected.getOrDefault(sp.faceIds[i], List.of());
            long bestPerson = -1;
            double bestSim = -1;
            for (var e : refs.entrySet()) {
                long pid = e.getKey();
                if (notThem.contains(pid) || photosOf.get(pid).contains(sp.photoIds[i])) {
                    continue;
                }
                double sim = PersonMatcher.score(e.getValue(), sp.vectors[i]);
                if (sim > bestSim) {
                    bestSim = sim;
                    bestPerson = pid;
                }
            }
            return bestPerson >= 0 && PersonMatcher.suggest(bestSim) ? new Proposal(i, sp.photoIds[i], bestPerson, bestSim) : null;
        }).filter(Objects::nonNull).toList();
        Map<String, Proposal> bestPerPhotoPerson = new HashMap<>();
        for (Proposal p : best) {
            bestPerPhotoPerson.merge(p.photoId() + ":" + p.personId(), p, (x, y) -> x.similarity() >= y.similarity() ? x : y);
        }
        List<Long> clear = new ArrayList<>(gone); // a face that left the space (e.g. its photo went missing) keeps none
        long[] after = photos == null ? new long[n] : suggestedTo.clone();
        if (photos == null) {
            Arrays.fill(after, -1);
        } else {
            for (int i : work) {
                if (suggestedTo[i] >= 0) {
                    clear.add(sp.faceIds[i]);
                    after[i] = -1;
                }
            }
        }
        store.transaction(() -> {
            store.clearSuggestions(photos == null ? null : clear);
            for (Proposal p : bestPerPhotoPerson.values()) {
                // Conditional: a decision another process made since `rows` were read is kept (ConcurrencyTest).
                if (store.suggest(sp.faceIds[p.index()], p.personId(), Suggestions.confidence(p.similarity()))) {
                    after[p.index()] = p.personId();
                }
            }
            return null;
        });
        last = new RefreshSnapshot(embedder, sp.fingerprint, sp.faceIds, sp.photoIds, sp.vectors, sp.vectorHashes(), candidate, confirmedTo,
                after, refIds, rejected);
        save(last);
        stats = new Stats(photos == null, photos == null ? sp.photoCount() : photos.size(), work.length,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Compares the faces of the last snapshot with the current ones (both ascending by id): the photos of faces added,
     * gone, moved, re-embedded, or whose decision or suggestion differs from what the last refresh left go into
     * {@code affected}; faces gone into {@code gone}. Returns the ids of faces whose vector changed.
     */
    private static Set<Long> diffFaces(RefreshSnapshot before, FaceSpace sp, boolean[] candidate, long[] confirmedTo, long[] suggestedTo,
                                       Set<Long> affected, List<Long> gone) {
        long[] oldIds = before.faceIds();
        long[] oldPhotos = before.photoIds();
        Set<Long> vectorChanged = new HashSet<>();
        int i = 0;
        int j = 0;
        int m = oldIds.length;
        int n = sp.faceIds.length;
        while (i < m || j < n) {
            if (j >= n || (i < m && oldIds[i] < sp.faceIds[j])) {
                affected.add(oldPhotos[i]);
                gone.add(oldIds[i]);
                i++;
            } else if (i >= m || sp.faceIds[j] < oldIds[i]) {
                affected.add(sp.photoIds[j]);
                j++;
            } else {
                boolean moved = oldPhotos[i] != sp.photoIds[j];
                boolean reembedded = before.vectorDiffers(i, sp, j);
                if (reembedded) {
                    vectorChanged.add(sp.faceIds[j]);
                }
                if (moved || reembedded || before.candidate()[i] != candidate[j] || before.confirmedTo()[i] != confirmedTo[j]
                        || before.suggestedTo()[i] != suggestedTo[j]) {
                    affected.add(oldPhotos[i]);
                    affected.add(sp.photoIds[j]);
                }
                i++;
                j++;
            }
        }
        return vectorChanged;
    }

    static <T> List<T> sample(List<T> list) {
        if (list.size() <= MAX_REFERENCE_FACES) {
            return list;
        }
        List<T> out = new ArrayList<>(MAX_REFERENCE_FACES);
        double step = (double) list.size() / MAX_REFERENCE_FACES;
        for (int i = 0; i < MAX_REFERENCE_FACES; i++) {
            out.add(list.get((int) (i * step)));
        }
        return out;
    }

    /** What the last refresh did, in words: full or incremental, how many photos and faces it recomputed, how long. */
    String describeLast() {
        Stats st = lastStats();
        return (st.full() ? "full: " : "incremental: ") + st.photos() + " photos, " + st.faces() + " faces, " + st.millis() + " ms";
    }
}
