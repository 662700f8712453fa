package kindred.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.application.Kindred;
import kindred.library.Counted;
import kindred.library.FolderInfo;
import kindred.library.LibraryFolders;
import kindred.library.LibraryStore.FolderUsage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kindred folders}: the library's folders, and pointing one at its new place or dropping it. */
@Command(name = "folders", description = {"Lists the library's folders with their photos and whether each is there.",
        "`folders move OLD NEW` points a folder at its new place (a new drive or mount point, a renamed parent) and keeps "
                + "every face, name and decision; `folders remove PATH` drops a folder after saying what it will forget."},
        subcommands = {FoldersCommand.Move.class, FoldersCommand.Remove.class})
final class FoldersCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Override
    public Integer call() {
        List<FolderInfo> folders = root.services().folders().list();
        Output o = root.output();
        if (o.json()) {
            o.json(folders.stream().map(f -> Map.of("path", f.path(), "photos", f.photos(),
                    "state", f.present() ? "present" : "offline")).toList());
        } else if (folders.isEmpty()) {
            o.line("No folders yet: `kindred scan FOLDER` adds one.");
        } else {
            for (FolderInfo f : folders) {
                o.line("%-8s %10s  %s", f.present() ? "present" : "offline", Counted.of(f.photos(), "photo"), f.path());
            }
            if (folders.stream().anyMatch(f -> !f.present())) {
                o.line("An offline folder (its drive or share not connected) keeps its photos, faces and names; if it moved, `kindred folders move OLD NEW`.");
            }
        }
        return 0;
    }

    @Command(name = "move", description = {"Points a folder of the library at its new place, keeping every face, name and decision.",
            "Photos keep their faces; the ones not found at the new place are marked missing until a scan of it."})
    static final class Move implements Callable<Integer> {
        @ParentCommand
        FoldersCommand folders;

        @Parameters(index = "0", paramLabel = "OLD", description = "The folder as the library knows it (`kindred folders` lists them).")
        Path from;

        @Parameters(index = "1", paramLabel = "NEW", description = "Where it is now.")
        Path to;

        @Override
        public Integer call() {
            KindredCommand root = folders.root;
            LibraryFolders.Moved m = root.services().folders().move(from, to);
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("from", m.from());
                out.put("to", m.to());
                out.put("photos_moved", m.photosMoved());
                out.put("photos_there", m.photosThere());
                o.json(out);
            } else {
                o.line("%s now points at %s: %s moved, %s found there.", m.from(), m.to(), Counted.of(m.photosMoved(), "photo"),
                        Counted.of(m.photosThere(), "photo"));
                if (m.photosThere() < m.photosMoved()) {
                    o.line("The others are marked missing until `kindred scan %s` finds them.", m.to());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", description = {"Drops a folder from the library after saying what it will forget.",
            "Without --yes it only says what would go: its photos' faces, their embeddings and the names on them; the "
                    + "photos on disk and the people stay."})
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        FoldersCommand folders;

        @Parameters(index = "0", paramLabel = "PATH", description = "The folder as the library knows it (`kindred folders` lists them).")
        Path folder;

        @Option(names = "--yes", description = "Drop it (without it, nothing is changed).")
        boolean yes;

        @Override
        public Integer call() {
            KindredCommand root = folders.root;
            Kindred s = root.services();
            FolderUsage u = s.folders().usage(folder).orElseThrow(() -> new kindred.library.LibraryException(
                    folder + " is not a folder of the library. `kindred folders` lists them."));
            if (yes) {
                u = s.folders().remove(folder);
            }
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("folder", folder.toAbsolutePath().normalize().toString());
                out.put("removed", yes);
                out.put("photos", u.photos());
                out.put("faces", u.faces());
                out.put("confirmed_faces", u.confirmedFaces());
                out.put("people", u.people());
                o.json(out);
            } else {
                String what = Counted.of(u.photos(), "photo") + ", " + Counted.of(u.faces(), "face") + " and their embeddings, "
                        + Counted.of(u.confirmedFaces(), "confirmed name") + (u.people().isEmpty() ? "" : " (" + String.join(", ", u.people()) + ")");
                if (yes) {
                    o.line("Forgot %s. The photos on disk were not touched; the people stay.", what);
                } else {
                    o.line("Removing %s would forget %s. The photos on disk and the people stay.", folder, what);
                    o.line("Run `kindred folders remove --yes %s` to do it.", folder);
                }
            }
            return 0;
        }
    }
}
