package kindred.library.gallery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.LibraryException;
import kindred.library.LibraryPhoto;
import kindred.library.LibraryQueries;
import kindred.library.PeopleService;
import kindred.library.PhotoQuery;
import kindred.library.ReferencePhotos;
import kindred.library.Twins;
import kindred.library.regions.FaceRegion;
import kindred.model.FaceBox;
import kindred.model.State;

/**
 * Galleries out (issue 21): the photos of some people copied (or linked) into a folder per person, or one folder for
 * the photos that show them all, with a manifest beside them. `kindred export photos` and the window's
 * "Export photos…" both call {@link #export}; the dialog shows {@link #plan} first.
 *
 * <p>Rules: a photo belongs to a person when a face in it is confirmed as them (suggestions do not count: a gallery
 * is delivered); reference photos of a roster never go; a photo's twins (RAW+JPEG: {@link Twins}) go with it, under
 * the same name; file names are kept, and a name already taken by another file is numbered ("IMG_0001 (2).JPG", twins
 * numbered alike), never overwritten; a file already there with the same content (a second export into the same
 * folder) is recognized and left alone, so exporting twice changes nothing. Captions are written into the copies only
 * ({@link CaptionWriter}), never into the user's photos. The manifest ({@code manifest.json}, {@code manifest.csv})
 * lists every gallery of the destination, each photo with the people in it and their face boxes; the photos of the
 * export's scope that show nobody named are listed in it too (and in {@code photos-without-names.csv}).
 * Thread-safe as the use cases it reads are; two exports into one folder at once are not.
 */
public final class GalleryExport {

    /** The manifest's file names, in the destination folder. */
    public static final String MANIFEST_JSON = "manifest.json";
    public static final String MANIFEST_CSV = "manifest.csv";
    public static final String WITHOUT_NAMES_CSV = "photos-without-names.csv";

    /**
     * How far a file name is numbered before the export gives up on it (count): a folder that holds 1,000 other files
     * of the same name is not a gallery Kindred made.
     */
    static final int MAX_NUMBER = 1000;

    private final PeopleService people;
    private final LibraryQueries queries;
    private final ReferencePhotos references;
    private final CaptionWriter captions;

    public GalleryExport(PeopleService people, LibraryQueries queries, ReferencePhotos references, CaptionWriter captions) {
        this.people = people;
        this.queries = queries;
        this.references = references;
        this.captions = captions;
    }

    /** One folder per person (photos of any of them), or one folder of the photos that show all of them. */
    public enum Grouping { EACH_PERSON, ALL_OF }

    /** Copies of the files, or symbolic links to them. */
    public enum Method { COPY, LINK }

    /**
     * What to export.
     *
     * @param people   the people's names (at least one; any case)
     * @param folder   only photos in this folder or folders inside it (null: the whole library)
     * @param to       the destination folder (made when absent)
     * @param captions write the names as a caption into the copied JPEGs (copies only)
     */
    public record Selection(List<String> people, Grouping grouping, Path folder, Path to, Method method, boolean captions) {

        public Selection {
            people = List.copyOf(people);
        }
    }

    /** A named face in a photo, in display pixels (EXIF orientation applied), as `kindred faces` gives it. */
    public record Named(String name, FaceBox box) {
    }

    /**
     * A photo to deliver.
     *
     * @param photo  the original's path
     * @param twins  its twin files' paths (exported with it)
     * @param people every person confirmed in it, left to right
     */
    public record Photo(long id, String photo, List<String> twins, List<Named> people) {

        /** "Ada Lovelace, Alan Turing, left to right" ("Ada Lovelace" alone). */
        public String caption() {
            List<String> names = people.stream().map(Named::name).toList();
            return names.size() == 1 ? names.get(0) : String.join(", ", names) + ", left to right";
        }
    }

    /** One gallery: its folder's name inside the destination, the people it is for, its photos by path. */
    public record Gallery(String folder, List<String> people, List<Photo> photos) {

        /** Files the gallery holds (photos and their twins). */
        public int files() {
            return photos.stream().mapToInt(p -> 1 + p.twins().size()).sum();
        }
    }

    /** A photo of the export's scope that shows nobody named, with the faces found in it (named or not). */
    public record Unnamed(String photo, int faces) {
    }

    /** What an export would deliver: the galleries, and the photos of its scope that show nobody named. */
    public record Plan(List<Gallery> galleries, List<Unnamed> withoutNames) {

