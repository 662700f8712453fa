package kindred.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * The library's unnamed-face clusters, kept in memory so that new faces can be clustered without
 * re-clustering everything.
 *
 * <p>Typical use by the library layer: at start-up, {@link #load} the stored faces with their cluster keys;
 * after indexing new photos, {@link #add} the new faces and store the returned {@link ClusterUpdate}; on
 * request, {@link #reclusterAll} from scratch (keeping locked groups, e.g. confirmed people, together). Faces
 * below {@link PeopleThresholds#MIN_CLUSTER_FACE_PX} or {@link PeopleThresholds#MIN_CLUSTER_QUALITY} should not
 * be given to the index at all.
 *
 * <p>The method is constrained average-linkage agglomeration on a nearest-neighbour graph (see
 * {@link ClusterSettings}): a face joins a cluster only when its mean cosine to all the cluster's faces is
 * high enough, so chains of look-alikes do not collapse clusters; two faces of one photo, or a
 * {@link CannotLink}ed pair, never end up together. Existing clusters absorb new faces but are never merged
 * with each other by {@link #add} (only {@link #reclusterAll} may).
 *
 * <p>Memory: the vectors (4 bytes × dims per face) plus the neighbour index, ≈ 1.7 KB per 192-dim face.
 * Not thread-safe: one owner thread (the library's clustering task) calls it; it uses all cores internally
 * for neighbour search. Cluster keys are the caller's (e.g. database ids): new clusters take theirs from the
 * {@link LongSupplier} passed in.
 */
public final class FaceClusterIndex {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FaceClusterIndex.class);

    private final ClusterSettings settings;
    private int dims = -1;

    private int count;
    private long[] faceIds = new long[1024];
    private long[] photoIds = new long[1024];
    private float[][] vectors = new float[1024][];
    private Cluster[] clusterOf = new Cluster[1024];
    private boolean[] removed = new boolean[1024];
    /** {@link Arrays#hashCode(float[])} of the vectors of faces 0..hashed-1 (a face's vector never changes). */
    private int[] vectorHashes = new int[0];
    private int hashed;
    /**
     * Face id to its number, and photo id to the numbers of its faces: primitive maps (HPPC), since boxed maps of
     * 300,000 faces cost a new process 0.2-0.5 s to fill and 30 MB of objects for the collector to copy
     * (docs/decisions/0007-speed.md).
     */
    private com.carrotsearch.hppc.LongIntHashMap numberOfFace = new com.carrotsearch.hppc.LongIntHashMap();
    private com.carrotsearch.hppc.LongObjectHashMap<IntList> facesOfPhoto = new com.carrotsearch.hppc.LongObjectHashMap<>();
    private final Map<Integer, IntList> cannotLinks = new HashMap<>();
    private Map<Long, Cluster> clusters = new HashMap<>();

    private NeighbourSearch search;
    /** For evaluation: told of every merge of a run, or null. */
    Agglomerator.MergeListener mergeListener;
    /** For evaluation: a fixed neighbour search instead of exact/HNSW by size. */
    private final java.util.function.Supplier<NeighbourSearch> searchOverride;

    public FaceClusterIndex(ClusterSettings settings) {
        this(settings, null);
    }

    FaceClusterIndex(ClusterSettings settings, java.util.function.Supplier<NeighbourSearch> searchOverride) {
        this.settings = Objects.requireNonNull(settings);
        this.searchOverride = searchOverride;
    }

    /** An empty index with {@link ClusterSettings#DEFAULT}. */
    public FaceClusterIndex() {
        this(ClusterSettings.DEFAULT);
    }

    /**
     * Clusters {@code faces} from scratch and returns face id → cluster key (keys 1, 2, 3… in order of each
     * cluster's smallest face id). For evaluation and one-shot use.
     */
    public static Map<Long, Long> clusterAll(ClusterSettings settings, Collection<FaceVector> faces,
                                             Collection<CannotLink> links) {
        return clusterAll(new FaceClusterIndex(settings), faces, links);
    }

    static Map<Long, Long> clusterAll(FaceClusterIndex index, Collection<FaceVector> faces,
                                      Collection<CannotLink> links) {
        index.addCannotLinksLater(links);
        long[] next = {1};
        index.add(faces, () -> next[0]++);
        Map<Long, Long> out = new HashMap<>();
        Map<Long, Long> renumber = new HashMap<>();
        long[] k = {1};
        faces.stream().map(FaceVector::faceId).sorted().forEach(id -> {
            long key = index.clusterOf(id).orElseThrow();
            out.put(id, renumber.computeIfAbsent(key, x -> k[0]++));
        });
        return out;
    }

    private List<CannotLink> pendingLinks = List.of();

    private void addCannotLinksLater(Collection<CannotLink> links) {
        pendingLinks = List.copyOf(links);
    }

    /**
     * Loads faces that are already clustered (e.g. from the database at start-up). Nothing is re-clustered.
     *
     * @param faces      the faces; none may be in the index already
     * @param clusterKey face id → its cluster key; every face must have one (faces never clustered go to
     *                   {@link #add} instead)
     */
    public void load(Collection<FaceVector> faces, Map<Long, Long> clusterKey) {
        List<FaceVector> sorted = sortedNew(faces);
        for (FaceVector f : sorted) {
            if (!clusterKey.containsKey(f.faceId())) {
                throw new IllegalArgumentException("face " + f.faceId() + " has no cluster key; add() it instead");
            }
        }
        int first = append(sorted);
        for (int i = first; i < count; i++) {
            long key = clusterKey.get(faceIds[i]);
            Cluster c = clusters.computeIfAbsent(key, Cluster::new);
            c.addWhileLoading(i);
            clusterOf[i] = c;
        }
    }

    /**
     * As {@link #load(Collection, Map)}, and takes the neighbour graph back from {@code savedNeighbours} (written
     * by {@link #saveNeighbours} in an earlier run) instead of building it again on the next {@link #add}: at
     * 300,000 faces building it costs minutes of CPU, reading it a second. Faces saved but no longer given
     * (removed, forgotten, ignored) stay in the graph as removed faces with a zero vector; faces given but not
     * saved, or whose vector changed, are inserted into it now. When more than
     * {@link #MAX_STALE_NEIGHBOUR_SHARE} of the saved faces are gone, or the data cannot be read, the graph is
     * not used (it is built on the next {@link #add}, as without it).
     *
     * @return whether the saved graph was used
     */
    public boolean load(Collection<FaceVector> faces, Map<Long, Long> clusterKey, java.io.InputStream savedNeighbours) {
        java.nio.ByteBuffer data;
        try {
            data = java.nio.ByteBuffer.wrap(savedNeighbours.readAllBytes());
        } catch (java.io.IOException e) {
            LOG.info("saved neighbour graph not read ({}); it is built again on the next add", e.toString());
            load(faces, clusterKey);
            return false;
        }
        return load(faces, clusterKey, data);
    }

    /** As {@link #load(Collection, Map, java.io.InputStream)}, from the saved graph's bytes (big-endian). */
    public boolean load(Collection<FaceVector> faces, Map<Long, Long> clusterKey, java.nio.ByteBuffer in) {
        if (count > 0 || searchOverride != null || faces.isEmpty()) {
            load(faces, clusterKey);
            return false;
        }
        List<FaceVector> sorted = sortedNew(faces);
        for (FaceVector f : sorted) {
            if (!clusterKey.containsKey(f.faceId())) {
                throw new IllegalArgumentException("face " + f.faceId() + " has no cluster key; add() it instead");
            }
        }
        List<FaceVector> order;
        GraphSearch graph;
        int saved;
        int[] savedHashes;
        try {
            in.order(java.nio.ByteOrder.BIG_ENDIAN);
            if (in.getInt() != SAVED_FORMAT || in.getInt() != dims) {
                throw new java.io.IOException("not a neighbour graph for these faces");
            }
            saved = in.getInt();
            if (saved < 0 || saved > in.remaining() / 12) {
                throw new java.io.IOException("not a neighbour graph for these faces");
            }
            // The given faces by id (ascending: binary search, no map of boxed ids), each used at most once.
            long[] givenIds = new long[sorted.size()];
            for (int i = 0; i < givenIds.length; i++) {
                givenIds[i] = sorted.get(i).faceId();
            }
            boolean[] used = new boolean[givenIds.length];
            long[] savedIds = new long[saved];
            savedHashes = new int[saved];
            for (int i = 0; i < saved; i++) {
                savedIds[i] = in.getLong();
                savedHashes[i] = in.getInt();
            }
            int[] given = new int[saved];
            IntStream.range(0, saved).parallel().forEach(i -> {
                int g = Arrays.binarySearch(givenIds, savedIds[i]);
                given[i] = g >= 0 && sorted.get(g).vectorHash() == savedHashes[i] ? g : -1;
            });
            order = new ArrayList<>(Math.max(saved, sorted.size()));
            int stale = 0;
            for (int i = 0; i < saved; i++) {
                int g = given[i];
                if (g >= 0 && !used[g]) {
                    used[g] = true;
                    order.add(sorted.get(g));
                } else {
                    order.add(null);
                    stale++;
                }
            }
            if (stale > saved * MAX_STALE_NEIGHBOUR_SHARE) {
                throw new java.io.IOException(stale + " of " + saved + " saved faces are gone");
            }
            float[] zero = new float[dims];
            float[][] v = new float[saved][];
            for (int i = 0; i < saved; i++) {
                v[i] = order.get(i) == null ? zero : order.get(i).unitVector();
            }
            graph = GraphSearch.read(in, v);
            if (graph.size() != saved) {
                throw new java.io.IOException("graph of " + graph.size() + " faces for " + saved);
            }
            for (int g = 0; g < used.length; g++) { // given but not saved: inserted, in id order
                if (!used[g]) {
                    order.add(sorted.get(g));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.info("saved neighbour graph not used ({}); it is built again on the next add", e.toString());
            load(faces, clusterKey);
            return false;
        }
        int needed = order.size();
        // sized for all the faces at once: growing them 300,000 entries a step at a time rehashed them ~15 times
        numberOfFace = new com.carrotsearch.hppc.LongIntHashMap(needed);
        facesOfPhoto = new com.carrotsearch.hppc.LongObjectHashMap<>(needed);
        clusters = new HashMap<>(needed * 4 / 3 + 16);
        faceIds = new long[Math.max(needed, 1024)];
        photoIds = new long[faceIds.length];
        vectors = new float[faceIds.length][];
        clusterOf = new Cluster[faceIds.length];
        removed = new boolean[faceIds.length];
        float[] zero = new float[dims];
        for (FaceVector f : order) {
            int i = count++;
            if (f == null) {
                faceIds[i] = -1;
                photoIds[i] = -1;
                vectors[i] = zero;
                removed[i] = true;
                continue;
            }
            faceIds[i] = f.faceId();
            photoIds[i] = f.photoId();
            vectors[i] = f.unitVector();
        }
        // Three maps filled at once, each by one thread: at 300,000 faces each takes a few hundred milliseconds.
        int n = count;
        Runnable byId = () -> {
            for (int i = 0; i < n; i++) {
                if (!removed[i]) {
                    numberOfFace.put(faceIds[i], i);
                }
            }
        };
        Runnable byPhoto = () -> {
            for (int i = 0; i < n; i++) {
                if (!removed[i]) {
                    facesOfPhotoAdd(photoIds[i], i);
                }
            }
        };
        Runnable byCluster = () -> {
            for (int i = 0; i < n; i++) {
                if (!removed[i]) {
                    Cluster c = clusters.computeIfAbsent(clusterKey.get(faceIds[i]), Cluster::new);
                    c.addWhileLoading(i);
                    clusterOf[i] = c;
                }
            }
        };
        java.util.stream.Stream.of(byId, byPhoto, byCluster).parallel().forEach(Runnable::run);
        vectorHashes = Arrays.copyOf(savedHashes, faceIds.length); // removed faces: saved as 0, never read
        hashed = saved;
        search = graph;
        if (count > saved) {
            graph.addRange(saved, count, vectors);
        }
        LOG.debug("neighbour graph of {} faces read; {} inserted", saved, count - saved);
        return true;
    }

    /**
     * Writes the neighbour graph with the face ids it is built over, for {@link #load(Collection, Map,
     * java.io.InputStream)} in a later run. Only vector hashes are written, never the vectors.
     *
     * @return false (nothing written) when there is no graph: below {@link ClusterSettings#exactSearchLimit()}
     *         faces the search is exact and needs none
     */
    public boolean saveNeighbours(java.io.OutputStream out) throws java.io.IOException {
        if (!(search instanceof GraphSearch graph) || graph.size() != count) {
            return false;
        }
        if (vectorHashes.length < count) {
            vectorHashes = Arrays.copyOf(vectorHashes, faceIds.length);
        }
        for (; hashed < count; hashed++) {
            vectorHashes[hashed] = Arrays.hashCode(vectors[hashed]);
        }
        ChunkedOutput data = new ChunkedOutput(out);
        data.putInt(SAVED_FORMAT);
        data.putInt(dims);
        data.putInt(count);
        for (int i = 0; i < count; i++) {
            data.putLong(faceIds[i]);
            data.putInt(removed[i] ? 0 : vectorHashes[i]);
        }
        graph.write(data);
        data.flush();
        return true;
    }

    /**
     * Share of a saved graph's faces that may be gone before it is rebuilt instead of read: removed faces stay
     * in the graph as dead ends, which lowers recall a little. 0.2: a convention, not measured.
     */
    static final double MAX_STALE_NEIGHBOUR_SHARE = 0.2;

    private static final int SAVED_FORMAT = 0x4B4E4931; // "KNI1"

    /**
     * Clusters new faces into the existing clusters or into new ones. Existing clusters are never merged
     * with each other, and no face already in the index changes cluster.
     *
     * @param faces   faces not yet in the index
     * @param newKeys supplies a fresh key for each new cluster (called once per new cluster, in order of the
     *                clusters' smallest face id)
     * @return the cluster of every added face, and the keys of the new clusters
     */
    public ClusterUpdate add(Collection<FaceVector> faces, LongSupplier newKeys) {
        long t0 = System.nanoTime();
        List<FaceVector> sorted = sortedNew(faces);
        int first = append(sorted);
        long t1 = System.nanoTime();
        if (!pendingLinks.isEmpty()) {
            addCannotLinks(pendingLinks);
            pendingLinks = List.of();
        }
        int[][] nb = new int[count - first][];
        float[][] nbCos = new float[count - first][];
        if (inserted != null && inserted.from() == first) {
            neighboursFromCandidates(first, count, inserted, nb, nbCos);
        } else {
            findNeighbours(first, count, nb, nbCos);
        }
        inserted = null;
        long t2 = System.nanoTime();

        Agglomerator agg = new Agglomerator(settings, conflicts(), dims, count, (count - first) * 2);
        agg.listener = mergeListener;
        for (int i = first; i < count; i++) {
            agg.addNode(IntList.of(i), vectors[i], false);
        }
        Map<Cluster, Integer> nodeOfCluster = new LinkedHashMap<>();
        List<Cluster> clusterOfNode = new ArrayList<>();
        for (int i = first; i < count; i++) {
            for (int j : nb[i - first]) {
                if (j < first) {
                    Cluster c = clusterOf[j];
                    if (c != null && !nodeOfCluster.containsKey(c)) {
                        int node = agg.addNode(copyOf(c.members), c.sum(vectors, dims), true);
                        nodeOfCluster.put(c, node);
                        while (clusterOfNode.size() < node) {
                            clusterOfNode.add(null);
                        }
                        clusterOfNode.add(c);
                    }
                }
            }
        }
        for (int i = first; i < count; i++) {
            for (int j : nb[i - first]) {
                agg.addFaceEdge(i, j);
            }
        }
        agg.run();
        LOG.debug("add {} faces: index {} ms, neighbours {} ms, agglomeration {} ms", count - first,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);

        Map<Long, Long> assigned = new HashMap<>();
        Set<Long> created = new HashSet<>();
        Map<Integer, Cluster> clusterOfRoot = new HashMap<>();
        nodeOfCluster.forEach((c, node) -> clusterOfRoot.put(agg.find(node), c));
        for (int i = first; i < count; i++) {
            int root = agg.nodeOfFace(i);
            Cluster c = clusterOfRoot.get(root);
            if (c == null) {
                c = new Cluster(newKey(newKeys));
                clusters.put(c.key, c);
                created.add(c.key);
                clusterOfRoot.put(root, c);
                float[] s = agg.sum(root);
                IntList m = agg.members(root);
                for (int k = 0; k < m.size(); k++) {
                    c.members.add(m.get(k));
                }
                c.setSum(m.size() == 1 ? vectors[m.get(0)] : s);
            } else if (!created.contains(c.key)) {
                c.members.add(i);
                c.setSum(agg.sum(root));
            }
            clusterOf[i] = c;
            assigned.put(faceIds[i], c.key);
        }
        return new ClusterUpdate(assigned, created, Set.of());
    }

    /**
     * Re-clusters every face in the index from scratch.
     *
     * @param lockedCluster face id → cluster key for faces that must stay in that cluster (e.g. a named
     *                      person's confirmed faces); other faces may join them; two locked clusters never merge
     * @param newKeys       fresh keys for clusters that cannot reuse an old key
     * @return every face whose cluster key changed; new keys; old keys left without faces. Each new cluster
     *         reuses the old key most of its faces had, when no larger new cluster claimed that key first.
     */
    public ClusterUpdate reclusterAll(Map<Long, Long> lockedCluster, LongSupplier newKeys) {
        int[][] nb = new int[count][];
        float[][] nbCos = new float[count][];
        findNeighbours(0, count, nb, nbCos);
        Agglomerator agg = new Agglomerator(settings, conflicts(), dims, count, count);
        agg.listener = mergeListener;
        Map<Long, IntList> lockedGroups = new java.util.TreeMap<>();
        lockedCluster.forEach((faceId, key) -> {
            int i = numberOfFace.getOrDefault(faceId, -1);
            if (i >= 0 && !removed[i]) {
                lockedGroups.computeIfAbsent(key, k -> new IntList(4)).add(i);
            }
        });
        Map<Integer, Long> lockedKeyOfNode = new HashMap<>();
        boolean[] inLocked = new boolean[count];
        for (Map.Entry<Long, IntList> e : lockedGroups.entrySet()) {
            IntList m = e.getValue();
            float[] s = new float[dims];
            for (int k = 0; k < m.size(); k++) {
                inLocked[m.get(k)] = true;
                add(s, vectors[m.get(k)]);
            }
            lockedKeyOfNode.put(agg.addNode(m, s, true), e.getKey());
        }
        for (int i = 0; i < count; i++) {
            if (!removed[i] && !inLocked[i]) {
                agg.addNode(IntList.of(i), vectors[i], false);
            }
        }
        for (int i = 0; i < count; i++) {
            if (nb[i] != null) {
                for (int j : nb[i]) {
                    agg.addFaceEdge(i, j);
                }
            }
        }
        agg.run();

        // the new groups, by smallest face number, with the key each one gets
        Map<Integer, Long> keyOfRoot = new HashMap<>();
        Set<Long> usedKeys = new HashSet<>();
        lockedKeyOfNode.forEach((node, key) -> {
            keyOfRoot.put(agg.find(node), key);
            usedKeys.add(key);
        });
        List<int[]> claims = new ArrayList<>(); // root, old-key index, count
        List<Long> oldKeyList = new ArrayList<>();
        Map<Long, Integer> oldKeyIndex = new HashMap<>();
        for (int node = 0; node < agg.nodeCount(); node++) {
            if (!agg.isRoot(node) || keyOfRoot.containsKey(node)) {
                continue;
            }
            Map<Long, Integer> votes = new HashMap<>();
            IntList m = agg.members(node);
            for (int k = 0; k < m.size(); k++) {
                Cluster old = clusterOf[m.get(k)];
                if (old != null) {
                    votes.merge(old.key, 1, Integer::sum);
                }
            }
            final int root = node;
            votes.forEach((key, n) -> {
                int idx = oldKeyIndex.computeIfAbsent(key, x -> {
                    oldKeyList.add(x);
                    return oldKeyList.size() - 1;
                });
                claims.add(new int[] {root, idx, n});
            });
        }
        claims.sort(Comparator.<int[]>comparingInt(c -> -c[2])
                .thenComparingLong(c -> oldKeyList.get(c[1])).thenComparingInt(c -> c[0]));
        for (int[] c : claims) {
            long key = oldKeyList.get(c[1]);
            if (!keyOfRoot.containsKey(c[0]) && !usedKeys.contains(key)) {
                keyOfRoot.put(c[0], key);
                usedKeys.add(key);
            }
        }
        Set<Long> oldKeys = new HashSet<>(clusters.keySet());
        Set<Long> created = new HashSet<>();
        Map<Long, Long> changed = new HashMap<>();
        Cluster[] nextClusterOf = new Cluster[clusterOf.length];
        Map<Long, Cluster> next = new HashMap<>();
        for (int i = 0; i < count; i++) {
            if (removed[i]) {
                continue;
            }
            int root = agg.nodeOfFace(i);
            Long key = keyOfRoot.get(root);
            if (key == null) {
                key = newKey(newKeys);
                while (oldKeys.contains(key) || usedKeys.contains(key)) {
                    key = newKey(newKeys);
                }
                keyOfRoot.put(root, key);
                usedKeys.add(key);
            }
            Cluster c = next.get(key);
            if (c == null) {
                c = new Cluster(key);
                next.put(key, c);
                IntList m = agg.members(root);
                for (int k = 0; k < m.size(); k++) {
                    c.members.add(m.get(k));
                }
                c.setSum(m.size() == 1 ? vectors[m.get(0)] : agg.sum(root));
                if (!oldKeys.contains(key)) {
                    created.add(key);
                }
            }
            nextClusterOf[i] = c;
            if (clusterOf[i] == null || clusterOf[i].key != key) {
                changed.put(faceIds[i], key);
            }
        }
        Set<Long> gone = new HashSet<>(oldKeys);
        gone.removeAll(next.keySet());
        clusters.clear();
        clusters.putAll(next);
        clusterOf = nextClusterOf;
        return new ClusterUpdate(changed, created, gone);
    }

    /** Remembers pairs of faces that must never share a cluster (faces may be added later). */
    public void addCannotLinks(Collection<CannotLink> links) {
        for (CannotLink l : links) {
            int a = numberOfFace.getOrDefault(l.faceA(), -1);
            int b = numberOfFace.getOrDefault(l.faceB(), -1);
            if (a < 0 || b < 0) {
                pendingLinks = new ArrayList<>(pendingLinks);
                pendingLinks.add(l);
                continue;
            }
            if (a != b) {
                cannotLinks.computeIfAbsent(a, x -> new IntList(2)).add(b);
                cannotLinks.computeIfAbsent(b, x -> new IntList(2)).add(a);
            }
        }
    }

    /**
     * Puts a face into a cluster by hand (the user moved it), creating the cluster when the key is new.
     * The face stays there until the next {@link #reclusterAll} (lock it there to keep it).
     */
    public void assign(long faceId, long clusterKey) {
        int i = number(faceId);
        Cluster old = clusterOf[i];
        if (old != null) {
            if (old.key == clusterKey) {
                return;
            }
            old.remove(i, vectors[i]);
            if (old.members.size() == 0) {
                clusters.remove(old.key);
            }
        }
        Cluster c = clusters.computeIfAbsent(clusterKey, Cluster::new);
        c.add(i, vectors[i]);
        clusterOf[i] = c;
    }

    /** Forgets a face (deleted, forgotten or ignored): it leaves its cluster and is never a neighbour again. */
    public void remove(long faceId) {
        if (!numberOfFace.containsKey(faceId)) {
            return;
        }
        int i = numberOfFace.remove(faceId);
        Cluster c = clusterOf[i];
        if (c != null) {
            c.remove(i, vectors[i]);
            if (c.members.size() == 0) {
                clusters.remove(c.key);
            }
        }
        clusterOf[i] = null;
        removed[i] = true;
        IntList same = facesOfPhoto.get(photoIds[i]);
        if (same != null) {
            same.removeValue(i);
        }
    }

    /** A test of one face of the index: its id and the vector it was given with. */
    @FunctionalInterface
    public interface FaceTest {
        boolean test(long faceId, float[] unitVector);
    }

    /**
     * {@link #remove Removes} every face that {@code gone} is true of (e.g. faces deleted since the index was made, or
     * whose id now belongs to another face); returns how many went.
     */
    public int removeWhere(FaceTest gone) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (!removed[i] && gone.test(faceIds[i], vectors[i])) {
                remove(faceIds[i]);
                n++;
            }
        }
        return n;
    }

    /** The cluster key of a face, empty when the face is not in the index. */
    public OptionalLong clusterOf(long faceId) {
        int i = numberOfFace.getOrDefault(faceId, -1);
        return i < 0 || clusterOf[i] == null ? OptionalLong.empty() : OptionalLong.of(clusterOf[i].key);
    }

    /** The face ids of a cluster, ascending; empty when there is no such cluster. */
    public long[] members(long clusterKey) {
        Cluster c = clusters.get(clusterKey);
        if (c == null) {
            return new long[0];
        }
        long[] out = new long[c.members.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = faceIds[c.members.get(k)];
        }
        Arrays.sort(out);
        return out;
    }

    /** Every cluster key with its face ids. */
    public Map<Long, long[]> clusters() {
        Map<Long, long[]> out = new HashMap<>();
        for (Long key : clusters.keySet()) {
            out.put(key, members(key));
        }
        return out;
    }

    private void facesOfPhotoAdd(long photoId, int face) {
        IntList same = facesOfPhoto.get(photoId);
        if (same == null) {
            same = new IntList(1);
            facesOfPhoto.put(photoId, same);
        }
        same.add(face);
    }

    /** Number of faces in the index. */
    public int size() {
        return numberOfFace.size();
    }

    // ---------------------------------------------------------------------------------------------

    private long newKey(LongSupplier keys) {
        long k = keys.getAsLong();
        if (clusters.containsKey(k)) {
            throw new IllegalStateException("key supplier returned a key in use: " + k);
        }
        return k;
    }

    private List<FaceVector> sortedNew(Collection<FaceVector> faces) {
        List<FaceVector> sorted = new ArrayList<>(faces);
        sorted.sort(Comparator.comparingLong(FaceVector::faceId));
        long previous = Long.MIN_VALUE;
        for (FaceVector f : sorted) { // ascending now: a face given twice is next to itself
            boolean twice = f.faceId() == previous;
            previous = f.faceId();
            if (twice || numberOfFace.containsKey(f.faceId())) {
                throw new IllegalArgumentException("face " + f.faceId() + " is already in the index");
            }
            if (dims < 0) {
                dims = f.unitVector().length;
            } else if (f.unitVector().length != dims) {
                throw new IllegalArgumentException("face " + f.faceId() + " has " + f.unitVector().length
                        + " dimensions, the index " + dims);
            }
        }
        return sorted;
    }

    /** Appends faces to the arrays and the neighbour search; returns the number of the first one. */
    private int append(List<FaceVector> faces) {
        int first = count;
        int needed = count + faces.size();
        if (needed > faceIds.length) {
            int cap = Math.max(needed, faceIds.length * 3 / 2);
            faceIds = Arrays.copyOf(faceIds, cap);
            photoIds = Arrays.copyOf(photoIds, cap);
            vectors = Arrays.copyOf(vectors, cap);
            clusterOf = Arrays.copyOf(clusterOf, cap);
            removed = Arrays.copyOf(removed, cap);
        }
        for (FaceVector f : faces) {
            int i = count++;
            faceIds[i] = f.faceId();
            photoIds[i] = f.photoId();
            vectors[i] = f.unitVector();
            numberOfFace.put(f.faceId(), i);
            facesOfPhotoAdd(f.photoId(), i);
        }
        if (searchOverride != null) {
            if (search == null) {
                search = searchOverride.get();
            }
            search.addRange(first, count, vectors);
        } else if (search == null || (search instanceof ExactSearch && count > settings.exactSearchLimit())) {
            if (count > settings.exactSearchLimit()) {
                search = new GraphSearch();
                search.addRange(0, count, vectors);
            } else {
                search = new ExactSearch();
                search.addRange(0, count, vectors);
            }
        } else {
            if (count - first <= MAX_NEW_FACES_FROM_CANDIDATES) {
                inserted = search.addRangeWithCandidates(first, count, vectors); // null from a brute-force search
            } else {
                search.addRange(first, count, vectors);
                inserted = null;
            }
            return first;
        }
        inserted = null;
        return first;
    }

    /**
     * What inserting the faces of the last {@link #append} into the neighbour graph found (null: nothing usable).
     * The new faces' neighbours are then taken from it plus an exact comparison among the new faces, instead of a
     * second graph search per face: the two searches were most of the CPU of adding 1,000 faces at 300,000
     * (profiled; docs/decisions/0007-speed.md).
     */
    private NeighbourSearch.Candidates inserted;

    /**
     * Up to this many new faces at once, their neighbours come from the insertion's candidates and an exact
     * comparison of every pair of new faces (2,048² / 2 cosines ≈ the cost of the searches they replace); more,
     * and each new face is searched again once all are inserted.
     */
    static final int MAX_NEW_FACES_FROM_CANDIDATES = 2_048;

    /**
     * Neighbours of the new faces from..to-1 (as {@link #findNeighbours} finds them): among the faces before
     * {@code from}, the candidates their insertion into the graph found; among the new faces, every one (exact).
     * A face whose insertion found nothing (the graph's first face) is searched.
     */
    private void neighboursFromCandidates(int from, int to, NeighbourSearch.Candidates found, int[][] outIdx, float[][] outCos) {
        int k = settings.neighbours();
        float min = (float) settings.neighbourMinCosine();
        IntStream.range(from, to).parallel().forEach(i -> {
            if (removed[i]) {
                return;
            }
            int[] ids = found.ids()[i - from];
            if (ids == null) {
                int[][] one = new int[1][];
                float[][] oneCos = new float[1][];
                findNeighbours(i, i + 1, one, oneCos);
                outIdx[i - from] = one[0];
                outCos[i - from] = oneCos[0];
                return;
            }
            float[] sims = found.cosines()[i - from];
            int[] bestIds = new int[k];
            float[] bestCos = new float[k];
            int n = 0;
            for (int t = 0; t < ids.length; t++) {
                if (ids[t] < from && !removed[ids[t]] && sims[t] >= min) {
                    n = NeighbourSearch.offer(ids[t], sims[t], bestIds, bestCos, n, k);
                }
            }
            for (int j = from; j < to; j++) {
                if (j != i && !removed[j]) {
                    float sim = NeighbourSearch.dot(vectors[i], vectors[j]);
                    if (sim >= min) {
                        n = NeighbourSearch.offer(j, sim, bestIds, bestCos, n, k);
                    }
                }
            }
            outIdx[i - from] = Arrays.copyOf(bestIds, n);
            outCos[i - from] = Arrays.copyOf(bestCos, n);
        });
    }

    /** Neighbours of faces from..to-1 (removed faces excluded, both ways). */
    private void findNeighbours(int from, int to, int[][] outIdx, float[][] outCos) {
        int k = settings.neighbours();
        double min = settings.neighbourMinCosine();
        ThreadLocal<int[]> idxBuf = ThreadLocal.withInitial(() -> new int[k + 1]);
        ThreadLocal<float[]> cosBuf = ThreadLocal.withInitial(() -> new float[k + 1]);
        IntStream.range(from, to).parallel().forEach(i -> {
            if (removed[i]) {
                return;
            }
            int[] idx = idxBuf.get();
            float[] cos = cosBuf.get();
            int n = search.search(vectors[i], i, k, min, idx, cos);
            int w = 0;
            for (int t = 0; t < n; t++) {
                if (!removed[idx[t]]) {
                    idx[w] = idx[t];
                    cos[w] = cos[t];
                    w++;
                }
            }
            outIdx[i - from] = Arrays.copyOf(idx, w);
            outCos[i - from] = Arrays.copyOf(cos, w);
        });
    }

    private Agglomerator.Faces conflicts() {
        return new Agglomerator.Faces() {
            @Override
            public float[] vector(int face) {
                return vectors[face];
            }

            @Override
            public void forEachConflict(int face, IntConsumer sink) {
                IntList same = facesOfPhoto.get(photoIds[face]);
                if (same != null) {
                    for (int k = 0; k < same.size(); k++) {
                        if (same.get(k) != face) {
                            sink.accept(same.get(k));
                        }
                    }
                }
                IntList cannot = cannotLinks.get(face);
                if (cannot != null) {
                    for (int k = 0; k < cannot.size(); k++) {
                        sink.accept(cannot.get(k));
                    }
                }
            }
        };
    }

    private int number(long faceId) {
        int i = numberOfFace.getOrDefault(faceId, -1);
        if (i < 0) {
            throw new IllegalArgumentException("face " + faceId + " is not in the index");
        }
        return i;
    }

    private static IntList copyOf(IntList l) {
        IntList c = new IntList(l.size());
        c.addAll(l);
        return c;
    }

    private static void add(float[] into, float[] v) {
        for (int d = 0; d < into.length; d++) {
            into[d] += v[d];
        }
    }

    /** One cluster: its key, faces and the sum of their vectors (never written in place once shared). */
    private static final class Cluster {
        final long key;
        final IntList members = new IntList(2);
        /**
         * The sum of the members' vectors, or null until it is first needed ({@link #sum}): a new process loads
         * 100,000 clusters at 300,000 faces and a clustering needs the sums of the few hundred its new faces meet;
         * summing them all had cost a pass over every vector and 40 MB of arrays (docs/decisions/0007-speed.md).
         * A singleton's sum is its face's own vector, never changed.
         */
        private float[] sum;

        Cluster(long key) {
            this.key = key;
        }

        /** Adds a face while the index is being loaded (its sum is made when first needed). */
        void addWhileLoading(int face) {
            members.add(face);
        }

        /** The sum of the members' vectors, made in member order when first asked for. */
        float[] sum(float[][] vectors, int dims) {
            if (sum == null) {
                if (members.size() == 1) {
                    sum = vectors[members.get(0)];
                } else {
                    float[] s = new float[dims];
                    for (int k = 0; k < members.size(); k++) {
                        FaceClusterIndex.add(s, vectors[members.get(k)]);
                    }
                    sum = s;
                }
            }
            return sum;
        }

        void setSum(float[] s) {
            sum = s;
        }

        void add(int face, float[] v) {
            members.add(face);
            if (sum != null) {
                float[] s = sum.clone();
                FaceClusterIndex.add(s, v);
                sum = s;
            }
        }

        void remove(int face, float[] v) {
            members.removeValue(face);
            if (sum != null) {
                float[] s = sum.clone();
                for (int d = 0; d < s.length; d++) {
                    s[d] -= v[d];
                }
                sum = s;
            }
        }
    }
}
