package kindred.clustering;

/**
 * Every threshold of clustering and matching, with its unit and the measurement that chose it
 * ({@code docs/decisions/0003-clustering.md} has the commands and the numbers). All cosines are between
 * L2-normalised MobileFaceNet embeddings (192 floats, flip-averaged); another embedder needs its own
 * measurement.
 */
public final class PeopleThresholds {

    private PeopleThresholds() {
    }

    /**
     * Faces smaller than this (pixels, the shorter side of the detector's box in the full-resolution photo)
     * are stored and shown but never auto-clustered or suggested: the caller filters them out before
     * {@link FaceClusterIndex}. 48 px is the size below which face embedders trained on 112 px crops lose
     * most of their accuracy (upsampling more than 2.3×); same value as PhotoPrism's MIN_CLUSTER_FACE_PX-style
     * rule. Not yet re-measured on our embedder.
     */
    public static final int MIN_CLUSTER_FACE_PX = 48;

    /**
     * Faces whose quality (0..1, {@code DetectedFace.quality()}: size × sharpness × pose) is below this are not
     * auto-clustered. 0: no quality cut. Measured with {@code kindred.clustering.calibration.QualitySweep} through
     * the product pipeline (2026-11-28): every cut from 0.1 to 0.5 lowered BCubed F (cluster-identities 0.986 →
     * 0.980 … 0.913; library-identities 0.984 → 0.980 … 0.933) while raising precision by at most 0.0014;
     * the size cut ({@link #MIN_CLUSTER_FACE_PX}) and the detector's own threshold already keep junk out.
     */
    public static final double MIN_CLUSTER_QUALITY = 0.0;

    /** Clusters smaller than this (faces) stay out of the main "Unnamed" list until they grow: strangers. */
    public static final int MIN_LISTED_CLUSTER_SIZE = 3;

    /**
     * Cosine two single faces need to be clustered together. Chosen on half of the LFW development people and
     * confirmed on the other half (both halves chose 0.60; worst-of-four BCubed F 0.9855, precision ≥ 0.995).
     */
    public static final double MERGE_COSINE_PAIR = 0.60;

    /**
     * Average cosine over all cross pairs that two large clusters need to be merged. Halves chose 0.45–0.50
     * (flat optimum); 0.48 has the best worst-case precision there. 0.55 would keep siblings (Jeb and George
     * W. Bush) apart at ~0.02 recall.
     */
    public static final double MERGE_COSINE_LARGE = 0.48;

    /**
     * Decay exponent of the merge threshold from {@link #MERGE_COSINE_PAIR} to {@link #MERGE_COSINE_LARGE}
     * with the product of the cluster sizes: 0.5 means {@code t = 0.48 + 0.12 / sqrt(a·b)}. 0.5–1.0 score
     * the same (±0.0005 F); 0 (one constant threshold) either merges strangers or splits frequent people.
     */
    public static final double MERGE_SIZE_DECAY = 0.5;

    /** Nearest neighbours per face used as merge candidates (count). */
    public static final int NEIGHBOURS_PER_FACE = 16;

    /** Neighbours below this cosine are not merge candidates (cosine). */
    public static final double NEIGHBOUR_MIN_COSINE = 0.25;

    /** Up to this many faces the neighbours are found by brute force (exact); above, by HNSW (count). */
    public static final int EXACT_SEARCH_MAX_FACES = 12_000;

    /**
     * The cohesion rule (siblings rule) applies to a merge of two clusters that both have at least this many
     * faces (count). 2: every merge of two groups; single faces joining a cluster are left to the size-dependent
     * threshold. The sweep (2, 3, 5) scored 2 best or equal everywhere (2026-11-28, {@code ClusteringTuner
     * cohesion}).
     */
    public static final int COHESION_MIN_FACES = 2;

    /**
     * Two clusters of at least {@link #COHESION_MIN_FACES} faces merge only when their average linkage is at
     * least this share of the geometric mean of their cohesions (mean cosine among each cluster's own faces):
     * ratio, 0 = off. Measured with {@code MergeAnalysis} on all 1,711 LFW development people: the four wrong
     * merges of two groups (Jeb into George W. Bush, 13 + 518 faces; three stranger pairs) have ratio
     * 0.625–0.684, the 972 right ones ≥ 0.674 (one: Keanu Reeves 9 + 3), then ≥ 0.754. The sweep is flat from 0.65 to 0.75
     * (worst-of-four F within 0.0005); 0.70 leaves the widest margin above the sibling (0.63). Gains: precision
     * on all 111 frequent people 0.9910 → 0.9982, on the whole library 0.9878 → 0.9934.
     */
    public static final double COHESION_RATIO = 0.70;
}
