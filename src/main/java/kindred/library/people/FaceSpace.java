package kindred.library.people;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import kindred.clustering.PeopleThresholds;
import kindred.library.PeopleStore;

/**
 * The clusterable faces of one embedder, ascending by id, with their photos, when each photo was indexed and their
 * vectors: what clustering and the suggestion refresh both work on. {@link People} keeps one in memory between
 * use cases ({@link #current}); when faces were added or photos indexed again, only those faces' vectors are read,
 * the others are kept (at 300,000 faces reading every vector costs about 2 s and 230 MB of garbage;
 * docs/decisions/0007-speed.md).
 *
 * <p>Immutable once built; the vectors are shared with the cluster index, never copied.
 */
final class FaceSpace {

    /**
     * Above this share of the faces to read again, one scan of every vector replaces reading them by id (500 ids
     * per query): at 300,000 faces the scan takes about 0.7 s, reading by id about 2.5 s per 100,000 faces.
     */
    static final double MAX_SHARE_READ_BY_ID = 0.25;

    final String embedder;
    /** {@link PeopleStore#clusterableFingerprint()} when read. */
    final String fingerprint;
    final long[] faceIds; // ascending
    final long[] photoIds;
    final long[] indexedAt; // when each face's photo was indexed (0: unknown)
    final float[][] vectors;
    /** Photo id to the indexes of its faces, ascending; made when first asked for. */
    private Map<Long, int[]> facesOfPhoto;
    /**
     * Each face's cluster (-1: none) as read with every vector at once (a new process), else null. Only good in the
     * use case that read it: clustering changes clusters afterwards, not this space.
     */
    private long[] clustersAsRead;
    /** {@link Arrays#hashCode(float[])} of each vector, made when first asked for (0 entries: not made yet). */
    private int[] hashes;

    FaceSpace(String embedder, String fingerprint, long[] faceIds, long[] photoIds, long[] indexedAt, float[][] vectors) {
        this.embedder = embedder;
        this.fingerprint = fingerprint;
        this.faceIds = faceIds;
        this.photoIds = photoIds;
        this.indexedAt = indexedAt;
        this.vectors = vectors;
    }

    /** Photo id to the indexes of its faces, ascending (one pass; a photo has a handful of faces). */
    private synchronized Map<Long, int[]> byPhoto() {
        if (facesOfPhoto == null) {
            Map<Long, int[]> out = new java.util.HashMap<>(Math.max(16, photoIds.length));
            for (int i = 0; i < photoIds.length; i++) {
                addToPhoto(out, photoIds[i], i);
            }
            facesOfPhoto = out;
        }
        return facesOfPhoto;
    }

    /** Adds face i to its photo's list (a new array: the lists may be shared with an earlier space). */
    private static void addToPhoto(Map<Long, int[]> byPhoto, long photoId, int face) {
        byPhoto.merge(photoId, new int[] {face}, (had, one) -> {
            int[] more = Arrays.copyOf(had, had.length + 1);
            more[had.length] = face;
            return more;
        });
    }

    private synchronized Map<Long, int[]> byPhotoIfMade() {
        return facesOfPhoto;
    }

    /**
     * {@link Arrays#hashCode(float[])} of each vector (made once per space on every core, carried over for kept
     * vectors): the cluster index matches its saved graph with them, the suggestion refresh its saved state.
     */
    synchronized int[] vectorHashes() {
        if (hashes == null) {
            int[] made = new int[size()];
            java.util.stream.IntStream.range(0, made.length).parallel().forEach(i -> made[i] = Arrays.hashCode(vectors[i]));
            hashes = made;
        }
        return hashes;
    }

    /**
     * Face id to cluster, as read with the vectors when this space was read whole; null otherwise. A read-only view
     * over this space's arrays (lookups by binary search): a map of 300,000 boxed entries cost a new process 0.1 s
     * and 19 MB of objects.
     */
    Map<Long, Long> clustersAsRead() {
        long[] clusters = clustersAsRead;
        if (clusters == null) {
            return null;
        }
        return new java.util.AbstractMap<>() {
            @Override
            public Long get(Object key) {
                int i = key instanceof Long id ? indexOf(id) : -1;
                return i >= 0 && clusters[i] >= 0 ? clusters[i] : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return get(key) != null;
            }

            @Override
            public java.util.Set<Map.Entry<Long, Long>> entrySet() {
                java.util.Set<Map.Entry<Long, Long>> out = new java.util.LinkedHashSet<>();
                for (int i = 0; i < clusters.length; i++) {
                    if (clusters[i] >= 0) {
                        out.add(Map.entry(faceIds[i], clusters[i]));
                    }
                }
                return java.util.Collections.unmodifiableSet(out);
            }
        };
    }

    int size() {
        return faceIds.length;
    }

    /**
     * Whether this space begins with {@code earlier}'s faces, in the same order and with the same vector arrays: faces
     * were only added since (as {@link #current} makes a space from the faces added to the previous one).
     */
    boolean startsWith(FaceSpace earlier) {
        int n = earlier.size();
        if (n > size() || !embedder.equals(earlier.embedder)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (faceIds[i] != earlier.faceIds[i] || vectors[i] != earlier.vectors[i]) {
                return false;
            }
        }
        return true;
    }

    /** The face's index, or a negative number when it is not in this space. */
    int indexOf(long faceId) {
        return Arrays.binarySearch(faceIds, faceId);
    }

