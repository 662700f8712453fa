package kindred.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import kindred.library.Undo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kindred undo}: a thin adapter over the undo history the window shares. */
@Command(name = "undo", description = {"Undoes the newest decision, made here or in the window, and says what it undid.",
        "Naming, confirming, rejecting, ignoring, merging, hiding, renaming, and drawn or removed faces can be undone; forgetting cannot."})
final class UndoCommand implements Callable<Integer> {
    @ParentCommand
    KindredCommand root;

    @Override
    public Integer call() {
        Undo undone = root.services().people().undoLast().orElseThrow(() -> new KindredCommand.UserError(
                "There is nothing to undo: no decision has been made since the library was created or a person was forgotten."));
        Output o = root.output();
        if (o.json()) {
            o.json(Map.of("undone", undone.description()));
        } else {
            o.line("Undone: %s.", undone.description());
        }
        return 0;
    }
}
