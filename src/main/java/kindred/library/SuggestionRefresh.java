package kindred.library;

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
import kindred.library.PeopleStore.FaceVectorRow;
import kindred.model.Source;
import kindred.model.State;
import kindred.people.PeopleThresholds;
import kindred.people.PersonMatcher;

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
 * What changed is found by comparing the library with what the last refresh saw and left (a {@link Snapshot}); the
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
    private FaceSpace space;
    private Snapshot last;
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

    /** The clusterable faces' vectors, kept between refreshes while the faces do not change. */
    static final class FaceSpace {
        final String embedder;
        final String fingerprint;
        final long[] faceIds; // ascending
        final long[] photoIds;
        final long[] indexedAt; // when each face's photo was indexed (-1: unknown)
        final float[][] vectors;
        final Map<Long, int[]> facesOfPhoto = new HashMap<>();

        FaceSpace(String embedder, String fingerprint, long[] faceIds, long[] photoIds, long[] indexedAt, float[][] vectors) {
            this.embedder = embedder;
            this.fingerprint = fingerprint;
            this.faceIds = faceIds;
            this.photoIds = photoIds;
            this.indexedAt = indexedAt;
            this.vectors = vectors;
            Map<Long, List<Integer>> byPhoto = new HashMap<>();
            for (int i = 0; i < faceIds.length; i++) {
                byPhoto.computeIfAbsent(photoIds[i], k -> new ArrayList<>(4)).add(i);
            }
            byPhoto.forEach((photo, list) -> facesOfPhoto.put(photo, list.stream().mapToInt(Integer::intValue).toArray()));
        }

        static FaceSpace of(String embedder, String fingerprint, List<FaceVectorRow> rows) {
            int n = rows.size();
            long[] ids = new long[n];
            long[] photos = new long[n];
            long[] at = new long[n];
            float[][] v = new float[n][];
            for (int i = 0; i < n; i++) {
                FaceVectorRow r = rows.get(i);
                ids[i] = r.faceId();
                photos[i] = r.photoId();
                at[i] = -1;
                v[i] = r.vector();
            }
            return new FaceSpace(embedder, fingerprint, ids, photos, at, v);
        }

        int indexOf(long faceId) {
            return Arrays.binarySearch(faceIds, faceId);
        }
    }

    /**
     * What a refresh saw and left, per face of its space: whether it could be suggested, whom it is confirmed for
     * (-1: nobody), whom it was suggested for after the refresh (-1: nobody); the people's sampled references (face
     * ids) and the rejections.
     */
    private record Snapshot(FaceSpace space, boolean[] candidate, long[] confirmedTo, long[] suggestedTo,
                            Map<Long, long[]> refIds, Map<Long, List<Long>> rejections) {
    }

    /** Recomputes every suggestion. */
    void full(String embedder, List<FaceVectorRow> rows) {
        run(embedder, rows, null, null, true);
    }

    /**
     * Recomputes what may have changed since the last refresh, and the photos of {@code persons} and {@code touched}
     * faces (hints, may be null). With neither a last refresh nor hints: every photo.
     */
    void update(String embedder, List<FaceVectorRow> rows, Set<Long> persons, Collection<Long> touched) {
        run(embedder, rows, persons, touched, false);
    }

    /** Forgets the kept vectors and snapshot (e.g. the library file was replaced under us). */
    void reset() {
        space = null;
        last = null;
    }

    private FaceSpace space(String embedder, List<FaceVectorRow> rows) {
        String fp = store.clusterableFingerprint();
        if (space != null && fp != null && fp.equals(space.fingerprint) && embedder.equals(space.embedder)) {
            return space;
        }
        List<FaceVectorRow> all = rows;
        if (all != null) {
            boolean sorted = true;
            for (int i = 1; i < all.size() && sorted; i++) {
                sorted = all.get(i - 1).faceId() < all.get(i).faceId();
            }
            if (!sorted) {
                all = new ArrayList<>(all);
                all.sort((a, b) -> Long.compare(a.faceId(), b.faceId()));
            }
        }
        FaceSpace given = all != null ? FaceSpace.of(embedder, null, all) : null;
        FaceSpace old = space != null && embedder.equals(space.embedder) ? space : given;
        List<PeopleStore.FaceKey> keys = old == null ? null
                : store.clusterableFaceKeys(embedder, PeopleThresholds.MIN_CLUSTER_FACE_PX, PeopleThresholds.MIN_CLUSTER_QUALITY);
        if (keys == null) {
            space = given != null ? new FaceSpace(embedder, fp, given.faceIds, given.photoIds, given.indexedAt, given.vectors)
                    : FaceSpace.of(embedder, fp, store.clusterableFaces(embedder,
                    PeopleThresholds.MIN_CLUSTER_FACE_PX, PeopleThresholds.MIN_CLUSTER_QUALITY));
            return space;
        }
        // Only faces added, or on photos indexed again since (a new model may have re-embedded them), are read with
        // their vectors; the others keep theirs: a forget or 1,000 new faces do not re-read 300,000 vectors.
        int n = keys.size();
        long[] ids = new long[n];
        long[] photos = new long[n];
        long[] at = new long[n];
        float[][] v = new float[n][];
        List<Long> read = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PeopleStore.FaceKey k = keys.get(i);
            ids[i] = k.faceId();
            photos[i] = k.photoId();
            at[i] = k.indexedAt();
            int j = old.indexOf(k.faceId());
            int g = given == null ? -1 : given.indexOf(k.faceId());
            if (j >= 0 && old.indexedAt[j] == k.indexedAt() && old.photoIds[j] == k.photoId()) {
                v[i] = old.vectors[j];
            } else if (g >= 0) {
                v[i] = given.vectors[g]; // read just now by the caller
            } else {
                read.add(k.faceId());
            }
        }
        Map<Long, float[]> fresh = store.vectors(read);
        for (int i = 0; i < n; i++) {
            if (v[i] == null) {
                v[i] = fresh.get(ids[i]);
                if (v[i] == null) { // changed meanwhile: read everything
                    space = FaceSpace.of(embedder, store.clusterableFingerprint(), store.clusterableFaces(embedder,
                            PeopleThresholds.MIN_CLUSTER_FACE_PX, PeopleThresholds.MIN_CLUSTER_QUALITY));
                    return space;
                }
            }
        }
        space = new FaceSpace(embedder, fp, ids, photos, at, v);
        return space;
    }

    private void run(String embedder, List<FaceVectorRow> rows, Set<Long> persons, Collection<Long> touched, boolean forceFull) {
        long t0 = System.nanoTime();
        FaceSpace sp = space(embedder, rows);
        int n = sp.faceIds.length;
        // Decisions, without vectors.
        List<FaceVectorRow> decided = rows != null ? rows.stream().filter(r -> r.state() != null).toList()
                : store.decidedFaces(embedder, PeopleThresholds.MIN_CLUSTER_FACE_PX, PeopleThresholds.MIN_CLUSTER_QUALITY);
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
        Snapshot before = last != null && last.space().embedder.equals(embedder) ? last : null;
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
            work = photos.stream().flatMapToInt(ph -> Arrays.stream(sp.facesOfPhoto.getOrDefault(ph, new int[0])))
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
                if (store.suggest(sp.faceIds[p.index()], p.personId(), People.confidence(p.similarity()))) {
                    after[p.index()] = p.personId();
                }
            }
            return null;
        });
        last = new Snapshot(sp, candidate, confirmedTo, after, refIds, rejected);
        stats = new Stats(photos == null, photos == null ? sp.facesOfPhoto.size() : photos.size(), work.length,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Compares the faces of the last snapshot with the current ones (both ascending by id): the photos of faces added,
     * gone, moved, re-embedded, or whose decision or suggestion differs from what the last refresh left go into
     * {@code affected}; faces gone into {@code gone}. Returns the ids of faces whose vector changed.
     */
    private static Set<Long> diffFaces(Snapshot before, FaceSpace sp, boolean[] candidate, long[] confirmedTo, long[] suggestedTo,
                                       Set<Long> affected, List<Long> gone) {
        FaceSpace old = before.space();
        Set<Long> vectorChanged = new HashSet<>();
        int i = 0;
        int j = 0;
        int m = old.faceIds.length;
        int n = sp.faceIds.length;
        while (i < m || j < n) {
            if (j >= n || (i < m && old.faceIds[i] < sp.faceIds[j])) {
                affected.add(old.photoIds[i]);
                gone.add(old.faceIds[i]);
                i++;
            } else if (i >= m || sp.faceIds[j] < old.faceIds[i]) {
                affected.add(sp.photoIds[j]);
                j++;
            } else {
                boolean moved = old.photoIds[i] != sp.photoIds[j];
                boolean reembedded = old != sp && !Arrays.equals(old.vectors[i], sp.vectors[j]);
                if (reembedded) {
                    vectorChanged.add(sp.faceIds[j]);
                }
                if (moved || reembedded || before.candidate()[i] != candidate[j] || before.confirmedTo()[i] != confirmedTo[j]
                        || before.suggestedTo()[i] != suggestedTo[j]) {
                    affected.add(old.photoIds[i]);
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
}
