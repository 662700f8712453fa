package kindred.library;

/**
 * One decision a user made, with the face's assignment just before it (from the {@code decisions} history).
 *
 * @param at               milliseconds since the epoch
 * @param action           name, confirm, reject, ignore or merge
 * @param faceId           the face (null for a merge)
 * @param subjectPersonId  reject: who the face is not; merge: the person merged away
 * @param personBefore     the person the face was assigned to before (null: none)
 * @param stateBefore      unconfirmed, confirmed, ignored, or null
 * @param sourceBefore     auto, manual, imported, or null
 * @param confidenceBefore the suggestion's confidence 0..1, when it was one
 * @param personAfter      the person after (merge: the person kept)
 * @param stateAfter       confirmed, rejected, ignored
 */
public record Decision(long id, long at, String action, Long faceId, Long subjectPersonId, Long personBefore, String stateBefore,
                       String sourceBefore, Double confidenceBefore, Long personAfter, String stateAfter) {

    /** Whether the face was an automatic suggestion (not yet decided) when the user decided. */
    public boolean onSuggestion() {
        return personBefore != null && "auto".equals(sourceBefore) && "unconfirmed".equals(stateBefore);
    }
}
