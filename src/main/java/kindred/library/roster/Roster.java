package kindred.library.roster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.IndexProgress;
import kindred.library.LibraryException;
import kindred.library.LibraryQueries;
import kindred.library.MissingFolderException;
import kindred.library.PeopleService;
import kindred.library.PeopleService.PersonSummary;
import kindred.library.PeopleService.Suggestion;
import kindred.library.ReferencePhotos;
import kindred.library.StoredPhoto;
import kindred.library.scan.LibraryScan;
import kindred.model.State;

/**
 * A photographer's roster in the library (issue 21): the names on it, each with reference photos, become people with
 * one confirmed face per reference photo, so that the faces of a shoot scanned before or after are suggested for
 * them. `kindred roster import` and the People page's "Import a roster…" both call {@link #importRoster}.
 *
 * <p>Rules: a reference photo gives its person the only face in it, else the largest (and says so: {@link Ambiguity});
 * a person whose name exists is that person (names compare without case), never a second one; the reference photos
 * are indexed where they are (their folder joins the library) and marked as references, so that no gallery delivers
 * them; importing the same roster again changes nothing (no decision, no undo entry). Thread-safe as the use cases it
 * calls are; one import at a time is expected.
 */
public final class Roster {

    private final LibraryScan scans;
    private final PeopleService people;
    private final LibraryQueries queries;
    private final ReferencePhotos references;

    public Roster(LibraryScan scans, PeopleService people, LibraryQueries queries, ReferencePhotos references) {
        this.scans = scans;
        this.people = people;
        this.queries = queries;
        this.references = references;
    }

    /** A reference photo with several faces: the largest was taken; the others were left as they were. */
    public record Ambiguity(String person, String photo, int faces, long chosenFace) {
    }

    /** A reference photo that gave its person no face, and why. */
    public record Problem(String person, String photo, String reason) {
    }

    /**
     * What an import did.
     *
     * @param people         names on the roster that have a reference face now
     * @param peopleCreated  of those, people who did not exist before
     * @param referenceFaces faces that are a roster person's reference now (named by this import or an earlier one)
     * @param facesNamed     faces this import named (0 when the same roster is imported again)
     * @param photosIndexed  reference photos indexed by this import (0 when they were already)
     * @param ambiguous      reference photos with more than one face
     * @param problems       reference photos (or roster lines) that gave no face, and why
     */
    public record ImportReport(int people, int peopleCreated, int referenceFaces, int facesNamed, int photosIndexed,
                               List<Ambiguity> ambiguous, List<Problem> problems) {
    }

