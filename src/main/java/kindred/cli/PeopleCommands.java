package kindred.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kindred.library.Counted;
import kindred.library.people.People;
import kindred.library.PeopleService.NameResult;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PeopleService.PhotoHit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The people commands: thin wrappers over {@link People}. */
final class PeopleCommands {

    private PeopleCommands() {
    }

    @Command(name = "people", description = "Named people and unnamed clusters (groups of faces of one unnamed person), largest first.")
    static final class List_ implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Option(names = "--min-faces", paramLabel = "N", defaultValue = "1",
                description = "Only clusters with at least N faces (default ${DEFAULT-VALUE}; the window lists 3 and more).")
        int minFaces;

        @Option(names = "--hidden", description = "Include hidden people.")
        boolean hidden;

        @Option(names = "--limit", paramLabel = "N", description = "At most N entries (default: all).")
        Integer limit;

        @Option(names = "--offset", paramLabel = "N", defaultValue = "0",
                description = "Skip the first N entries (named people first, then clusters; default ${DEFAULT-VALUE}).")
        int offset;

        @Override
        public Integer call() {
            if (offset < 0 || (limit != null && limit < 0)) {
                throw new KindredCommand.UserError("--limit and --offset must not be negative.");
            }
            People p = root.services().people();
            List<PersonSummary> named = p.people(hidden);
            List<PersonSummary> all = new java.util.ArrayList<>();
            int want = limit == null ? Integer.MAX_VALUE : limit;
            if (offset < named.size()) {
                all.addAll(named.subList(offset, (int) Math.min(named.size(), (long) offset + want)));
            }
            if (all.size() < want) {
                // Clusters after the named people; a page of them, not all 52,500 of a large library, when a limit is given.
                all.addAll(p.clusters(minFaces, Math.max(0, offset - named.size()), want - all.size()).items());
            }
            Output o = root.output();
            if (o.json()) {
                o.json(all.stream().map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", s.id());
                    m.put("name", s.name());
                    m.put("kind", s.kind());
                    m.put("faces", s.faces());
                    m.put("photos", s.photos());
                    m.put("hidden", s.hidden());
                    return m;
                }).toList());
            } else {
                for (PersonSummary s : all) {
                    o.line("%-8s %6d  %-30s %5d %-5s in %5d %s%s", s.kind(), s.id(),
                            s.name() == null ? "(unnamed)" : s.name(), s.faces(), Counted.noun(s.faces(), "face"), s.photos(),
                            Counted.noun(s.photos(), "photo"), s.hidden() ? "  (hidden)" : "");
                }
                if (all.isEmpty()) {
                    o.line("No people or clusters yet: run `kindred scan FOLDER` first.");
                }
            }
            return 0;
        }
    }

    static final class Target {
        @Option(names = "--face", paramLabel = "ID", required = true, description = "One face (ids from `kindred faces`).")
        Long face;

        @Option(names = "--cluster", paramLabel = "ID", required = true, description = "Every face of a cluster (ids from `kindred people`).")
        Long cluster;
    }

    @Command(name = "name", description = "Names a face or a whole cluster (creates the person if new); named faces become confirmed.")
    static final class Name implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Parameters(paramLabel = "NAME", arity = "1..*", description = "The person's name.")
        List<String> name;

        @Override
        public Integer call() {
            People p = root.services().people();
            String n = String.join(" ", name);
            NameResult r = (target.face != null ? p.nameFace(target.face, n) : p.nameCluster(target.cluster, n)).result();
            Output o = root.output();
            if (o.json()) {
                o.json(Map.of("person", r.person(), "faces_named", r.facesNamed()));
            } else {
                o.line("Named %s %s.", Counted.of(r.facesNamed(), "face"), r.person());
            }
            return 0;
        }
    }

    @Command(name = "merge", description = "Merges two people: every face of A becomes B's.")
    static final class Merge implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Option(names = "--person", paramLabel = "A", required = true, description = "The person whose faces move.")
        String from;

        @Option(names = "--into", paramLabel = "B", required = true, description = "The person who keeps them (and the name).")
        String into;

        @Override
        public Integer call() {
            NameResult r = root.services().people().merge(from, into).result();
            Output o = root.output();
            if (o.json()) {
                o.json(Map.of("person", r.person(), "faces", r.facesNamed()));
            } else {
                o.line("%s merged into %s, who now has %s.", from, r.person(), Counted.of(r.facesNamed(), "confirmed face"));
            }
            return 0;
        }
    }

    @Command(name = "search", description = "Photos that show all the named people (--any: at least one of them).")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Option(names = "--person", paramLabel = "NAME", required = true, description = "A person; repeat for several.")
        List<String> people;

        @Option(names = "--any", description = "Photos with at least one of them.")
        boolean any;

        @Override
        public Integer call() {
            List<PhotoHit> hits = root.services().people().search(people, any);
            Output o = root.output();
            // An identical copy in another place is the same photo: counted once, both places listed (issue 18).
            java.util.Map<Long, List<String>> copies = root.services().queries().copies();
            java.util.function.Function<PhotoHit, List<String>> elsewhere = h -> copies.getOrDefault(h.photoId(), List.of());
            if (o.json()) {
                o.json(hits.stream().map(h -> Map.of("photo", h.path(), "people", h.people(), "also_at", elsewhere.apply(h))).toList());
            } else {
                for (PhotoHit h : hits) {
                    o.line("%s  (%s)", h.path(), String.join(", ", h.people()));
                    for (String c : elsewhere.apply(h)) {
                        o.line("    also at %s", c);
                    }
                }
                o.line("%s.", Counted.of(hits.size(), "photo"));
            }
            return 0;
        }
    }

    @Command(name = "forget", description = {"Erases everything biometric about a person: faces, embeddings and assignments.",
            "The photos stay, and the next scan does not find those faces again."})
    static final class Forget implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Option(names = "--person", paramLabel = "NAME", required = true, description = "The person to forget.")
        String person;

        @Override
        public Integer call() {
            People.ForgetResult r = root.services().people().forgetPerson(person);
            Output o = root.output();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("person", r.person());
                m.put("faces_erased", r.facesErased());
                m.put("backups_scrubbed", r.backupsScrubbed());
                m.put("problems", r.problems());
                o.json(m);
            } else {
                o.line("Forgot %s: %s erased. The photos are untouched.", r.person(), Counted.of(r.facesErased(), "face"));
                if (r.backupsScrubbed() > 0) {
                    o.line("Also erased from %s. The privacy log (`kindred log`) records that a person was "
                            + "forgotten, not who.", Counted.of(r.backupsScrubbed(), "older backup"));
                }
                r.problems().forEach(p -> root.err.println("kindred: " + p));
            }
            return 0;
        }
    }

    @Command(name = "recluster", description = "Clusters every unnamed face again from scratch; names and decisions are kept.")
    static final class Recluster implements Callable<Integer> {
        @ParentCommand
        KindredCommand root;

        @Override
        public Integer call() {
            int clusters = root.services().people().reclusterAll();
            Output o = root.output();
            if (o.json()) {
                o.json(Map.of("clusters", clusters));
            } else {
                o.line("%s.", Counted.of(clusters, "cluster"));
            }
            return 0;
        }
    }
}
