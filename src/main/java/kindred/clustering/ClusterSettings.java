package kindred.clustering;

/**
 * The knobs of {@link FaceClusterIndex}. Use {@link #DEFAULT}: its values were chosen on LFW development
 * people and checked on other people (see {@code docs/decisions/0003-clustering.md}); other values exist
 * for evaluation and tests.
 *
 * <p>Two clusters A and B (sizes a, b; unit vectors) merge when their <em>average linkage</em>, the
 * mean cosine similarity over all a·b cross pairs, reaches
 * {@code t(a, b) = largeThreshold + (pairThreshold − largeThreshold) · (a·b)^(−sizeDecay)}: two single faces
 * need {@code pairThreshold}; big clusters, whose averages are less noisy, need less. Merges happen best
 * first (highest average linkage), never across a cannot-link, and only between clusters joined by at
 * least one nearest-neighbour edge.
 *
 * @param pairThreshold      cosine two single faces need to be merged (unit: cosine similarity)
 * @param largeThreshold     average cosine two large clusters need (the limit for a·b → ∞)
 * @param sizeDecay          how fast the threshold falls from pair to large with the product of the sizes
 * @param neighbours         nearest neighbours looked up per face to find merge candidates
 * @param neighbourMinCosine neighbours less similar than this are not candidates (cosine)
 * @param exactSearchLimit   up to this many faces, neighbours are found exactly (brute force, deterministic);
 *                           above it with an HNSW index (approximate)
 * @param cohesionMinSize    the cohesion rule applies when both clusters have at least this many faces (count)
 * @param cohesionRatio      two such clusters merge only when their average linkage is at least this share of
 *                           the geometric mean of their own cohesions (mean cosine between a cluster's faces):
 *                           two groups of one person look at each other almost as they look at themselves,
 *                           two siblings do not (ratio; 0 switches the rule off)
 */
public record ClusterSettings(
        double pairThreshold,
        double largeThreshold,
        double sizeDecay,
        int neighbours,
        double neighbourMinCosine,
        int exactSearchLimit,
        int cohesionMinSize,
        double cohesionRatio) {

    /** The product's settings; see {@link PeopleThresholds}. */
    public static final ClusterSettings DEFAULT = new ClusterSettings(
            PeopleThresholds.MERGE_COSINE_PAIR,
            PeopleThresholds.MERGE_COSINE_LARGE,
            PeopleThresholds.MERGE_SIZE_DECAY,
            PeopleThresholds.NEIGHBOURS_PER_FACE,
            PeopleThresholds.NEIGHBOUR_MIN_COSINE,
            PeopleThresholds.EXACT_SEARCH_MAX_FACES,
            PeopleThresholds.COHESION_MIN_FACES,
            PeopleThresholds.COHESION_RATIO);

    public ClusterSettings {
        if (neighbours < 1 || exactSearchLimit < 0 || sizeDecay < 0 || cohesionMinSize < 2 || cohesionRatio < 0) {
            throw new IllegalArgumentException("invalid cluster settings");
        }
    }

    /** Average cosine two clusters of these sizes need to merge. */
    public double mergeThreshold(int sizeA, int sizeB) {
        double product = (double) sizeA * sizeB;
        return largeThreshold + (pairThreshold - largeThreshold) * Math.pow(product, -sizeDecay);
    }

    /**
     * Whether two clusters whose average linkage already reaches {@link #mergeThreshold} also pass the cohesion
     * rule.
     *
     * @param cohesionA mean cosine between the faces of A (ignored for a cluster below {@link #cohesionMinSize})
     */
    public boolean cohesive(int sizeA, int sizeB, double link, double cohesionA, double cohesionB) {
        if (sizeA < cohesionMinSize || sizeB < cohesionMinSize || cohesionRatio <= 0) {
            return true;
        }
        return link >= cohesionRatio * Math.sqrt(Math.max(cohesionA, 1e-6) * Math.max(cohesionB, 1e-6));
    }

    public ClusterSettings withThresholds(double pair, double large, double decay) {
        return new ClusterSettings(pair, large, decay, neighbours, neighbourMinCosine, exactSearchLimit,
                cohesionMinSize, cohesionRatio);
    }

    public ClusterSettings withCohesion(int minSize, double ratio) {
        return new ClusterSettings(pairThreshold, largeThreshold, sizeDecay, neighbours, neighbourMinCosine,
                exactSearchLimit, minSize, ratio);
    }

    public ClusterSettings withExactSearchLimit(int limit) {
        return new ClusterSettings(pairThreshold, largeThreshold, sizeDecay, neighbours, neighbourMinCosine, limit,
                cohesionMinSize, cohesionRatio);
    }

    public ClusterSettings withNeighbours(int k) {
        return new ClusterSettings(pairThreshold, largeThreshold, sizeDecay, k, neighbourMinCosine, exactSearchLimit,
                cohesionMinSize, cohesionRatio);
    }
}