    /**
     * Reads the roster at {@code source} (a folder or a CSV file: {@link RosterFile}), indexes its photos, and names
     * one face in each.
     *
     * @param progress told from worker threads as the reference photos are indexed
     * @throws LibraryException when the roster holds no reference photo
     */
    public ImportReport importRoster(Path source, Consumer<IndexProgress> progress) throws InterruptedException {
        RosterFile.Read read = RosterFile.read(source);
        List<Problem> problems = new ArrayList<>();
        read.problems().forEach(p -> problems.add(new Problem(null, null, p)));
        if (read.entries().isEmpty()) {
            throw new LibraryException("No reference photo in " + source.toAbsolutePath() + (read.problems().isEmpty() ? ""
                    : " (" + read.problems().get(0) + ")") + ". A roster is a folder with a sub-folder per person, photos "
                    + "named by person (\"Ada Lovelace.jpg\"), or a CSV file of name and photo path.");
        }
        List<RosterFile.Entry> entries = new ArrayList<>();
        for (RosterFile.Entry e : read.entries()) {
            try {
                entries.add(new RosterFile.Entry(e.name(), e.photo().toRealPath()));
            } catch (IOException ex) {
                problems.add(new Problem(e.name(), e.photo().toString(), "cannot be read (" + ex.getMessage() + ")"));
            }
        }
        LibraryScan.Report scanned;
        try {
            // A folder roster joins the library as one folder; a CSV's photos are scanned one by one where they are.
            List<Path> roots = java.nio.file.Files.isDirectory(source) ? List.of(source.toRealPath())
                    : entries.stream().map(RosterFile.Entry::photo).distinct().toList();
            scanned = scans.run(roots, progress, run -> { });
        } catch (MissingFolderException | IOException e) {
            throw new LibraryException("The roster " + source + " went away while it was read (" + e.getMessage() + ").");
        }

        Set<String> existedBefore = new java.util.HashSet<>();
        for (PersonSummary p : people.people(true)) {
            existedBefore.add(key(p.name()));
        }
        // Per person (in roster order): the faces to name now, and the photos whose reference face they have already.
        Map<String, String> spelled = new LinkedHashMap<>();
        Map<String, List<Long>> toName = new LinkedHashMap<>();
        Map<String, Set<Long>> photosOf = new LinkedHashMap<>();
        Map<String, Integer> referenceFaces = new HashMap<>();
        List<Ambiguity> ambiguous = new ArrayList<>();
        Map<Long, String> claimedBy = new HashMap<>(); // face -> person of this roster who takes it
        for (RosterFile.Entry e : entries) {
            String name = e.name().strip().replaceAll("\\s+", " ");
            String k = key(name);
            spelled.putIfAbsent(k, name);
            String path = e.photo().toString();
            Optional<StoredPhoto> photo = queries.photo(path);
            if (photo.isEmpty() || !"indexed".equals(photo.get().status())) {
                problems.add(new Problem(name, path, photo.isPresent() && "failed".equals(photo.get().status())
                        ? "Kindred could not read this photo (`kindred status` says why)" : "this photo was not indexed"));
                continue;
            }
            List<FaceInfo> faces = queries.faces(new FaceQuery(photo.get().path(), null, null)).stream()
                    .filter(f -> f.state() != State.REJECTED).toList();
            if (faces.isEmpty()) {
                problems.add(new Problem(name, path, "no face was found in it"));
                continue;
            }
            Optional<FaceInfo> already = faces.stream()
                    .filter(f -> f.state() == State.CONFIRMED && f.person() != null && key(f.person()).equals(k)).findFirst();
            FaceInfo chosen = already.orElseGet(() -> faces.stream().max(Comparator.comparingDouble(Roster::area)).orElseThrow());
            if (faces.size() > 1) {
                ambiguous.add(new Ambiguity(name, path, faces.size(), chosen.id()));
            }
            if (already.isEmpty()) {
                if (chosen.state() == State.CONFIRMED && chosen.person() != null) {
                    problems.add(new Problem(name, path, "its largest face is named " + chosen.person() + " already"));
                    continue;
                }
                String other = claimedBy.putIfAbsent(chosen.id(), k);
                if (other != null && !other.equals(k)) {
                    problems.add(new Problem(name, path, "the roster gives this photo to " + spelled.get(other) + " too"));
                    continue;
                }
                toName.computeIfAbsent(k, x -> new ArrayList<>()).add(chosen.id());
            }
            photosOf.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(photo.get().id());
            referenceFaces.merge(k, 1, Integer::sum);
        }

        int named = 0;
        for (Map.Entry<String, List<Long>> e : toName.entrySet()) {
            // One decision per person: `kindred undo` (or Ctrl+Z) takes back one person's reference faces at once.
            named += people.nameFaces(e.getValue(), spelled.get(e.getKey())).result();
        }
        Map<String, Long> ids = new HashMap<>();
        for (PersonSummary p : people.people(true)) {
            ids.put(key(p.name()), p.id());
        }
        int created = 0;
        for (Map.Entry<String, Set<Long>> e : photosOf.entrySet()) {
            Long pid = ids.get(e.getKey());
            if (pid == null) {
                continue;
            }
            for (long photoId : e.getValue()) {
                references.mark(photoId, pid);
            }
            if (!existedBefore.contains(e.getKey())) {
                created++;
            }
        }
        int refs = referenceFaces.values().stream().mapToInt(Integer::intValue).sum();
        return new ImportReport(photosOf.size(), created, refs, named, scanned.photosIndexed(), List.copyOf(ambiguous),
                List.copyOf(problems));
    }

