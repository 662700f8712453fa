package kindred.clustering;

import java.util.Map;
import java.util.Set;

/**
 * What a clustering pass decided, for the caller to store.
 *
 * @param clusterOfFace   face id → cluster key, for every face whose cluster was set or changed by this pass
 *                        (an incremental add lists only the added faces; a full re-cluster lists every face
 *                        whose key changed)
 * @param newClusters     keys that did not exist before this pass (drawn from the caller's key supplier)
 * @param removedClusters keys that existed before and have no face any more (full re-cluster only)
 */
public record ClusterUpdate(Map<Long, Long> clusterOfFace, Set<Long> newClusters, Set<Long> removedClusters) {
    public ClusterUpdate {
        clusterOfFace = Map.copyOf(clusterOfFace);
        newClusters = Set.copyOf(newClusters);
        removedClusters = Set.copyOf(removedClusters);
    }
}