        /** Photos across the galleries (a photo in two galleries counts twice: it is delivered twice). */
        public int photos() {
            return galleries.stream().mapToInt(g -> g.photos().size()).sum();
        }

        public int files() {
            return galleries.stream().mapToInt(Gallery::files).sum();
        }
    }

    /** A file written or found in a gallery: its name there, the original it comes from. */
    public record Placed(String gallery, String file, String original, boolean written) {
    }

    /**
     * What an export did.
     *
     * @param written      files written now (copies or links)
     * @param alreadyThere files found in the gallery with the same content (an earlier export): left as they were
     * @param numbered     photos given a numbered name because another file had theirs
     * @param captioned    copies a caption was written into
     * @param problems     photos that could not be delivered, and why
     */
    public record Report(Plan plan, List<Placed> files, int written, int alreadyThere, int numbered, int captioned,
                         List<String> problems, Path manifestJson, Path manifestCsv) {
    }

    /** What {@link #export} would deliver, without writing anything. */
    public Plan plan(Selection s) {
        if (s.people().isEmpty()) {
            throw new LibraryException("Say whose photos to export: at least one person.");
        }
        Set<Long> referencePhotos = references.photoIds();
        String scope = s.folder() == null ? null : realOrAbsolute(s.folder()).toString();
        Map<String, Map<Long, String>> photosOf = new LinkedHashMap<>(); // person -> photo id -> path
        Map<String, String> spelled = new LinkedHashMap<>();
        for (String asked : s.people()) {
            Map<Long, String> photos = new LinkedHashMap<>();
            String name = asked.strip();
            for (FaceInfo f : people.facesOf(asked)) { // says when there is no such person
                if (f.state() == State.CONFIRMED && !referencePhotos.contains(f.photoId())
                        && (scope == null || under(f.photoPath(), scope))) {
                    photos.put(f.photoId(), f.photoPath());
                }
                if (f.person() != null) {
                    name = f.person();
                }
            }
            String k = name.toLowerCase(java.util.Locale.ROOT);
            if (!photosOf.containsKey(k)) {
                photosOf.put(k, photos);
                spelled.put(k, name);
            }
        }
        List<Gallery> galleries = new ArrayList<>();
        if (s.grouping() == Grouping.ALL_OF) {
            Map<Long, String> all = null;
            for (Map<Long, String> m : photosOf.values()) {
                if (all == null) {
                    all = new LinkedHashMap<>(m);
                } else {
                    all.keySet().retainAll(m.keySet());
                }
            }
            List<String> names = List.copyOf(spelled.values());
            galleries.add(new Gallery(folderName(together(names)), names, photos(all)));
        } else {
            for (Map.Entry<String, Map<Long, String>> e : photosOf.entrySet()) {
                String n = spelled.get(e.getKey());
                galleries.add(new Gallery(folderName(n), List.of(n), photos(e.getValue())));
            }
        }
        return new Plan(List.copyOf(galleries), withoutNames(scope, referencePhotos));
    }

