package kindred.clustering;

/**
 * Two faces that must never end up in one cluster, e.g. a face the user rejected for a person, paired
 * with each of that person's confirmed faces. Order does not matter. (Faces of one photo need no
 * explicit link: {@link FaceVector#photoId()} already keeps them apart.)
 */
public record CannotLink(long faceA, long faceB) {
}
