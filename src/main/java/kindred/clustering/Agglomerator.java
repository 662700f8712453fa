package kindred.clustering;

/**
 * Constrained, sparse average-linkage agglomeration: the heart of {@link FaceClusterIndex}.
 *
 * <p>Nodes are groups of faces (a single new face, or an existing cluster). The average cosine between
 * two groups of unit vectors is {@code dot(sumA, sumB) / (a·b)}, so each node keeps the sum of its
 * vectors and a linkage costs one dot product, whatever the sizes. Only node pairs joined by a
 * nearest-neighbour edge are candidates. Fixed nodes (existing clusters) may absorb others but never
 * merge with each other. A merge that would put two conflicting faces (same photo, or a cannot-link)
 * together is refused. Deterministic: ties are broken by node number.
 *
 * <p>One run; not reusable, not thread-safe.
 */
final class Agglomerator {

    /** What the agglomerator needs to know about faces. */
    interface Faces {
        float[] vector(int face);

        /** Faces that must never share a cluster with {@code face}; calls {@code sink} for each. */
        void forEachConflict(int face, java.util.function.IntConsumer sink);
    }

    private final ClusterSettings settings;
    private final Faces faces;
    private final int dims;
    /** face number → node it started in, or −1 when the face is not part of this run */
    private final int[] nodeOfFace;

    private int count;
    private int[] parent;
    private int[] size;
    private int[] version;
    private boolean[] fixed;
    private boolean[] ownsSum;
    private float[][] sum;
    private IntList[] members;
    private IntList[] adjacent;

    /** For evaluation: told of every merge (the two roots, their sizes, the linkage), or null. */
    interface MergeListener {
        void merged(IntList membersA, IntList membersB, double link);
    }

    MergeListener listener;

    private int[] stamp;
    // run(): per root, its best eligible partner (−1: none), their linkage, both versions when computed
    private int[] bestPartner;
    private double[] bestLink;
    private int[] bestVersionSelf;
    private int[] bestVersionPartner;
    /** per root: pairs (partner, partner's version) found in conflict since the root last changed */
    private IntList[] conflicts;
    private int[] heap;
    private int[] heapPos;
    private int heapSize;
    private int stampValue;

    Agglomerator(ClusterSettings settings, Faces faces, int dims, int totalFaces, int expectedNodes) {
        this.settings = settings;
        this.faces = faces;
        this.dims = dims;
        this.nodeOfFace = new int[totalFaces];
        java.util.Arrays.fill(nodeOfFace, -1);
        int cap = Math.max(expectedNodes, 4);
        parent = new int[cap];
        size = new int[cap];
        version = new int[cap];
        fixed = new boolean[cap];
        ownsSum = new boolean[cap];
        sum = new float[cap][];
        members = new IntList[cap];
        adjacent = new IntList[cap];
    }

    /**
     * Adds a node.
     *
     * @param memberFaces the faces (not copied; owned by the agglomerator afterwards)
     * @param vectorSum   sum of their unit vectors; for one face its own vector (then it is never written)
     * @param isFixed     whether this is an existing cluster that may not merge with another fixed one
     */
    int addNode(IntList memberFaces, float[] vectorSum, boolean isFixed) {
        if (count == parent.length) {
            grow();
        }
        int id = count++;
        parent[id] = id;
        size[id] = memberFaces.size();
        fixed[id] = isFixed;
        sum[id] = vectorSum;
        ownsSum[id] = false;
        members[id] = memberFaces;
        for (int i = 0; i < memberFaces.size(); i++) {
            nodeOfFace[memberFaces.get(i)] = id;
        }
        return id;
    }

    int nodeOfFace(int face) {
        int n = nodeOfFace[face];
        return n < 0 ? -1 : find(n);
    }

