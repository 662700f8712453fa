package kindred.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.library.Counted;
import kindred.library.gallery.GalleryExport;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kindred export photos}: galleries out (issue 21). Thin: the use case is {@link GalleryExport}, the one the
 * window's "Export photos…" calls.
 */
@Command(name = "export", description = {"Delivers photos out of the library.",
        "`export photos --person NAME --to DIR` copies a person's photos into a folder of their own, with a manifest."},
        subcommands = {ExportCommand.Photos.class})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Say what to export: `kindred export photos --person NAME --to DIR`.");
    }

    @Command(name = "photos", description = {"Copies the photos of people into a folder per person, with a manifest.",
            "A photo is a person's when a face in it is confirmed as them; a roster's reference photos are left out. A "
                    + "photo's RAW or HEIC twin goes with it. File names are kept; a name already taken by another file "
                    + "is numbered (\"IMG_0001 (2).JPG\"), never overwritten, and a file already there with the same "
                    + "content is left alone, so exporting again into the same folder changes nothing.",
            "DIR gets manifest.json and manifest.csv (each photo, the people in it left to right and their face boxes in "
                    + "pixels) and photos-without-names.csv (the photos of the scope that show nobody named)."})
    static final class Photos implements Callable<Integer> {
        @ParentCommand
        ExportCommand export;

        @Spec
        CommandSpec spec;

        @Option(names = "--person", paramLabel = "NAME", arity = "1..*", required = true,
                description = "Whose photos; several may follow, or repeat it.")
        List<String> people;

        static final class Grouping {
            @Option(names = "--any-of", description = "A folder per person, each with the photos that show them (the default).")
            boolean anyOf;

            @Option(names = "--all-of", description = "One folder for the photos that show all of these people together.")
            boolean allOf;
        }

        @ArgGroup(exclusive = true)
        Grouping grouping;

        @Option(names = "--folder", paramLabel = "SHOOT", description = "Only photos in this folder or the folders inside it.")
        Path folder;

        @Option(names = "--to", paramLabel = "DIR", required = true, description = "The folder to export into (made when absent).")
        Path to;

        static final class Method {
            @Option(names = "--copy", description = "Copies of the files (the default).")
            boolean copy;

            @Option(names = "--link", description = "Symbolic links to the files instead of copies (no captions then).")
            boolean link;
        }

        @ArgGroup(exclusive = true)
        Method method;

        @Option(names = "--captions", description = "Writes the names (\"Ada Lovelace, Alan Turing, left to right\") as the "
                + "caption of each copied JPEG, with their face regions; the originals are never written.")
        boolean captions;

        @Override
        public Integer call() {
            KindredCommand root = export.root;
            boolean link = method != null && method.link;
            if (link && captions) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--captions writes into copies; a link is the original itself. Use --copy (the default) with --captions.");
            }
            GalleryExport.Selection s = new GalleryExport.Selection(people,
                    grouping != null && grouping.allOf ? GalleryExport.Grouping.ALL_OF : GalleryExport.Grouping.EACH_PERSON,
                    folder == null ? null : folder.toAbsolutePath(), to.toAbsolutePath(),
                    link ? GalleryExport.Method.LINK : GalleryExport.Method.COPY, captions);
            GalleryExport.Report r = root.services().galleries().export(s, (done, total) -> { });
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("photos", r.plan().photos());
                m.put("files", r.files().size());
                m.put("files_written", r.written());
                m.put("files_already_there", r.alreadyThere());
                m.put("photos_numbered", r.numbered());
                m.put("captions_written", r.captioned());
                m.put("manifest", r.manifestJson().toString());
                m.put("manifest_csv", r.manifestCsv().toString());
                m.put("galleries", r.plan().galleries().stream().map(g -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("folder", to.toAbsolutePath().resolve(g.folder()).toString());
                    e.put("people", g.people());
                    e.put("photos", g.photos().size());
                    return e;
                }).toList());
                m.put("photos_without_names", r.plan().withoutNames().size());
                m.put("problems", r.problems());
                o.json(m);
                return r.problems().isEmpty() ? 0 : 1;
            }
            for (GalleryExport.Gallery g : r.plan().galleries()) {
                o.line("%-28s  %s", g.folder(), Counted.of(g.photos().size(), "photo"));
            }
            o.line("%s exported into %s: %s written, %s already there%s%s.", Counted.of(r.plan().photos(), "photo"),
                    to.toAbsolutePath(), Counted.of(r.written(), "file"), Counted.of(r.alreadyThere(), "file"),
                    r.numbered() > 0 ? ", " + Counted.of(r.numbered(), "photo") + " numbered (their name was taken)" : "",
                    captions ? ", " + Counted.of(r.captioned(), "caption") + " written" : "");
            o.line("Manifest: %s (and manifest.csv). %s of the scope show nobody named: %s.", r.manifestJson(),
                    Counted.of(r.plan().withoutNames().size(), "photo"), GalleryExport.WITHOUT_NAMES_CSV);
            for (String p : r.problems()) {
                o.line("  not exported: %s", p);
            }
            return r.problems().isEmpty() ? 0 : 1;
        }
    }
}