    /** The indexes of the photo's faces in this space (empty when none). */
    int[] facesOf(long photoId) {
        return byPhoto().getOrDefault(photoId, new int[0]);
    }

    int photoCount() {
        return byPhoto().size();
    }

    /**
     * The store's clusterable faces now, reusing {@code previous}'s vectors (may be null) for every face whose photo
     * was not indexed again since; the others are read. {@code previous} itself when nothing changed.
     */
    static FaceSpace current(PeopleStore store, String embedder, FaceSpace previous) {
        String fp = store.clusterableFingerprint();
        boolean reusable = previous != null && embedder.equals(previous.embedder);
        if (reusable && fp.equals(previous.fingerprint)) {
            return previous;
        }
        if (reusable) {
            java.util.Optional<List<PeopleStore.FaceKey>> added = store.clusterableFacesAdded(previous.fingerprint, fp,
                    embedder, PeopleThresholds.MIN_CLUSTER_FACE_PX, PeopleThresholds.MIN_CLUSTER_QUALITY);
            if (added.isPresent()) {
                return previous.plus(fp, added.get());
            }
        }
        List<PeopleStore.FaceKey> keys = store.clusterableFaceKeys(embedder, PeopleThresholds.MIN_CLUSTER_FACE_PX,
                PeopleThresholds.MIN_CLUSTER_QUALITY, !reusable);
        int n = keys.size();
        long[] ids = new long[n];
        long[] photos = new long[n];
        long[] at = new long[n];
        float[][] v = new float[n][];
        List<Long> read = new ArrayList<>();
        int[] previousHashes = reusable ? previous.hashesIfMade() : null;
        int[] hashes = previousHashes != null ? new int[n] : null;
        boolean[] kept = new boolean[n];
        for (int i = 0; i < n; i++) {
            PeopleStore.FaceKey k = keys.get(i);
            ids[i] = k.faceId();
            photos[i] = k.photoId();
            at[i] = k.indexedAt();
            if (k.vector() != null) {
                v[i] = k.vector();
                continue;
            }
            int j = reusable ? previous.indexOf(k.faceId()) : -1;
            if (j >= 0 && previous.indexedAt[j] == k.indexedAt() && previous.photoIds[j] == k.photoId()) {
                v[i] = previous.vectors[j];
                kept[i] = true;
                if (hashes != null) {
                    hashes[i] = previousHashes[j];
                }
            } else {
                read.add(k.faceId());
            }
        }
        if (reusable && read.size() > n * MAX_SHARE_READ_BY_ID) {
            return current(store, embedder, null); // e.g. every photo indexed again with a new model: one scan is faster
        }
        if (!read.isEmpty()) {
            Map<Long, float[]> fresh = store.vectors(read);
            for (int i = 0; i < n; i++) {
                if (v[i] == null) {
                    v[i] = fresh.get(ids[i]);
                    if (v[i] == null) { // deleted or re-embedded meanwhile: read everything again
                        return current(store, embedder, null);
                    }
                }
            }
        }
        FaceSpace space = new FaceSpace(embedder, fp, ids, photos, at, v);
        if (!reusable) {
            space.clustersAsRead = keys.stream().mapToLong(PeopleStore.FaceKey::clusterId).toArray();
        }
        if (hashes != null) {
            for (int i = 0; i < n; i++) {
                if (!kept[i]) {
                    hashes[i] = Arrays.hashCode(v[i]);
                }
            }
            space.hashes = hashes;
        }
        return space;
    }

    /**
     * This space with {@code added} (ascending, with vectors) at its end: the
     * common case of a scan's new faces, read without the 300,000 keys of the others.
     */
    private FaceSpace plus(String fingerprint, List<PeopleStore.FaceKey> added) {
        int n = size();
        if (n > 0) { // a face added while this space's keys were read is in it already
            long last = faceIds[n - 1];
            added = added.stream().filter(f -> f.faceId() > last).toList();
        }
        int m = added.size();
        long[] ids = Arrays.copyOf(faceIds, n + m);
        long[] photos = Arrays.copyOf(photoIds, n + m);
        long[] at = Arrays.copyOf(indexedAt, n + m);
        float[][] v = Arrays.copyOf(vectors, n + m);
        for (int k = 0; k < m; k++) {
            PeopleStore.FaceKey f = added.get(k);
            ids[n + k] = f.faceId();
            photos[n + k] = f.photoId();
            at[n + k] = f.indexedAt();
            v[n + k] = f.vector();
        }
        FaceSpace space = new FaceSpace(embedder, fingerprint, ids, photos, at, v);
        Map<Long, int[]> had = byPhotoIfMade();
        if (had != null) { // the new faces added to this space's map (at 300,000 faces making it anew took 0.1-0.2 s)
            Map<Long, int[]> map = new java.util.HashMap<>(had);
            for (int k = n; k < n + m; k++) {
                addToPhoto(map, photos[k], k);
            }
            space.facesOfPhoto = map;
        }
        int[] made = hashesIfMade();
        if (made != null) {
            int[] h = Arrays.copyOf(made, n + m);
            for (int k = n; k < n + m; k++) {
                h[k] = Arrays.hashCode(v[k]);
            }
            space.hashes = h;
        }
        return space;
    }

    private synchronized int[] hashesIfMade() {
        return hashes;
    }
}