    /** Declares that faces {@code a} and {@code b} are near neighbours (both must be in nodes). */
    void addFaceEdge(int faceA, int faceB) {
        int a = nodeOfFace[faceA];
        int b = nodeOfFace[faceB];
        if (a < 0 || b < 0 || a == b || (fixed[a] && fixed[b])) {
            return;
        }
        adj(a).add(b);
        adj(b).add(a);
    }

    /**
     * Runs the agglomeration to the end: repeatedly merges the best eligible pair of adjacent roots (highest
     * linkage, ties by the smaller then the larger node number) until none is left.
     *
     * <p>Each root keeps one entry in an indexed heap: its best eligible partner and their linkage. An entry is
     * exact or an upper bound of the root's true best: after a merge the merged root is recomputed and each of its
     * neighbours is offered the new root (raising its entry when better), so a neighbour whose partner was
     * merged away keeps an entry at least as high as its true best; such a stale entry is recomputed when it
     * reaches the top. A valid entry on top is therefore the global best pair, exactly the pair a queue of
     * every candidate would pop ({@code ReferenceAgglomerator}, {@code AgglomeratorTest}). A pair found in
     * conflict is remembered on both roots until one of them changes. Memory: O(nodes + edges), not
     * O(merges × neighbours) as with a queue of stale candidates.
     */
    void run() {
        stamp = new int[count];
        bestPartner = new int[count];
        bestLink = new double[count];
        bestVersionSelf = new int[count];
        bestVersionPartner = new int[count];
        heap = new int[count];
        heapPos = new int[count];
        conflicts = new IntList[count];
        java.util.Arrays.fill(bestPartner, -1);
        java.util.Arrays.fill(heapPos, -1);
        for (int a = 0; a < count; a++) {
            IntList nb = dedupe(a);
            for (int i = 0; i < nb.size(); i++) {
                int b = nb.get(i);
                if (a < b) {
                    double link = eligibleLink(a, b);
                    if (!Double.isNaN(link)) {
                        consider(a, b, link);
                        consider(b, a, link);
                    }
                }
            }
        }
        for (int a = 0; a < count; a++) {
            if (bestPartner[a] >= 0) {
                heapInsert(a);
            }
        }
        while (heapSize > 0) {
            int r = heap[0];
            int p = bestPartner[r];
            if (parent[p] != p || version[p] != bestVersionPartner[r] || version[r] != bestVersionSelf[r]) {
                recompute(r);
                continue;
            }
            int a = Math.min(r, p);
            int b = Math.max(r, p);
            if (conflict(a, b)) {
                rememberConflict(r, p);
                rememberConflict(p, r);
                recompute(r);
                if (bestPartner[p] == r) {
                    recompute(p);
                }
                continue;
            }
            if (listener != null) {
                listener.merged(members[a], members[b], bestLink[r]);
            }
            merge(a, b);
        }
    }

    /** Linkage of two roots when they may merge (threshold, cohesion, not both fixed, no known conflict), else NaN. */
    private double eligibleLink(int a, int b) {
        if (fixed[a] && fixed[b] || knownConflict(a, b)) {
            return Double.NaN;
        }
        double link = NeighbourSearch.dot(sum[a], sum[b]) / ((double) size[a] * size[b]);
        if (link >= settings.mergeThreshold(size[a], size[b])
                && (Math.min(size[a], size[b]) < settings.cohesionMinSize()
                    || settings.cohesive(size[a], size[b], link, cohesion(a), cohesion(b)))) {
            return link;
        }
        return Double.NaN;
    }

    /** Makes {@code p} the best partner of {@code r} when the pair ranks above r's current entry; true if so. */
    private boolean consider(int r, int p, double link) {
        int q = bestPartner[r];
        if (q >= 0 && !ranksAbove(link, Math.min(r, p), Math.max(r, p), bestLink[r], Math.min(r, q), Math.max(r, q))) {
            return false;
        }
        bestPartner[r] = p;
        bestLink[r] = link;
        bestVersionSelf[r] = version[r];
        bestVersionPartner[r] = version[p];
        return true;
    }

