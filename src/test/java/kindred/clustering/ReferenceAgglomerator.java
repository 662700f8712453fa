package kindred.clustering;

import java.util.PriorityQueue;

/**
 * The first {@link Agglomerator} (until 2026-11-28), kept as the reference its replacement must agree with merge
 * for merge ({@code AgglomeratorTest}): every merge re-offers a candidate for every neighbour and stale candidates
 * stay in the queue, so the queue grows with merges × neighbours (out of heap at 300,000 faces).
 *
 * <p>Constrained, sparse average-linkage agglomeration: the heart of {@link FaceClusterIndex}.
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
final class ReferenceAgglomerator {

    private final ClusterSettings settings;
    private final Agglomerator.Faces faces;
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

    Agglomerator.MergeListener listener;

    private final PriorityQueue<Candidate> queue = new PriorityQueue<>();
    private int[] stamp;
    private int stampValue;

    ReferenceAgglomerator(ClusterSettings settings, Agglomerator.Faces faces, int dims, int totalFaces, int expectedNodes) {
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

    /** Runs the agglomeration to the end. */
    void run() {
        stamp = new int[count];
        for (int a = 0; a < count; a++) {
            IntList nb = dedupe(a);
            for (int i = 0; i < nb.size(); i++) {
                int b = nb.get(i);
                if (a < b) {
                    offer(a, b);
                }
            }
        }
        Candidate c;
        while ((c = queue.poll()) != null) {
            if (parent[c.a] != c.a || parent[c.b] != c.b || version[c.a] != c.versionA || version[c.b] != c.versionB) {
                continue;
            }
            if (conflict(c.a, c.b)) {
                continue;
            }
            if (listener != null) {
                listener.merged(members[c.a], members[c.b], c.link);
            }
            merge(c.a, c.b);
        }
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

    private void offer(int a, int b) {
        if (fixed[a] && fixed[b]) {
            return;
        }
        double link = NeighbourSearch.dot(sum[a], sum[b]) / ((double) size[a] * size[b]);
        if (link >= settings.mergeThreshold(size[a], size[b])
                && (Math.min(size[a], size[b]) < settings.cohesionMinSize()
                    || settings.cohesive(size[a], size[b], link, cohesion(a), cohesion(b)))) {
            queue.add(new Candidate(link, Math.min(a, b), Math.max(a, b), version[Math.min(a, b)], version[Math.max(a, b)]));
        }
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
        IntList nb = dedupe(keep);
        for (int i = 0; i < nb.size(); i++) {
            offer(keep, nb.get(i));
        }
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

    /** A possible merge; best linkage first, ties by node numbers. */
    private record Candidate(double link, int a, int b, int versionA, int versionB) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            int c = Double.compare(o.link, link);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a, o.a);
            return c != 0 ? c : Integer.compare(b, o.b);
        }
    }
}
