package kindred.library.people;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kindred.clustering.CannotLink;
import kindred.clustering.ClusterUpdate;
import kindred.clustering.FaceClusterIndex;
import kindred.clustering.FaceVector;
import kindred.clustering.PeopleThresholds;
import kindred.library.PeopleStore.FaceVectorRow;
import kindred.library.PeopleStore;
import kindred.model.State;

/**
 * The clustering life cycle of the people use cases: the clusterable faces kept in memory between use cases
 * ({@link FaceSpace}), the resident cluster index built from them, its neighbour graph saved beside the library, and
 * what grouping new faces, preparing for it and re-clustering everything do with them. Split out of {@link People},
 * which owns one and calls it under its lock only: not thread-safe on its own.
 */
final class FaceGrouping {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FaceGrouping.class);

    private final PeopleStore store;
    private final SuggestionRefresh suggestionRefresh;
    private FaceClusterIndex index;
    private String indexEmbedder;
    /** The face space {@link #index} was last made or brought up to date for. */
    private FaceSpace indexSpace;
    /** The clusterable faces with their vectors, kept between use cases (see {@link FaceSpace#current}). */
    private FaceSpace faces;

    FaceGrouping(PeopleStore store, SuggestionRefresh suggestionRefresh) {
        this.store = store;
        this.suggestionRefresh = suggestionRefresh;
    }

    /** A decision added cannot-links or changed who is who: the index is built again when next needed. */
    void staleIndex() {
        index = null;
    }

    /** Forgetting a person: the index and the saved neighbour graph (which links the forgotten faces) go. */
    void forgetIndexAndGraph() {
        index = null;
        deleteNeighbourGraph();
    }


    int clusterNewFaces() {
        String embedder = store.mainEmbedderId();
        if (embedder == null) {
            return 0;
        }
        long t0 = System.nanoTime();
        if (index == null && faces == null && nothingNewSinceTheSavedState(embedder)) {
            // A new process (e.g. a rescan that found nothing new) leaves everything as it is without reading
            // 300,000 vectors and building the index (≈ 4 s at that size).
            lastClustering = "nothing new since the saved suggestion state: " + ms(System.nanoTime() - t0) + " ms";
            return 0;
        }
        FaceSpace before = faces;
        FaceSpace sp = faces(embedder);
        List<FaceVectorRow> decided = decided(sp); // clustering changes clusters only, not these
        long t1 = System.nanoTime();
        // Read whole just now (a new process): the clusters came with the vectors, no need to read them again.
        FaceClusterIndex idx = index(sp, decided, index == null && sp != before ? sp.clustersAsRead() : null);
        List<FaceVector> fresh = notInIndex(idx, sp);
        long t2 = System.nanoTime();
        long t3 = t2;
        long t4 = t2;
        if (!fresh.isEmpty()) {
            ClusterKeys keys = new ClusterKeys();
            ClusterUpdate u = idx.add(fresh, keys);
            t3 = System.nanoTime();
            store.setClusters(u.clusterOfFace());
            keys.releaseUnused();
            saveNeighbourGraph(idx);
            t4 = System.nanoTime();
        }
        suggestionRefresh.update(sp, decided, null, null);
        long t5 = System.nanoTime();
        lastClustering = String.format(java.util.Locale.ROOT,
                "%d new faces: read %d ms, index %d ms, cluster %d ms, store + graph %d ms, suggestions %d ms (%s)",
                fresh.size(), ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4), suggestionRefresh.describeLast());
        LOG.info("clustering: {}", lastClustering); // timings only, never face data
        return fresh.size();
    }

    private String lastClustering = "none yet";

    /**
     * Reads the clusterable faces and loads the cluster index ahead of {@link #clusterNewFaces}. A new process that
     * clusters 1,000 new faces at 300,000 faces spends most of its time here: 6 s, against 1.7 s with the index
     * resident (docs/decisions/0007-speed.md).
     */
    void prepareClustering() {
        String embedder = store.mainEmbedderId();
        if (embedder == null || (index != null && embedder.equals(indexEmbedder))) {
            return;
        }
        long t0 = System.nanoTime();
        FaceSpace before = faces;
        FaceSpace sp = faces(embedder);
        FaceClusterIndex idx = index(sp, decided(sp), sp != before ? sp.clustersAsRead() : null);
        LOG.info("clustering prepared: {} faces read and {} in the index in {} ms", sp.size(), idx.size(),
                ms(System.nanoTime() - t0));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Where the last {@link #clusterNewFaces} spent its time, for benchmarks and logs. */
    String lastClustering() {
        return lastClustering;
    }

    int reclusterAll() {
        String embedder = store.mainEmbedderId();
        if (embedder == null) {
            return 0;
        }
        FaceSpace sp = faces(embedder);
        List<FaceVectorRow> decided = decided(sp); // re-clustering changes clusters only, not these
        index = null;
        FaceClusterIndex idx = index(sp, decided, null);
        List<FaceVector> fresh = notInIndex(idx, sp);
        if (!fresh.isEmpty()) {
            // Stored now: the re-cluster below reports only what changes from here.
            ClusterKeys keys = new ClusterKeys();
            store.setClusters(idx.add(fresh, keys).clusterOfFace());
            keys.releaseUnused();
            saveNeighbourGraph(idx);
        }
        // Each person's confirmed faces stay together, under the cluster most of them already have.
        Map<Long, List<Long>> confirmedOf = new LinkedHashMap<>();
        for (FaceVectorRow r : decided) {
            if (r.personId() != null && r.state() == State.CONFIRMED) {
                confirmedOf.computeIfAbsent(r.personId(), k -> new ArrayList<>()).add(r.faceId());
            }
        }
        Map<Long, Long> locked = new HashMap<>();
        Set<Long> usedKeys = new HashSet<>();
        for (List<Long> faces : confirmedOf.values()) {
            Map<Long, Integer> votes = new HashMap<>();
            for (long f : faces) {
                idx.clusterOf(f).ifPresent(k -> votes.merge(k, 1, Integer::sum));
            }
            long key = votes.entrySet().stream().filter(e -> !usedKeys.contains(e.getKey()))
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseGet(store::newCluster);
            usedKeys.add(key);
            for (long f : faces) {
                locked.put(f, key);
            }
        }
        ClusterKeys keys = new ClusterKeys();
        ClusterUpdate u = idx.reclusterAll(locked, keys);
        store.setClusters(u.clusterOfFace());
        keys.releaseUnused();
        store.deleteEmptyClusters();
        suggestionRefresh.update(sp, decided, null, null);
        return idx.clusters().size();
    }

    /**
     * Ids for the new clusters of one clustering, reserved in growing blocks (one write per block instead of one per
     * cluster: 1,000 new faces make several hundred clusters, which took 0.15–0.2 s of commits at 300,000 faces).
     * Ids come in the same ascending order as one {@link PeopleStore#newCluster} per cluster would give them; the
     * ones left over are deleted by {@link #releaseUnused}.
     */
    private final class ClusterKeys implements java.util.function.LongSupplier {
        private static final int FIRST_BLOCK = 16;
        private static final int MAX_BLOCK = 1024;
        private final java.util.ArrayDeque<Long> free = new java.util.ArrayDeque<>();
        private int block = FIRST_BLOCK;

        @Override
        public long getAsLong() {
            if (free.isEmpty()) {
                for (long id : store.newClusters(block)) {
                    free.add(id);
                }
                block = Math.min(block * 2, MAX_BLOCK);
            }
            return free.poll();
        }

        void releaseUnused() {
            store.deleteEmptyClusters(List.copyOf(free));
            free.clear();
        }
    }

    private static List<FaceVector> notInIndex(FaceClusterIndex idx, FaceSpace sp) {
        List<FaceVector> fresh = new ArrayList<>();
        for (int i = 0; i < sp.size(); i++) {
            if (idx.clusterOf(sp.faceIds[i]).isEmpty()) {
                fresh.add(new FaceVector(sp.faceIds[i], sp.photoIds[i], sp.vectors[i]));
            }
        }
        return fresh;
    }

    /**
     * Whether no clusterable face lacks a cluster and the last suggestion refresh (saved beside the library) saw the
     * faces as they are now: clustering would add nothing and the refresh would find nothing to do.
     */
    private boolean nothingNewSinceTheSavedState(String embedder) {
        String fingerprint = store.clusterableFingerprint();
        return !store.hasUnclusteredFaces(embedder, PeopleThresholds.MIN_CLUSTER_FACE_PX, PeopleThresholds.MIN_CLUSTER_QUALITY)
                && suggestionRefresh.sawFaces(embedder, fingerprint);
    }

    /** The clusterable faces now, read only where they changed since the last use case. */
    FaceSpace faces(String embedder) {
        faces = FaceSpace.current(store, embedder, faces);
        return faces;
    }

    /**
     * The assignments of {@code sp}'s faces (which must be the clusterable faces now), without vectors or clusters:
     * the store's assignments of the faces in {@code sp}, so the faces and photos need not be read again.
     */
    List<FaceVectorRow> decided(FaceSpace sp) {
        return assignedIn(sp, store.assignmentRows());
    }

    /** The rows of {@code assignments} ({@link PeopleStore#assignmentRows}) whose face is in {@code sp}, with its photo. */
    static List<FaceVectorRow> assignedIn(FaceSpace sp, List<FaceVectorRow> assignments) {
        List<FaceVectorRow> out = new ArrayList<>(assignments.size());
        for (FaceVectorRow a : assignments) {
            int i = sp.indexOf(a.faceId());
            if (i >= 0) {
                out.add(new FaceVectorRow(a.faceId(), sp.photoIds[i], null, null, a.personId(), a.state(), a.source()));
            }
        }
        return out;
    }

    /** @param clusterOf each face's cluster when just read with the faces, else null (read now) */
    private FaceClusterIndex index(FaceSpace sp, List<FaceVectorRow> decided, Map<Long, Long> clusterOf) {
        String embedder = sp.embedder;
        if (index != null && embedder.equals(indexEmbedder)) {
            if (sp != indexSpace) {
                dropFacesGone(index, sp);
                indexSpace = sp;
            }
            return index;
        }
        FaceClusterIndex idx = new FaceClusterIndex();
        List<FaceVector> clustered = new ArrayList<>(sp.size());
        Map<Long, Long> keys = clusterOf != null ? clusterOf : store.clusterOfFaces(embedder);
        int[] hashes = sp.vectorHashes();
        for (int i = 0; i < sp.size(); i++) {
            if (keys.containsKey(sp.faceIds[i])) {
                clustered.add(new FaceVector(sp.faceIds[i], sp.photoIds[i], sp.vectors[i], hashes[i]));
            }
        }
        java.nio.ByteBuffer saved = DerivedFile.read(store.neighbourGraphFile());
        if (saved != null) {
            idx.load(clustered, keys, saved);
        } else {
            idx.load(clustered, keys);
        }
        idx.addCannotLinks(cannotLinks(decided));
        index = idx;
        indexEmbedder = embedder;
        indexSpace = sp;
        return idx;
    }

    /**
     * Takes out of the resident index the faces that are no longer in {@code sp} as the index has them: deleted (their
     * photo indexed again, or removed), their photo missing, or their id now another face's (SQLite gives a deleted
     * last row's id to the next row). Such a face would otherwise stay a cluster member and a neighbour, and a new face
     * with its id would never be clustered. Nothing to do when faces were only added since the index was brought up
     * to date (the usual case).
     */
    private void dropFacesGone(FaceClusterIndex idx, FaceSpace sp) {
        if (indexSpace != null && sp.startsWith(indexSpace)) {
            return;
        }
        int gone = idx.removeWhere((faceId, vector) -> {
            int i = sp.indexOf(faceId);
            return i < 0 || (sp.vectors[i] != vector && !java.util.Arrays.equals(sp.vectors[i], vector));
        });
        if (gone > 0) {
            LOG.info("clustering: {} faces left the index (deleted, indexed again or their photo missing)", gone);
        }
    }

    /**
     * Keeps the index's neighbour graph beside the library, so that the next process (or the next rebuild of the
     * index after a decision) reads it instead of building it again: minutes of CPU at 300,000 faces
     * (docs/decisions/0003-clustering.md). Written to a temporary file and moved into place; a failure only
     * costs the next run the rebuild.
     */
    private void saveNeighbourGraph(FaceClusterIndex idx) {
        DerivedFile.write(store.neighbourGraphFile(), idx::saveNeighbours);
    }

    /** The neighbour graph holds links between the forgotten faces and others: it goes with them. */
    private void deleteNeighbourGraph() {
        try {
            java.nio.file.Files.deleteIfExists(store.neighbourGraphFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A face rejected for a person may never share a cluster with that person's confirmed faces. */
    private List<CannotLink> cannotLinks(List<FaceVectorRow> decided) {
        Map<Long, List<Long>> rejected = store.rejections();
        if (rejected.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> confirmedOf = new HashMap<>();
        for (FaceVectorRow r : decided) {
            if (r.personId() != null && r.state() == State.CONFIRMED) {
                confirmedOf.computeIfAbsent(r.personId(), k -> new ArrayList<>()).add(r.faceId());
            }
        }
        List<CannotLink> out = new ArrayList<>();
        rejected.forEach((face, persons) -> {
            for (long p : persons) {
                for (long other : confirmedOf.getOrDefault(p, List.of())) {
                    out.add(new CannotLink(face, other));
                }
            }
        });
        return out;
    }
}