    /** Best first: higher linkage, then smaller first node, then smaller second node (the old queue's order). */
    private static boolean ranksAbove(double link, int lo, int hi, double otherLink, int otherLo, int otherHi) {
        int c = Double.compare(link, otherLink);
        if (c != 0) {
            return c > 0;
        }
        return lo != otherLo ? lo < otherLo : hi < otherHi;
    }

    /** The exact best partner of root {@code r}; updates its heap entry. */
    private void recompute(int r) {
        bestPartner[r] = -1;
        IntList nb = dedupe(r);
        for (int i = 0; i < nb.size(); i++) {
            int x = nb.get(i);
            double link = eligibleLink(r, x);
            if (!Double.isNaN(link)) {
                consider(r, x, link);
            }
        }
        heapUpdate(r);
    }

    private void rememberConflict(int r, int p) {
        IntList l = conflicts[r];
        if (l == null) {
            l = new IntList(2);
            conflicts[r] = l;
        }
        int w = 0;
        for (int i = 0; i < l.size(); i += 2) { // drop pairs whose partner has changed since
            int q = l.get(i);
            if (parent[q] == q && l.get(i + 1) == version[q]) {
                l.set(w++, q);
                l.set(w++, l.get(i + 1));
            }
        }
        l.truncate(w);
        l.add(p);
        l.add(version[p]);
    }

    /** Whether roots a and b were found in conflict and neither has changed since. */
    private boolean knownConflict(int a, int b) {
        IntList l = conflicts[a];
        if (l == null) {
            return false;
        }
        for (int i = 0; i < l.size(); i += 2) {
            if (l.get(i) == b && l.get(i + 1) == version[b]) {
                return true;
            }
        }
        return false;
    }

    int find(int node) {
        int r = node;
        while (parent[r] != r) {
            r = parent[r];
        }
        while (parent[node] != r) {
            int next = parent[node];
            parent[node] = r;
            node = next;
        }
        return r;
    }

    int nodeCount() {
        return count;
    }

    boolean isRoot(int node) {
        return parent[node] == node;
    }

    boolean isFixed(int node) {
        return fixed[node];
    }

    IntList members(int root) {
        return members[root];
    }

    /** Sum of the member vectors of a root node (may be a face's own vector for a single face). */
    float[] sum(int root) {
        return sum[root];
    }

    private IntList adj(int node) {
        IntList l = adjacent[node];
        if (l == null) {
            l = new IntList(4);
            adjacent[node] = l;
        }
        return l;
    }

    /** Resolves the node's neighbour list to current roots, without duplicates or itself. */
    private IntList dedupe(int node) {
        IntList l = adjacent[node];
        if (l == null) {
            return new IntList(0);
        }
        stampValue++;
        stamp[node] = stampValue;
        int w = 0;
        for (int i = 0; i < l.size(); i++) {
            int r = find(l.get(i));
            if (stamp[r] != stampValue) {
                stamp[r] = stampValue;
                l.set(w++, r);
            }
        }
        l.truncate(w);
        return l;
    }

    /** Mean cosine between the distinct faces of a node (1 for a single face): (|sum|² − n) / (n(n − 1)). */
    private double cohesion(int node) {
        int n = size[node];
        if (n < 2) {
            return 1;
        }
        return (NeighbourSearch.dot(sum[node], sum[node]) - n) / ((double) n * (n - 1));
    }

    private boolean conflict(int a, int b) {
        int small = size[a] <= size[b] ? a : b;
        int other = small == a ? b : a;
        IntList m = members[small];
        boolean[] hit = new boolean[1];
        for (int i = 0; i < m.size() && !hit[0]; i++) {
            faces.forEachConflict(m.get(i), f -> {
                if (!hit[0] && nodeOfFace[f] >= 0 && find(nodeOfFace[f]) == other) {
                    hit[0] = true;
                }
            });
        }
        return hit[0];
    }

