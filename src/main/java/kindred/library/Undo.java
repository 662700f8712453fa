package kindred.library;

import kindred.library.PeopleService.UndoPoint;

/**
 * One entry of the library's undo history: a decision (naming, confirming, "not this person", ignoring, merging,
 * hiding, renaming, a drawn or removed face), what it is called, and what puts it back. The use case that makes the
 * decision writes it in the decision's own transaction ({@link UndoLog}); the window's Ctrl+Z and {@code kindred undo}
 * undo the newest entry, whoever made it.
 *
 * @param id          the entry's id in the history (newer entries have larger ids)
 * @param at          when the decision was made, milliseconds since the epoch
 * @param description completes "Undo …" and "Undone: …", e.g. {@code naming 12 faces "Grandma"}
 */
public record Undo(long id, long at, String description, Step step) {

    /** What puts a decision back. */
    public sealed interface Step permits Restore, DeleteDrawnFace, PutBackRemovedFace, Rename, Hide {
    }

    /** The faces and people as they were just before the decision. */
    public record Restore(UndoPoint point) implements Step {
    }

    /** A face the user drew goes again (its region is not suppressed), and the people are put back as they were. */
    public record DeleteDrawnFace(long faceId, UndoPoint point) implements Step {
    }

    /** A face removed as "not a face" comes back as it was. */
    public record PutBackRemovedFace(RemovedFace face) implements Step {
    }

    /** A person renamed from {@code from} to {@code to} is called {@code from} again. */
    public record Rename(String from, String to) implements Step {
    }

    /** A person hidden or shown is {@code hiddenBefore} again. */
    public record Hide(String person, boolean hiddenBefore) implements Step {
    }
}
