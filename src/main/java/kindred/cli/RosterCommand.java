package kindred.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.library.Counted;
import kindred.library.FaceInfo;
import kindred.library.roster.Roster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kindred roster}: a photographer's list of names with a reference photo each (issue 21). Thin: the use case is
 * {@link Roster}, the one the People page's "Import a roster…" calls.
 */
@Command(name = "roster", description = {"Lists the people on the roster: their reference photos and their waiting suggestions.",
        "`roster import PATH` makes people from reference photos; `roster unmatched` lists the faces no one on it matches.",
        "Then `kindred confirm --one-in N` (or --min-confidence X) confirms the suggestions in bulk, and "
                + "`kindred export photos` delivers a folder per person."},
        subcommands = {RosterCommand.Import.class, RosterCommand.Unmatched.class})
final class RosterCommand implements Callable<Integer> {

    @ParentCommand
    KindredCommand root;

    @Override
    public Integer call() {
        List<Roster.RosterPerson> people = root.services().roster().people();
        Output o = root.output();
        if (o.json()) {
            o.json(people.stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", p.name());
                m.put("reference_photos", p.references());
                m.put("confirmed_faces", p.confirmedFaces());
                m.put("waiting_suggestions", p.waiting());
                m.put("lowest_confidence", Double.isNaN(p.lowestConfidence()) ? null : p.lowestConfidence());
                m.put("lowest_one_in", p.waiting() == 0 ? null : p.lowestOneIn());
                return m;
            }).toList());
            return 0;
        }
        if (people.isEmpty()) {
            o.line("No roster yet: `kindred roster import FOLDER` (a sub-folder per person, or photos named by person) "
                    + "or `kindred roster import FILE.csv` (name, photo path).");
            return 0;
        }
        o.line("%-28s  %10s  %9s  %7s  %s", "person", "references", "confirmed", "waiting", "least sure suggestion");
        for (Roster.RosterPerson p : people) {
            o.line("%-28s  %10d  %9d  %7d  %s", p.name(), p.references(), p.confirmedFaces(), p.waiting(),
                    p.waiting() == 0 ? "-" : String.format("1 in %,d someone else", p.lowestOneIn()));
        }
        return 0;
    }

    @Command(name = "import", description = {"Makes people from a roster's reference photos: one confirmed face per photo.",
            "PATH is a folder with a sub-folder per person, a folder of photos named by person (\"Ada Lovelace.jpg\", "
                    + "\"Ada Lovelace 2.jpg\"), or a CSV file of name and photo path (relative to the CSV's folder).",
            "A photo with several faces gives its largest face, and is reported. A name that exists is that person. The "
                    + "photos stay where they are; their folder joins the library and they are marked as references, "
                    + "which gallery exports leave out. Importing the same roster again changes nothing."})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        RosterCommand roster;

        @Parameters(index = "0", paramLabel = "PATH", description = "The roster folder or CSV file.")
        Path source;

        @Override
        public Integer call() throws Exception {
            KindredCommand root = roster.root;
            ProgressBar bar = new ProgressBar(root.err, ProgressBar.terminalAttached());
            Roster.ImportReport r = root.services().roster().importRoster(source.toAbsolutePath(), bar::update);
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("people", r.people());
                m.put("people_created", r.peopleCreated());
                m.put("reference_faces", r.referenceFaces());
                m.put("faces_named", r.facesNamed());
                m.put("photos_indexed", r.photosIndexed());
                m.put("ambiguous", r.ambiguous().stream().map(a -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("person", a.person());
                    e.put("photo", a.photo());
                    e.put("faces", a.faces());
                    e.put("face", a.chosenFace());
                    return e;
                }).toList());
                m.put("problems", r.problems().stream().map(p -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("person", p.person());
                    e.put("photo", p.photo());
                    e.put("reason", p.reason());
                    return e;
                }).toList());
                o.json(m);
                return 0;
            }
            o.line("%s on the roster (%d new), %s: %s named now.", Counted.of(r.people(), "person", "people"),
                    r.peopleCreated(), Counted.of(r.referenceFaces(), "reference face"), Counted.of(r.facesNamed(), "face"));
            for (Roster.Ambiguity a : r.ambiguous()) {
                o.line("  %s: %s has %d faces; the largest (face %d) was taken. If it is the wrong one: "
                        + "`kindred name --face ID \"%s\"` on the right one.", a.person(), a.photo(), a.faces(), a.chosenFace(), a.person());
            }
            for (Roster.Problem p : r.problems()) {
                o.line("  %s%s", p.person() == null ? "" : p.person() + ": ", p.photo() == null ? p.reason() : p.photo() + ": " + p.reason());
            }
            if (r.facesNamed() > 0) {
                o.line("Scan the shoot (`kindred scan FOLDER`), then `kindred suggestions` lists who Kindred found.");
            }
            return 0;
        }
    }

    @Command(name = "unmatched", description = {"Lists the faces no one on the roster matches, by group, for a quick look.",
            "These faces are neither named, suggested for anyone, nor ignored: a group is one person Kindred saw "
                    + "several times (`kindred name --cluster ID NAME` names it); the faces in no group come last."})
    static final class Unmatched implements Callable<Integer> {
        @ParentCommand
        RosterCommand roster;

        @Option(names = "--folder", paramLabel = "SHOOT", description = "Only faces in photos in this folder (the shoot).")
        Path folder;

        @Override
        public Integer call() {
            KindredCommand root = roster.root;
            List<Roster.UnmatchedGroup> groups = root.services().roster().unmatched(folder);
            Output o = root.output();
            if (o.json()) {
                o.json(groups.stream().map(g -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("cluster", g.clusterId());
                    m.put("faces", g.faces().stream().map(FaceInfo::id).toList());
                    m.put("photos", g.photos());
                    return m;
                }).toList());
                return 0;
            }
            int faces = groups.stream().mapToInt(g -> g.faces().size()).sum();
            if (faces == 0) {
                o.line("Every face is named, suggested for someone, or ignored.");
                return 0;
            }
            for (Roster.UnmatchedGroup g : groups) {
                o.line(g.clusterId() == null ? "In no group: %s" : "Group %2$d: %1$s", Counted.of(g.faces().size(), "face"), g.clusterId());
                for (String p : g.photos()) {
                    o.line("    %s", p);
                }
            }
            o.line("%s no one on the roster matches.", Counted.of(faces, "face"));
            return 0;
        }
    }
}