    private void merge(int a, int b) {
        int keep = size[a] > size[b] || (size[a] == size[b] && a < b) ? a : b;
        int gone = keep == a ? b : a;
        float[] s;
        if (ownsSum[keep]) {
            s = sum[keep];
        } else {
            s = sum[keep].clone();
            ownsSum[keep] = true;
        }
        float[] g = sum[gone];
        for (int i = 0; i < dims; i++) {
            s[i] += g[i];
        }
        sum[keep] = s;
        sum[gone] = null;
        size[keep] += size[gone];
        fixed[keep] |= fixed[gone];
        members[keep].addAll(members[gone]);
        members[gone] = null;
        parent[gone] = keep;
        version[keep]++;
        version[gone]++;
        IntList adjKeep = adj(keep);
        IntList adjGone = adjacent[gone];
        if (adjGone != null) {
            adjKeep.addAll(adjGone);
            adjacent[gone] = null;
        }
        conflicts[keep] = null;
        conflicts[gone] = null;
        heapRemove(gone);
        heapRemove(keep);
        bestPartner[gone] = -1;
        bestPartner[keep] = -1;
        IntList nb = dedupe(keep);
        for (int i = 0; i < nb.size(); i++) {
            int x = nb.get(i);
            double link = eligibleLink(keep, x);
            if (!Double.isNaN(link)) {
                consider(keep, x, link);
                if (consider(x, keep, link)) {
                    heapUpdate(x);
                }
            }
        }
        heapUpdate(keep);
    }

    // ------------------------------------------------------------------ indexed max-heap of roots by best pair

    private boolean heapAbove(int r, int s) {
        int p = bestPartner[r];
        int q = bestPartner[s];
        return ranksAbove(bestLink[r], Math.min(r, p), Math.max(r, p), bestLink[s], Math.min(s, q), Math.max(s, q));
    }

    private void heapInsert(int r) {
        heap[heapSize] = r;
        heapPos[r] = heapSize++;
        siftUp(heapPos[r]);
    }

    /** After r's entry changed: inserts, moves or removes it (no partner: removed). */
    private void heapUpdate(int r) {
        if (bestPartner[r] < 0) {
            heapRemove(r);
        } else if (heapPos[r] < 0) {
            heapInsert(r);
        } else {
            siftDown(siftUp(heapPos[r]));
        }
    }

    private void heapRemove(int r) {
        int i = heapPos[r];
        if (i < 0) {
            return;
        }
        heapPos[r] = -1;
        int last = heap[--heapSize];
        if (i < heapSize) {
            heap[i] = last;
            heapPos[last] = i;
            siftDown(siftUp(i));
        }
    }

    private int siftUp(int i) {
        int r = heap[i];
        while (i > 0) {
            int up = (i - 1) >>> 1;
            if (!heapAbove(r, heap[up])) {
                break;
            }
            heap[i] = heap[up];
            heapPos[heap[i]] = i;
            i = up;
        }
        heap[i] = r;
        heapPos[r] = i;
        return i;
    }

    private void siftDown(int i) {
        int r = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= heapSize) {
                break;
            }
            if (c + 1 < heapSize && heapAbove(heap[c + 1], heap[c])) {
                c++;
            }
            if (!heapAbove(heap[c], r)) {
                break;
            }
            heap[i] = heap[c];
            heapPos[heap[i]] = i;
            i = c;
        }
        heap[i] = r;
        heapPos[r] = i;
    }

    private void grow() {
        int cap = parent.length * 2;
        parent = java.util.Arrays.copyOf(parent, cap);
        size = java.util.Arrays.copyOf(size, cap);
        version = java.util.Arrays.copyOf(version, cap);
        fixed = java.util.Arrays.copyOf(fixed, cap);
        ownsSum = java.util.Arrays.copyOf(ownsSum, cap);
        sum = java.util.Arrays.copyOf(sum, cap);
        members = java.util.Arrays.copyOf(members, cap);
        adjacent = java.util.Arrays.copyOf(adjacent, cap);
    }
}
