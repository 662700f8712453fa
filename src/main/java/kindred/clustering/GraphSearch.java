package kindred.clustering;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Approximate nearest neighbours: an HNSW graph (Malkov &amp; Yashunin 2016) on primitive arrays, built in
 * parallel batches and deterministic.
 *
 * <p>Faces are inserted in batches. For every face of a batch, in parallel, the graph as it was before the batch
 * is searched (read only); the faces of one batch are also compared with each other by brute force. Then each
 * new face gets its links (the neighbour-selection heuristic over those candidates), and the reverse links are
 * added target by target, one thread per target, with the sources in order. Levels come from a hash of the
 * face number. So the graph does not depend on the number of threads or their timing, and a library built
 * with the same faces in the same order always gives the same neighbours.
 *
 * <p>Memory: 4 × {@link #CAP0} + 5 bytes per face on level 0 (197 B) plus ≈ 1/{@link #M} of that above; the
 * vectors are the caller's (not copied). Searches may run in parallel once adding is done; adding is one
 * caller at a time.
 */
final class GraphSearch implements NeighbourSearch {

    /** Links per node on the upper levels. 16: the usual choice for 100–1000 dimensions. */
    static final int M = 16;
    /** Links per node on level 0 after pruning (2·M, as in the paper). */
    static final int M0 = 2 * M;
    /**
     * Room for links per node on level 0: reverse links are appended until the list has this many, and only
     * then pruned back to {@link #M0} by the heuristic (pruning on every addition cost most of the build).
     */
    static final int CAP0 = M0 + M0 / 2;
    /** Candidates kept while inserting. Measured: see {@code docs/decisions/0003-clustering.md}. */
    static final int EF_CONSTRUCTION = 64;
    /** Candidates kept while searching (at least k). */
    static final int EF_SEARCH = 64;
    /** Largest batch inserted at once; a batch is also at most a quarter of the graph so far. */
    static final int MAX_BATCH = 256;

    private static final double LEVEL_MULT = 1 / Math.log(M);

    private float[][] vectors = new float[1024][];
    private byte[] level = new byte[1024];
    /** level-0 links: node · CAP0 … node · CAP0 + count0[node] − 1 */
    private int[] links0 = new int[1024 * CAP0];
    private int[] count0 = new int[1024];
    /** upper levels: upper[node][l − 1] = {count, link, link, …}; null for level-0 nodes */
    private int[][][] upper = new int[1024][][];
    private int size;
    private int entry = -1;
    private int maxLevel = -1;

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    private final int efConstruction;
    private final int efSearch;

    GraphSearch() {
        this(EF_CONSTRUCTION, EF_SEARCH);
    }

    /** While {@link #addRangeWithCandidates} runs: where each inserted face's layer-0 candidates go. */
    private volatile Candidates kept;

    /** For measurements: other candidate-list sizes. */
    GraphSearch(int efConstruction, int efSearch) {
        this.efConstruction = efConstruction;
        this.efSearch = efSearch;
    }

    @Override
    public void add(int idx, float[] unitVector) {
        if (idx != size) {
            throw new IllegalStateException("faces must be added in order");
        }
        ensureCapacity(idx + 1);
        vectors[idx] = unitVector;
        insertBatch(idx, idx + 1, vectors);
    }

    @Override
    public void addRange(int from, int to, float[][] vecs) {
        if (from != size) {
            throw new IllegalStateException("faces must be added in order");
        }
        ensureCapacity(to);
        int next = from;
        while (next < to) {
            int batch = Math.max(1, Math.min(Math.min(MAX_BATCH, size / 4), to - next));
            insertBatch(next, next + batch, vecs);
            next += batch;
        }
    }

    @Override
    public Candidates addRangeWithCandidates(int from, int to, float[][] vecs) {
        kept = new Candidates(from, new int[to - from][], new float[to - from][]);
        try {
            addRange(from, to, vecs);
            return kept;
        } finally {
            kept = null;
        }
    }

    @Override
    public int search(float[] query, int self, int k, double minCosine, int[] outIdx, float[] outCos) {
        if (entry < 0) {
            return 0;
        }
        Scratch s = scratch.get();
        int ep = entry;
        float epSim = NeighbourSearch.dot(query, vectors[ep]);
        for (int l = maxLevel; l >= 1; l--) {
            long best = greedy(query, ep, epSim, l, s);
            ep = (int) (best >>> 32);
            epSim = Float.intBitsToFloat((int) best);
        }
        int n = searchLayer(query, ep, epSim, Math.max(efSearch, k + 1), 0, s, size);
        int found = 0;
        // results come out worst first; take them best first
        int[] ids = s.outIds;
        float[] sims = s.outSims;
        for (int t = n - 1; t >= 0 && found < k; t--) {
            if (ids[t] == self || sims[t] < minCosine) {
                continue;
            }
            outIdx[found] = ids[t];
            outCos[found] = sims[t];
            found++;
        }
        return found;
    }

    /** Faces in the graph. */
    int size() {
        return size;
    }

    /**
     * Writes the graph (levels and links, not the vectors) so that {@link #read} gives back the same graph: the
     * library keeps it beside its database, and a new process then adds faces without building it again.
     */
    void write(ChunkedOutput out) throws java.io.IOException {
        out.putInt(FORMAT);
        out.putInt(size);
        out.putInt(entry);
        out.putInt(maxLevel);
        for (int i = 0; i < size; i++) {
            out.put(level[i]);
        }
        for (int i = 0; i < size; i++) {
            int n = count0[i];
            out.put((byte) n);
            for (int k = 0; k < n; k++) {
                out.putInt(links0[i * CAP0 + k]);
            }
            for (int l = 0; l < level[i]; l++) {
                int[] list = upper[i][l];
                out.put((byte) list[0]);
                for (int k = 1; k <= list[0]; k++) {
                    out.putInt(list[k]);
                }
            }
        }
    }

    /**
     * Reads a graph written by {@link #write} over {@code vectors} (face i of the graph is {@code vectors[i]}; a
     * face no longer known may be given a zero vector: it is then never near anything, and paths through it are
     * lost).
     *
     * @param in the data, big-endian as {@link #write} wrote it (read past the graph's end)
     * @throws java.io.IOException also when the data is not such a graph
     */
    static GraphSearch read(java.nio.ByteBuffer in, float[][] vectors) throws java.io.IOException {
        if (in.getInt() != FORMAT) {
            throw new java.io.IOException("not a neighbour graph of this format");
        }
        GraphSearch g = new GraphSearch();
        int n = in.getInt();
        if (n < 0 || n > vectors.length) {
            throw new java.io.IOException("graph of " + n + " faces for " + vectors.length + " vectors");
        }
        g.ensureCapacity(n);
        g.entry = in.getInt();
        g.maxLevel = in.getInt();
        in.get(g.level, 0, n);
        for (int i = 0; i < n; i++) {
            g.vectors[i] = vectors[i];
            int c = in.get() & 0xFF;
            if (c > CAP0) {
                throw new java.io.IOException("corrupt neighbour graph");
            }
            g.count0[i] = c;
            for (int k = 0; k < c; k++) {
                g.links0[i * CAP0 + k] = checked(in.getInt(), n);
            }
            int lv = g.level[i];
            if (lv < 0 || lv > 30) {
                throw new java.io.IOException("corrupt neighbour graph");
            }
            if (lv > 0) {
                g.upper[i] = new int[lv][];
                for (int l = 0; l < lv; l++) {
                    int[] list = new int[M + 1];
                    int m = in.get() & 0xFF;
                    if (m > M) {
                        throw new java.io.IOException("corrupt neighbour graph");
                    }
                    list[0] = m;
                    for (int k = 1; k <= m; k++) {
                        list[k] = checked(in.getInt(), n);
                    }
                    g.upper[i][l] = list;
                }
            }
        }
        if (n > 0 && (g.entry < 0 || g.entry >= n || g.maxLevel != g.level[g.entry])) {
            throw new java.io.IOException("corrupt neighbour graph");
        }
        g.size = n;
        return g;
    }

    private static int checked(int node, int n) throws java.io.IOException {
        if (node < 0 || node >= n) {
            throw new java.io.IOException("corrupt neighbour graph");
        }
        return node;
    }

    /** Version of {@link #write}'s layout. */
    private static final int FORMAT = 0x4B4E4731; // "KNG1"

    // ---------------------------------------------------------------------------------------------

    private void insertBatch(int from, int to, float[][] vecs) {
        for (int i = from; i < to; i++) {
            vectors[i] = vecs[i];
            level[i] = (byte) randomLevel(i);
            int lv = level[i];
            if (lv > 0) {
                upper[i] = new int[lv][];
                for (int l = 0; l < lv; l++) {
                    upper[i][l] = new int[M + 1];
                }
            }
        }
        if (entry < 0) {
            // the very first face: it is the graph
            entry = from;
            maxLevel = level[from];
            size = from + 1;
            if (to > from + 1) {
                insertBatch(from + 1, to, vecs);
            }
            return;
        }
        int n = to - from;
        int oldSize = size;
        // phase 1 (parallel, graph read only): candidates of each new face on each of its levels
        int[][][] candIds = new int[n][][];
        float[][][] candSims = new float[n][][];
        IntStream.range(0, n).parallel().forEach(b -> {
            int q = from + b;
            float[] v = vectors[q];
            int top = Math.min(level[q], maxLevel);
            candIds[b] = new int[top + 1][];
            candSims[b] = new float[top + 1][];
            int ep = entry;
            float epSim = NeighbourSearch.dot(v, vectors[ep]);
            Scratch s = scratch.get();
            for (int l = maxLevel; l > top; l--) {
                long best = greedy(v, ep, epSim, l, s);
                ep = (int) (best >>> 32);
                epSim = Float.intBitsToFloat((int) best);
            }
            for (int l = top; l >= 0; l--) {
                int found = searchLayer(v, ep, epSim, efConstruction, l, s, oldSize);
                // results worst first → best first
                int[] ids = new int[found + 8];
                float[] sims = new float[found + 8];
                for (int t = 0; t < found; t++) {
                    ids[t] = s.outIds[found - 1 - t];
                    sims[t] = s.outSims[found - 1 - t];
                }
                // brute force against the other faces of this batch that reach this level; only those that
                // beat the worst result can matter
                float worst = found >= efConstruction ? s.outSims[0] : -2f;
                int w = found;
                for (int o = from; o < to; o++) {
                    if (o != q && level[o] >= l) {
                        float sim = NeighbourSearch.dot(v, vectors[o]);
                        if (sim > worst) {
                            if (w == ids.length) {
                                ids = Arrays.copyOf(ids, w * 2);
                                sims = Arrays.copyOf(sims, w * 2);
                            }
                            ids[w] = o;
                            sims[w] = sim;
                            w++;
                        }
                    }
                }
                if (w > found) {
                    sortBySimDesc(ids, sims, w);
                }
                ids = Arrays.copyOf(ids, w);
                sims = Arrays.copyOf(sims, w);
                candIds[b][l] = ids;
                candSims[b][l] = sims;
                if (l == 0 && kept != null) { // phase 2 replaces candIds[b][0]; these arrays stay as they are
                    kept.ids()[q - kept.from()] = ids;
                    kept.cosines()[q - kept.from()] = sims;
                }
                ep = s.outIds[found - 1];
                epSim = s.outSims[found - 1];
            }
        });
        // phase 2 (parallel, each face writes only its own lists): forward links by the heuristic
        IntStream.range(0, n).parallel().forEach(b -> {
            int q = from + b;
            for (int l = 0; l < candIds[b].length; l++) {
                int max = l == 0 ? M0 : M;
                int[] chosen = new int[max];
                int c = selectHeuristic(candIds[b][l], candSims[b][l], candIds[b][l].length, max, chosen);
                setLinks(q, l, chosen, c);
                candIds[b][l] = Arrays.copyOf(chosen, c); // keep only what was linked, for phase 3
            }
        });
        // phase 3: reverse links, grouped by target (one thread per target, sources in order)
        int levels = maxLevel + 1;
        for (int l = 0; l < levels; l++) {
            final int lv = l;
            IntList[] sourcesOf = new IntList[to];
            IntList targets = new IntList(16);
            for (int b = 0; b < n; b++) {
                if (candIds[b].length <= lv) {
                    continue;
                }
                for (int t : candIds[b][lv]) {
                    if (sourcesOf[t] == null) {
                        sourcesOf[t] = new IntList(2);
                        targets.add(t);
                    }
                    sourcesOf[t].add(from + b);
                }
            }
            IntStream.range(0, targets.size()).parallel().forEach(k -> {
                int t = targets.get(k);
                addReverseLinks(t, lv, sourcesOf[t]);
            });
        }
        size = to;
        for (int i = from; i < to; i++) {
            if (level[i] > maxLevel) {
                maxLevel = level[i];
                entry = i;
            }
        }
    }

    /** Adds links t → each source on level l (sources ascending), pruning t's list by the heuristic when full. */
    private void addReverseLinks(int t, int l, IntList sources) {
        int max = l == 0 ? M0 : M;
        int count = linkCount(t, l);
        int total = count + sources.size();
        int[] ids = new int[total];
        float[] sims = new float[total];
        int w = 0;
        for (int k = 0; k < count; k++) {
            int o = link(t, l, k);
            ids[w++] = o;
        }
        for (int k = 0; k < sources.size(); k++) {
            int o = sources.get(k);
            boolean dup = false;
            for (int j = 0; j < w; j++) {
                if (ids[j] == o) {
                    dup = true;
                    break;
                }
            }
            if (!dup) {
                ids[w++] = o;
            }
        }
        if (w <= (l == 0 ? CAP0 : max)) {
            setLinks(t, l, ids, w);
            return;
        }
        float[] v = vectors[t];
        for (int k = 0; k < w; k++) {
            sims[k] = NeighbourSearch.dot(v, vectors[ids[k]]);
        }
        sortBySimDesc(ids, sims, w);
        int[] chosen = new int[max];
        int c = selectHeuristic(ids, sims, w, max, chosen);
        setLinks(t, l, chosen, c);
    }

    /**
     * The neighbour-selection heuristic (paper, algorithm 4): candidates best first; one is kept when it is
     * more similar to the new node than to every neighbour kept so far, which spreads the links in all
     * directions. If fewer than {@code max} are kept, the best of the rest fill up the list.
     */
    private int selectHeuristic(int[] ids, float[] sims, int n, int max, int[] out) {
        int c = 0;
        boolean[] taken = new boolean[n];
        for (int k = 0; k < n && c < max; k++) {
            float[] e = vectors[ids[k]];
            boolean good = true;
            for (int j = 0; j < c; j++) {
                if (NeighbourSearch.dot(e, vectors[out[j]]) > sims[k]) {
                    good = false;
                    break;
                }
            }
            if (good) {
                out[c++] = ids[k];
                taken[k] = true;
            }
        }
        for (int k = 0; k < n && c < max; k++) {
            if (!taken[k]) {
                out[c++] = ids[k];
            }
        }
        return c;
    }

    /** Greedy walk on level l from ep; returns (node << 32) | floatBits(similarity) of the best node reached. */
    private long greedy(float[] q, int ep, float epSim, int l, Scratch scratch) {
        boolean changed = true;
        int[] links = scratch.fresh;
        while (changed) {
            changed = false;
            int count = linkCount(ep, l);
            for (int k = 0; k < count; k++) {
                links[k] = link(ep, l, k);
            }
            scratch.touched += touch(links, count);
            for (int k = 0; k < count; k++) {
                int o = links[k];
                float s = NeighbourSearch.dot(q, vectors[o]);
                if (s > epSim) {
                    epSim = s;
                    ep = o;
                    changed = true;
                }
            }
        }
        return ((long) ep << 32) | (Float.floatToRawIntBits(epSim) & 0xffffffffL);
    }

    /**
     * Best-first search of level l from ep, keeping ef results, among nodes below {@code limit}. Results go to
     * {@code s.outIds/outSims}, worst first; returns their number.
     */
    private int searchLayer(float[] q, int ep, float epSim, int ef, int l, Scratch s, int limit) {
        s.newVisit(size);
        Heap cand = s.candidates; // max-heap by similarity: stored as −sim in a min-heap
        Heap res = s.results; // min-heap by similarity: the worst result on top
        cand.clear();
        res.clear();
        s.visit(ep);
        cand.push(-epSim, ep);
        res.push(epSim, ep);
        while (cand.size() > 0) {
            float cs = -cand.topKey();
            int c = cand.topValue();
            if (res.size() >= ef && cs < res.topKey()) {
                break;
            }
            cand.pop();
            int count = linkCount(c, l);
            int[] fresh = s.fresh;
            int m = 0;
            for (int k = 0; k < count; k++) {
                int o = link(c, l, k);
                if (o < limit && s.visit(o)) {
                    fresh[m++] = o;
                }
            }
            s.touched += touch(fresh, m);
            for (int k = 0; k < m; k++) {
                int o = fresh[k];
                float os = NeighbourSearch.dot(q, vectors[o]);
                if (res.size() < ef || os > res.topKey()) {
                    cand.push(-os, o);
                    res.push(os, o);
                    if (res.size() > ef) {
                        res.pop();
                    }
                }
            }
        }
        int n = res.size();
        s.ensureOut(n);
        for (int i = 0; i < n; i++) {
            s.outSims[i] = res.topKey();
            s.outIds[i] = res.topValue();
            res.pop();
        }
        return n;
    }

    /**
     * Reads one float of every cache line of each listed vector before their similarities are computed. The vectors
     * lie scattered over hundreds of megabytes, and a similarity computed right away waits for each of its lines
     * in turn; these loads are independent of each other, so the processor fetches many lines at once, and the
     * similarities then find them in its cache. Measured on this 2-core machine, 300,000 vectors of 192 floats:
     * 540 ns per similarity of a random vector, 190-260 ns after touching its batch of 32 (docs/decisions/0007-speed.md).
     *
     * @return a sum of the values read, for the caller to keep (so that the compiler cannot drop the loads)
     */
    private float touch(int[] nodes, int n) {
        float sum = 0;
        for (int k = 0; k < n; k++) {
            float[] v = vectors[nodes[k]];
            for (int i = 0; i < v.length; i += FLOATS_PER_CACHE_LINE) {
                sum += v[i];
            }
        }
        return sum;
    }

    /** 64-byte cache lines of x86-64 and most ARM cores. */
    private static final int FLOATS_PER_CACHE_LINE = 16;

    private int linkCount(int node, int l) {
        return l == 0 ? count0[node] : upper[node][l - 1][0];
    }

    private int link(int node, int l, int k) {
        return l == 0 ? links0[node * CAP0 + k] : upper[node][l - 1][k + 1];
    }

    private void setLinks(int node, int l, int[] ids, int n) {
        if (l == 0) {
            System.arraycopy(ids, 0, links0, node * CAP0, n);
            count0[node] = n;
        } else {
            int[] list = upper[node][l - 1];
            System.arraycopy(ids, 0, list, 1, n);
            list[0] = n;
        }
    }

    private static int randomLevel(int idx) {
        long h = idx * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        double u = ((h >>> 11) + 1) * 0x1.0p-53;
        return Math.min(30, (int) (-Math.log(u) * LEVEL_MULT));
    }

    private static void sortBySimDesc(int[] ids, float[] sims, int n) {
        // insertion sort: lists are short (≤ ef + batch); ties by node number for determinism
        for (int i = 1; i < n; i++) {
            int id = ids[i];
            float sim = sims[i];
            int j = i - 1;
            while (j >= 0 && (sims[j] < sim || (sims[j] == sim && ids[j] > id))) {
                ids[j + 1] = ids[j];
                sims[j + 1] = sims[j];
                j--;
            }
            ids[j + 1] = id;
            sims[j + 1] = sim;
        }
    }

    private void ensureCapacity(int cap) {
        if (cap <= vectors.length) {
            return;
        }
        int c = Math.max(cap, vectors.length * 3 / 2);
        vectors = Arrays.copyOf(vectors, c);
        level = Arrays.copyOf(level, c);
        links0 = Arrays.copyOf(links0, c * CAP0);
        count0 = Arrays.copyOf(count0, c);
        upper = Arrays.copyOf(upper, c);
    }

    /** Per-thread search buffers. */
    private static final class Scratch {
        int[] visited = new int[0];
        int stamp;
        final Heap candidates = new Heap();
        final Heap results = new Heap();
        int[] outIds = new int[64];
        float[] outSims = new float[64];
        /** The unvisited links of the node being expanded. */
        final int[] fresh = new int[CAP0];
        /** Kept from {@link GraphSearch#touch}; never read. */
        float touched;

        void newVisit(int n) {
            if (visited.length < n) {
                visited = new int[Math.max(n, visited.length * 3 / 2)];
                stamp = 0;
            }
            stamp++;
            if (stamp == Integer.MAX_VALUE) {
                Arrays.fill(visited, 0);
                stamp = 1;
            }
        }

        /** Marks a node visited; false when it already was. */
        boolean visit(int node) {
            if (visited[node] == stamp) {
                return false;
            }
            visited[node] = stamp;
            return true;
        }

        void ensureOut(int n) {
            if (outIds.length < n) {
                outIds = new int[n];
                outSims = new float[n];
            }
        }
    }

    /** A binary min-heap of (float key, int value). */
    private static final class Heap {
        private float[] keys = new float[128];
        private int[] values = new int[128];
        private int n;

        void clear() {
            n = 0;
        }

        int size() {
            return n;
        }

        float topKey() {
            return keys[0];
        }

        int topValue() {
            return values[0];
        }

        void push(float key, int value) {
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            int i = n++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (keys[p] <= key) {
                    break;
                }
                keys[i] = keys[p];
                values[i] = values[p];
                i = p;
            }
            keys[i] = key;
            values[i] = value;
        }

        void pop() {
            n--;
            if (n == 0) {
                return;
            }
            float key = keys[n];
            int value = values[n];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= n) {
                    break;
                }
                if (c + 1 < n && keys[c + 1] < keys[c]) {
                    c++;
                }
                if (keys[c] >= key) {
                    break;
                }
                keys[i] = keys[c];
                values[i] = values[c];
                i = c;
            }
            keys[i] = key;
            values[i] = value;
        }
    }
}