    /**
     * Delivers the photos of {@link #plan}: copies (or links) each photo and its twins into its gallery folder, then
     * writes the manifest.
     *
     * @param progress told (photos done, photos in all) after each photo, on this thread
     * @throws LibraryException when the destination cannot be made, or captions are asked for with links
     */
    public Report export(Selection s, BiConsumer<Integer, Integer> progress) {
        if (s.captions() && s.method() == Method.LINK) {
            throw new LibraryException("Captions are written into copies, and a link is the original photo itself: "
                    + "export copies to caption them.");
        }
        Plan plan = plan(s);
        Path to = s.to().toAbsolutePath().normalize();
        try {
            Files.createDirectories(to);
        } catch (IOException e) {
            throw new LibraryException("The folder " + to + " cannot be made (" + e.getMessage() + ").");
        }
        List<Placed> placed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int written = 0;
        int already = 0;
        int numbered = 0;
        int captioned = 0;
        int done = 0;
        int total = plan.photos();
        Map<String, Map<Long, List<String>>> filesOf = new LinkedHashMap<>(); // gallery -> photo -> names there
        for (Gallery g : plan.galleries()) {
            Path dir = to.resolve(g.folder());
            Map<Long, List<String>> names = filesOf.computeIfAbsent(g.folder(), k -> new LinkedHashMap<>());
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                problems.add(dir + ": cannot be made (" + e.getMessage() + ")");
                done += g.photos().size();
                progress.accept(done, total);
                continue;
            }
            for (Photo p : g.photos()) {
                try {
                    Delivered d = deliver(p, dir, s);
                    names.put(p.id(), d.names());
                    for (int i = 0; i < d.names().size(); i++) {
                        String original = i == 0 ? p.photo() : p.twins().get(i - 1);
                        boolean isNew = d.wrote().contains(i);
                        placed.add(new Placed(g.folder(), d.names().get(i), original, isNew));
                        if (isNew) {
                            written++;
                        } else {
                            already++;
                        }
                    }
                    if (d.number() > 1) {
                        numbered++;
                    }
                    if (d.captioned()) {
                        captioned++;
                    }
                } catch (IOException | RuntimeException e) {
                    problems.add(p.photo() + ": " + (e instanceof LibraryException ? e.getMessage()
                            : "not exported (" + e.getMessage() + ")"));
                }
                progress.accept(++done, total);
            }
        }
        Manifest.Written m;
        try {
            m = Manifest.write(to, plan, filesOf, s.captions());
        } catch (IOException e) {
            throw new LibraryException("The photos were exported, but the manifest could not be written into " + to
                    + " (" + e.getMessage() + ").");
        }
        return new Report(plan, List.copyOf(placed), written, already, numbered, captioned, List.copyOf(problems),
                m.json(), m.csv());
    }

    // ------------------------------------------------------------------ the plan

    private List<Photo> photos(Map<Long, String> byId) {
        List<Photo> out = new ArrayList<>();
        for (Map.Entry<Long, String> e : byId.entrySet()) {
            List<Named> named = new ArrayList<>();
            for (FaceInfo f : queries.faces(new FaceQuery(e.getValue(), null, null))) {
                if (f.state() == State.CONFIRMED && f.person() != null) {
                    named.add(new Named(f.person(), f.box()));
                }
            }
            named.sort(Comparator.comparingDouble((Named n) -> n.box().centerX()));
            out.add(new Photo(e.getKey(), e.getValue(), List.copyOf(queries.twinsOf(e.getKey())), List.copyOf(named)));
        }
        out.sort(Comparator.comparing(Photo::photo));
        return List.copyOf(out);
    }

    /** The photos of the scope (reference photos left out) that show nobody named, by path. */
    private List<Unnamed> withoutNames(String scope, Set<Long> referencePhotos) {
        Set<Long> named = new HashSet<>();
        List<String> everyone = people.people(true).stream().map(PeopleService.PersonSummary::name).toList();
        if (!everyone.isEmpty()) {
            people.search(everyone, true).forEach(h -> named.add(h.photoId()));
        }
        List<Unnamed> out = new ArrayList<>();
        PhotoQuery q = new PhotoQuery(scope, false, false, null, null, PhotoQuery.PAGE);
        while (true) {
            List<LibraryPhoto> page = queries.photos(q);
            for (LibraryPhoto p : page) {
                if (!named.contains(p.id()) && !referencePhotos.contains(p.id())) {
                    out.add(new Unnamed(p.path(), p.faces()));
                }
            }
            if (page.size() < q.limit()) {
                break;
            }
            q = q.after(page.get(page.size() - 1).path());
        }
        return List.copyOf(out);
    }

    /** "Ada Lovelace and Alan Turing"; "A, B and C". */
    static String together(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /**
     * A person's name as a folder name on every system: characters Windows and macOS refuse ({@code / \ : * ? " < > |}
     * and control characters) become a space, and leading or trailing dots and spaces go.
     */
    static String folderName(String name) {
        String s = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", " ").replaceAll("\\s+", " ").strip();
        s = s.replaceAll("^[. ]+|[. ]+$", "");
        return s.isEmpty() ? "person" : s;
    }

    // ------------------------------------------------------------------ writing one photo

    /**
     * A photo placed in its gallery.
     *
     * @param names     the file names there: the photo's, then its twins'
     * @param wrote     which of those (by index) were written now; the others were there already
     * @param number    1 for the original names, else the number they were given
     */
    private record Delivered(List<String> names, Set<Integer> wrote, int number, boolean captioned) {
    }

    /** A file to place: its original, and the file whose content the gallery must hold (a captioned copy, or the original). */
    private record Item(Path source, Path content) {
    }

    private Delivered deliver(Photo p, Path dir, Selection s) throws IOException {
        List<Path> sources = new ArrayList<>();
        sources.add(Path.of(p.photo()));
        p.twins().forEach(t -> sources.add(Path.of(t)));
        for (Path src : sources) {
            if (!Files.isRegularFile(src)) {
                throw new LibraryException("the file " + src + " is not there (is its drive connected?); nothing of this photo was exported");
            }
        }
        Path prepared = null;
        boolean captioned = false;
        List<Item> items = new ArrayList<>();
        try {
            if (s.captions() && s.method() == Method.COPY && Twins.family(sources.get(0).getFileName().toString())
                    .filter(f -> f == Twins.Family.JPEG).isPresent()) {
                prepared = tempIn(dir);
                copyDurably(sources.get(0), prepared);
                List<FaceRegion> regions = p.people().stream().map(n -> new FaceRegion(n.name(), n.box(), "Kindred")).toList();
                captioned = captions.writeInto(prepared, p.caption(), regions);
                if (captioned) {
                    Files.setLastModifiedTime(prepared, Files.getLastModifiedTime(sources.get(0)));
                } else {
                    Files.deleteIfExists(prepared);
                    prepared = null;
                }
            }
            for (int i = 0; i < sources.size(); i++) {
                items.add(new Item(sources.get(i), i == 0 && prepared != null ? prepared : sources.get(i)));
            }
            for (int n = 1; n <= MAX_NUMBER; n++) {
                List<String> names = new ArrayList<>();
                Set<Integer> absent = new LinkedHashSet<>();
                boolean clash = false;
                for (int i = 0; i < items.size() && !clash; i++) {
                    String name = numbered(items.get(i).source().getFileName().toString(), n);
                    names.add(name);
                    Path target = dir.resolve(name);
                    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                        absent.add(i);
                    } else if (!holds(target, items.get(i), s.method())) {
                        clash = true;
                    }
                }
                if (clash) {
                    continue;
                }
                try {
                    for (int i : absent) {
                        publish(items.get(i), dir.resolve(names.get(i)), s.method(), dir);
                    }
                } catch (FileAlreadyExistsException raced) {
                    continue; // another program took the name meanwhile: the next number
                }
                if (prepared != null && absent.contains(0)) {
                    prepared = null; // it became the gallery's file
                }
                return new Delivered(List.copyOf(names), Set.copyOf(absent), n, captioned && absent.contains(0));
            }
            throw new LibraryException("its name is taken by " + MAX_NUMBER + " other files in " + dir);
        } finally {
            if (prepared != null) {
                Files.deleteIfExists(prepared);
            }
        }
    }

    /** "IMG_0001.JPG" numbered 2 is "IMG_0001 (2).JPG"; 1 is the name itself. */
    static String numbered(String fileName, int n) {
        if (n <= 1) {
            return fileName;
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) + " (" + n + ")" + fileName.substring(dot) : fileName + " (" + n + ")";
    }

    /** Whether {@code target} already holds what the export would put there: the same bytes, or a link to the original. */
    private static boolean holds(Path target, Item item, Method method) throws IOException {
        if (method == Method.LINK) {
            return Files.isSymbolicLink(target) && Files.readSymbolicLink(target).equals(item.source());
        }
        return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == Files.size(item.content())
                && Files.mismatch(target, item.content()) == -1;
    }

    /**
     * Puts the item at {@code target}, which must not exist: a link is made in one step; a copy is written to a
     * temporary file beside it, flushed to the disk, then given its name with a hard link (which fails rather than
     * replace a file) or, where the disk has no hard links, a move that refuses an existing file.
     */
    private static void publish(Item item, Path target, Method method, Path dir) throws IOException {
        if (method == Method.LINK) {
            Files.createSymbolicLink(target, item.source());
            return;
        }
        Path tmp = item.content().equals(item.source()) ? null : item.content();
        boolean ours = tmp == null;
        if (ours) {
            tmp = tempIn(dir);
            copyDurably(item.source(), tmp);
        }
        try {
            try {
                Files.createLink(target, tmp);
                Files.delete(tmp);
            } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw e;
                }
                Files.move(tmp, target); // no REPLACE_EXISTING: fails when the name was taken meanwhile
            }
        } catch (IOException | RuntimeException e) {
            if (ours) {
                Files.deleteIfExists(tmp);
            }
            throw e;
        }
    }

    private static Path tempIn(Path dir) throws IOException {
        return Files.createTempFile(dir, ".kindred-", ".part");
    }

    /** Copies with the original's times (a photographer sorts by them), and flushes the copy to the disk. */
    private static void copyDurably(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

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
}