    /**
     * A person on the roster (who has a reference photo), with where the sorting of the shoot stands for them.
     *
     * @param references       their reference photos
     * @param confirmedFaces   faces confirmed as them outside the reference photos
     * @param waiting          their waiting suggestions
     * @param lowestConfidence the lowest confidence among those (NaN when none is waiting)
     * @param highestOneIn     "1 in N" of the most confident waiting suggestion (0 when none)
     * @param lowestOneIn      "1 in N" of the least confident one (0 when none)
     */
    public record RosterPerson(String name, int references, int confirmedFaces, int waiting, double lowestConfidence,
                               long lowestOneIn, long highestOneIn) {
    }

    /** The people on the roster, by name. */
    public List<RosterPerson> people() {
        Map<String, Integer> refs = new LinkedHashMap<>();
        for (ReferencePhotos.Reference r : references.all()) {
            if (r.person() != null) {
                refs.merge(r.person(), 1, Integer::sum);
            }
        }
        Set<Long> referencePhotos = references.photoIds();
        List<RosterPerson> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : refs.entrySet()) {
            int confirmed = (int) people.facesOf(e.getKey()).stream()
                    .filter(f -> f.state() == State.CONFIRMED && !referencePhotos.contains(f.photoId())).count();
            List<Suggestion> waiting = people.suggestions(e.getKey());
            double lowest = waiting.stream().mapToDouble(Suggestion::confidence).min().orElse(Double.NaN);
            long lowOneIn = waiting.stream().mapToLong(Suggestion::oneIn).min().orElse(0);
            long highOneIn = waiting.stream().mapToLong(Suggestion::oneIn).max().orElse(0);
            out.add(new RosterPerson(e.getKey(), e.getValue(), confirmed, waiting.size(), lowest, lowOneIn, highOneIn));
        }
        return out;
    }

    /**
     * Faces no one on the roster (nor anyone else named) matches, by group: the faces of the library (under
     * {@code folder}, when given) that are neither named, suggested, nor ignored, reference photos left out.
     *
     * @param clusterId the group (null: faces in no group, each seen too rarely to group)
     * @param faces     the group's faces there, by photo
     */
    public record UnmatchedGroup(Long clusterId, List<FaceInfo> faces) {

        /** The distinct photos the group's faces are in. */
        public List<String> photos() {
            return faces.stream().map(FaceInfo::photoPath).distinct().toList();
        }
    }

    /**
     * The unmatched faces under {@code folder} (null: the whole library), largest group first, the faces in no group
     * last.
     */
    public List<UnmatchedGroup> unmatched(Path folder) {
        String prefix = folder == null ? null : realOrAbsolute(folder).toString();
        Set<Long> referencePhotos = references.photoIds();
        Map<Long, List<FaceInfo>> groups = new LinkedHashMap<>();
        List<FaceInfo> alone = new ArrayList<>();
        for (FaceInfo f : queries.faces(FaceQuery.all())) {
            if (f.person() != null || f.state() == State.IGNORED || referencePhotos.contains(f.photoId())
                    || (prefix != null && !under(f.photoPath(), prefix))) {
                continue;
            }
            if (f.clusterId() == null) {
                alone.add(f);
            } else {
                groups.computeIfAbsent(f.clusterId(), c -> new ArrayList<>()).add(f);
            }
        }
        List<UnmatchedGroup> out = new ArrayList<>();
        groups.forEach((c, fs) -> out.add(new UnmatchedGroup(c, sortedByPhoto(fs))));
        out.sort(Comparator.comparingInt((UnmatchedGroup g) -> g.faces().size()).reversed()
                .thenComparing(g -> g.clusterId()));
        if (!alone.isEmpty()) {
            out.add(new UnmatchedGroup(null, sortedByPhoto(alone)));
        }
        return out;
    }

    private static List<FaceInfo> sortedByPhoto(List<FaceInfo> faces) {
        List<FaceInfo> s = new ArrayList<>(faces);
        s.sort(Comparator.comparing(FaceInfo::photoPath).thenComparingDouble(f -> f.box().x()));
        return List.copyOf(s);
    }

    /** Whether {@code path} is {@code folder} or inside it (compared by path segments, not by text). */
    static boolean under(String path, String folder) {
        return Path.of(path).startsWith(Path.of(folder));
    }

    static Path realOrAbsolute(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static double area(FaceInfo f) {
        return f.box().w() * f.box().h();
    }

    private static String key(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
