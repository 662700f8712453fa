package kindred.library.regions;

import kindred.library.people.People;
import kindred.library.RegionEmbedder;
import java.io.IOException;
import java.nio.file.Files;
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
import java.util.function.Supplier;
import kindred.library.FaceInfo;
import kindred.library.FaceQuery;
import kindred.library.LibraryStore;
import kindred.library.PeopleStore;
import kindred.library.StoredPhoto;
import kindred.model.FaceBox;
import kindred.model.Source;
import kindred.model.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names travel with the photos: exports confirmed names as face regions into the photos' XMP and imports the
 * regions other programs wrote. Manual always wins: an import names only faces nobody decided on, and a
 * disagreement with the library (or within the metadata) is reported as a conflict, never resolved silently.
 * Not thread-safe; one export or import at a time.
 */
public final class FaceRegionSync {

    private static final Logger LOG = LoggerFactory.getLogger(FaceRegionSync.class);

    /**
     * An imported region names the stored face it overlaps by at least this IoU (the best one when several do).
     * Lower than the 0.5 used between two detections of one detector: other programs frame faces differently
     * (Lightroom and Picasa include more forehead and chin), and a box 1.5× larger around the same face still
     * has an IoU of 0.44. Two different faces rarely overlap this much.
     */
    public static final double REGION_MATCH_MIN_IOU = 0.3;

    /**
     * Two regions with the same name overlapping by at least this IoU are one face written twice (MWG and Microsoft,
     * embedded and sidecar).
     */
    static final double SAME_REGION_IOU = 0.5;

    /** Setting key: "true" imports the regions of new and changed photos after each scan. */
    public static final String IMPORT_ON_SCAN_SETTING = "xmp.import_on_scan";

    /** Whether the library imports the regions other programs wrote after each scan ({@link #IMPORT_ON_SCAN_SETTING}). */
    public static boolean importOnScan(LibraryStore store) {
        String v = store.setting(IMPORT_ON_SCAN_SETTING);
        return "true".equalsIgnoreCase(v) || "on".equalsIgnoreCase(v);
    }

    /** Turns {@link #importOnScan} on or off; the command line and the window share it. */
    public static void setImportOnScan(LibraryStore store, boolean on) {
        store.setSetting(IMPORT_ON_SCAN_SETTING, Boolean.toString(on));
    }

    private final LibraryStore store;
    private final PeopleStore people;
    private final FaceRegionMetadata metadata;
    private final Supplier<RegionEmbedder> embedders;
    private final Runnable afterImport;

    /**
     * @param embedders   makes an embedder (loads models) the first time an import needs one
     * @param afterImport runs after an import named or created faces (clusters and suggestions catch up)
     */
    public FaceRegionSync(LibraryStore store, PeopleStore people, FaceRegionMetadata metadata,
                          Supplier<RegionEmbedder> embedders, Runnable afterImport) {
        this.store = store;
        this.people = people;
        this.metadata = metadata;
        this.embedders = embedders;
        this.afterImport = afterImport;
    }

    /** Whether this library imports the regions other programs wrote after each scan (the Settings check box). */
    public boolean importOnScan() {
        return importOnScan(store);
    }

    /** Turns importing after each scan on or off; the command line and the window share the setting. */
    public void setImportOnScan(boolean on) {
        setImportOnScan(store, on);
    }

    // ------------------------------------------------------------------ export

    /**
     * Which photos an export or import covers: one photo, the photos of one person, or (both null) every photo of
     * the library that is not missing.
     */
    public record Selection(String photoPath, String personName) {
        public static Selection everything() {
            return new Selection(null, null);
        }
    }

    /** One file an export changed (or would change, in a dry run). */
    public record ExportedFile(String photo, FileChange change) {
    }

    /**
     * @param photosWritten  photos with at least one file changed (or to change, in a dry run)
     * @param regionsWritten named faces written into changed photos (each face once, whatever the schemas and files)
     * @param filesWritten   files changed
     * @param files          the changed files
     * @param problems       what was skipped and why
     */
    public record ExportSummary(int photosConsidered, int photosWritten, int regionsWritten, int filesWritten,
                                boolean dryRun, List<ExportedFile> files, List<String> problems) {
    }

    /** Told after each photo an export considered, on the exporting thread. */
    @FunctionalInterface
    public interface ExportProgress {
        void photoDone(int done, int total);
    }

    /** Writes the confirmed names of the selected photos as Kindred's regions (see {@link FaceRegionMetadata#write}). */
    public ExportSummary export(Selection selection, ExportOptions options) {
        return export(selection, options, (done, total) -> { });
    }

    /** Like {@link #export(Selection, ExportOptions)}, telling {@code progress} after each photo. */
    public ExportSummary export(Selection selection, ExportOptions options, ExportProgress progress) {
        if (!options.sidecar() && !options.embedded()) {
            throw new IllegalArgumentException("nothing to write: choose a sidecar, the photo itself, or both");
        }
        Map<String, List<FaceRegion>> named = new LinkedHashMap<>();
        for (StoredPhoto p : selectedPhotos(selection)) {
            named.put(p.path(), new ArrayList<>());
        }
        for (FaceInfo f : store.faces(new FaceQuery(selection.photoPath(), null, null))) {
            List<FaceRegion> list = named.get(f.photoPath());
            if (list != null && f.person() != null && f.state() == State.CONFIRMED) {
                list.add(new FaceRegion(f.person(), f.box(), "Kindred"));
            }
        }
        int photosWritten = 0;
        int regionsWritten = 0;
        int filesWritten = 0;
        List<ExportedFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> twins = twinsByPath(selection);
        int done = 0;
        for (Map.Entry<String, List<FaceRegion>> e : named.entrySet()) {
            progress.photoDone(done++, named.size());
            Path photo = Path.of(e.getKey());
            if (!Files.isRegularFile(photo)) {
                problems.add(e.getKey() + ": the photo is not there any more; nothing written");
                continue;
            }
            List<RegionWriteResult> results = new ArrayList<>();
            results.add(metadata.write(photo, e.getValue(), options));
            // The RAW or HEIF twins of the photo carry the same names, in their own sidecars.
            for (String twin : twins.getOrDefault(e.getKey(), List.of())) {
                Path t = Path.of(twin);
                if (!Files.isRegularFile(t)) {
                    continue; // gone since the last scan, which will forget it
                }
                if (!options.sidecar()) {
                    problems.add(twin + ": Kindred never writes into a RAW or HEIF file; choose the sidecar to give it the names");
                    continue;
                }
                RegionWriteResult tr = metadata.writeTwin(t, photo, e.getValue(), options);
                results.add(new RegionWriteResult(tr.files(), tr.problems().stream().map(p -> t.getFileName() + ": " + p).toList()));
            }
            boolean changed = false;
            for (RegionWriteResult r : results) {
                for (String p : r.problems()) {
                    problems.add(e.getKey() + ": " + p);
                }
                for (FileChange c : r.files()) {
                    if (c.changed()) {
                        changed = true;
                        filesWritten++;
                        files.add(new ExportedFile(e.getKey(), c));
                    }
                }
            }
            if (changed) {
                photosWritten++;
                regionsWritten += e.getValue().size();
            }
        }
        progress.photoDone(named.size(), named.size());
        return new ExportSummary(named.size(), photosWritten, regionsWritten, filesWritten, options.dryRun(), files, problems);
    }

    /** The twin files of the selected photos, by the photo's path. */
    private Map<String, List<String>> twinsByPath(Selection selection) {
        Map<String, List<String>> out = new HashMap<>();
        if (selection.photoPath() != null) {
            resolve(selection.photoPath()).ifPresent(p -> out.put(p.path(), store.twinsOf(p.id())));
            return out;
        }
        Map<Long, List<String>> byId = store.twins();
        if (!byId.isEmpty()) {
            for (StoredPhoto p : store.photos()) {
                List<String> t = byId.get(p.id());
                if (t != null) {
                    out.put(p.path(), t);
                }
            }
        }
        return out;
    }

    /** The photo at {@code path}, or the photo {@code path} is a twin of. */
    private Optional<StoredPhoto> resolve(String path) {
        Optional<StoredPhoto> p = store.photoByPath(path);
        return p.isPresent() ? p : store.photoOfTwin(path);
    }

    private List<StoredPhoto> selectedPhotos(Selection selection) {
        List<StoredPhoto> all = new ArrayList<>();
        Set<String> ofPerson = null;
        if (selection.personName() != null) {
            long pid = people.personId(selection.personName().strip()).orElseThrow(() -> new kindred.library.LibraryException(
                    "There is no person called " + selection.personName() + ". Check the spelling; the People page and `kindred people` list everyone."));
            ofPerson = new LinkedHashSet<>();
            for (FaceInfo f : people.facesOfPerson(pid)) {
                if (f.state() == State.CONFIRMED) {
                    ofPerson.add(f.photoPath());
                }
            }
        }
        if (selection.photoPath() != null) {
            StoredPhoto p = resolve(selection.photoPath()).orElseThrow(() -> new kindred.library.LibraryException(
                    "The photo " + selection.photoPath() + " is not in the library. Add its folder with `kindred scan`."));
            all.add(p);
        } else {
            all.addAll(store.photos());
        }
        List<StoredPhoto> out = new ArrayList<>();
        for (StoredPhoto p : all) {
            if (!p.missing() && (ofPerson == null || ofPerson.contains(p.path()))) {
                out.add(p);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ import

    /**
     * A face (or a region) that got two names and was left alone.
     *
     * @param faceId the stored face, or null when the disagreement is between regions only
     * @param names  the names involved, the library's first when it has one
     */
    public record Conflict(String photo, Long faceId, List<String> names, String reason) {
    }

    /**
     * @param photosRead      photos whose metadata was read
     * @param regionsFound    named regions found (after removing the same region written twice)
     * @param regionsImported regions that named a face in this run (matched or created)
     * @param regionsMatched  of those, regions that named a face Kindred had detected
     * @param facesCreated    of those, regions that became a new (imported) face
     * @param regionsKnown    regions whose name the face already had
     * @param unnamedRegions  regions without a name, ignored
     */
    public record ImportSummary(int photosRead, int regionsFound, int regionsImported, int regionsMatched, int facesCreated,
                                int regionsKnown, int unnamedRegions, List<Conflict> conflicts, List<String> problems) {
    }

    /** Reads the selected photos' regions into the library as confirmed, imported names. */
    public ImportSummary importRegions(Selection selection) {
        return importPhotos(selectedPhotos(new Selection(selection.photoPath(), null)));
    }

    /** Imports the regions of the given photos (e.g. the ones a scan just indexed). */
    public ImportSummary importPhotos(List<StoredPhoto> photos) {
        Tally t = new Tally();
        RegionEmbedder[] embedder = new RegionEmbedder[1];
        Map<Long, List<String>> twins = photos.size() == 1 ? Map.of(photos.get(0).id(), store.twinsOf(photos.get(0).id()))
                : store.twins();
        try {
            for (StoredPhoto p : photos) {
                if (p.missing()) {
                    continue;
                }
                Path path = Path.of(p.path());
                RegionRead read = withTwins(metadata.read(path), twins.getOrDefault(p.id(), List.of()));
                t.photosRead++;
                t.unnamed += read.unnamed();
                for (String problem : read.problems()) {
                    t.problems.add(p.path() + ": " + problem);
                }
                if (!read.regions().isEmpty()) {
                    importPhoto(p, read, t, () -> {
                        if (embedder[0] == null) {
                            embedder[0] = embedders.get();
                        }
                        return embedder[0];
                    });
                }
            }
        } finally {
            if (embedder[0] != null) {
                embedder[0].close();
            }
        }
        if (t.imported > 0) {
            afterImport.run();
        }
        return new ImportSummary(t.photosRead, t.found, t.imported, t.matched, t.created, t.known, t.unnamed,
                List.copyOf(t.conflicts), List.copyOf(t.problems));
    }

    /**
     * The photo's regions with those its twins' metadata holds (Lightroom writes the RAW's sidecar), moved from each
     * twin's display pixels to the photo's by proportion: the same picture, perhaps at another resolution.
     */
    private RegionRead withTwins(RegionRead read, List<String> twins) {
        if (twins.isEmpty()) {
            return read;
        }
        List<FaceRegion> regions = new ArrayList<>(read.regions());
        List<String> problems = new ArrayList<>(read.problems());
        int unnamed = read.unnamed();
        for (String twin : twins) {
            Path t = Path.of(twin);
            if (!Files.isRegularFile(t)) {
                continue;
            }
            RegionRead tr = metadata.read(t);
            unnamed += tr.unnamed();
            tr.problems().forEach(p -> problems.add(t.getFileName() + ": " + p));
            if (tr.regions().isEmpty()) {
                continue;
            }
            if (read.displayWidth() <= 0 || read.displayHeight() <= 0 || tr.displayWidth() <= 0 || tr.displayHeight() <= 0) {
                problems.add(t.getFileName() + ": its regions cannot be placed on the photo (a pixel size is unknown); skipped");
                continue;
            }
            double sx = (double) read.displayWidth() / tr.displayWidth();
            double sy = (double) read.displayHeight() / tr.displayHeight();
            for (FaceRegion r : tr.regions()) {
                FaceBox b = r.box();
                regions.add(new FaceRegion(r.name(), new FaceBox(b.x() * sx, b.y() * sy, b.w() * sx, b.h() * sy),
                        r.origin() + " of the twin " + t.getFileName()));
            }
        }
        return new RegionRead(read.displayWidth(), read.displayHeight(), read.orientation(), List.copyOf(regions), unnamed,
                List.copyOf(problems));
    }

    private static final class Tally {
        int photosRead, found, imported, matched, created, known, unnamed;
        final List<Conflict> conflicts = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
    }

    private void importPhoto(StoredPhoto photo, RegionRead read, Tally t, Supplier<RegionEmbedder> embedder) {
        List<FaceRegion> regions = distinct(read.regions());
        // One person appears once per photo: a name on two separate regions is a disagreement in the metadata.
        Map<String, List<FaceRegion>> byName = new LinkedHashMap<>();
        for (FaceRegion r : regions) {
            byName.computeIfAbsent(key(r.name()), k -> new ArrayList<>()).add(r);
        }
        List<FaceRegion> usable = new ArrayList<>();
        for (List<FaceRegion> same : byName.values()) {
            if (same.size() > 1) {
                t.conflicts.add(new Conflict(photo.path(), null, List.of(same.get(0).name()),
                        "the name is on " + same.size() + " different regions of this photo (" + origins(same) + ")"));
            } else {
                usable.add(same.get(0));
            }
        }
        t.found += regions.size();
        List<FaceInfo> faces = store.faces(new FaceQuery(photo.path(), null, null));
        // Each region goes to the stored face it overlaps most; a face receiving two names is a conflict.
        Map<Long, List<FaceRegion>> onFace = new LinkedHashMap<>();
        List<FaceRegion> unmatched = new ArrayList<>();
        for (FaceRegion r : usable) {
            FaceInfo best = faces.stream().max(Comparator.comparingDouble(f -> f.box().iou(r.box())))
                    .filter(f -> f.box().iou(r.box()) >= REGION_MATCH_MIN_IOU).orElse(null);
            if (best == null) {
                unmatched.add(r);
            } else {
                onFace.computeIfAbsent(best.id(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<Long, FaceInfo> faceById = new HashMap<>();
        faces.forEach(f -> faceById.put(f.id(), f));
        Map<Long, List<Long>> rejections = people.rejections();
        for (Map.Entry<Long, List<FaceRegion>> e : onFace.entrySet()) {
            FaceInfo face = faceById.get(e.getKey());
            List<FaceRegion> rs = e.getValue();
            if (rs.size() > 1) {
                t.conflicts.add(new Conflict(photo.path(), face.id(), rs.stream().map(FaceRegion::name).toList(),
                        "regions with different names cover the same face (" + origins(rs) + ")"));
                continue;
            }
            FaceRegion r = rs.get(0);
            Outcome o = nameFace(photo, face, r, rejections, t);
            if (o == Outcome.NAMED) {
                t.imported++;
                t.matched++;
            }
        }
        for (FaceRegion r : unmatched) {
            if (!fits(r.box(), read)) {
                t.problems.add(photo.path() + ": the region of " + r.name() + " lies outside the photo; skipped");
                continue;
            }
            String clean = r.name().strip();
            Optional<Long> existing = people.personId(clean);
            if (existing.isPresent() && people.photosWithConfirmed(existing.get()).contains(photo.id())) {
                t.conflicts.add(new Conflict(photo.path(), null, List.of(clean),
                        clean + " is already named on another face of this photo (" + r.origin() + ")"));
                continue;
            }
            RegionEmbedder.RegionFace vec = embed(photo, read, r.box(), embedder, t);
            store.transaction(() -> {
                long faceId = store.addImportedFace(photo.id(), r.box(), vec == null ? null : vec.embedding(),
                        vec == null ? 0 : vec.quality());
                long pid = people.personId(clean).orElseGet(() -> people.createPerson(clean));
                people.assign(List.of(faceId), pid, Source.IMPORTED, State.CONFIRMED, null);
                return faceId;
            });
            t.imported++;
            t.created++;
        }
    }

    private enum Outcome { NAMED, KNOWN, CONFLICT }

    private Outcome nameFace(StoredPhoto photo, FaceInfo face, FaceRegion r, Map<Long, List<Long>> rejections, Tally t) {
        String clean = r.name().strip();
        Optional<Long> existing = people.personId(clean);
        if (face.person() != null && face.person().equalsIgnoreCase(clean) && face.state() == State.CONFIRMED) {
            t.known++;
            return Outcome.KNOWN;
        }
        if (face.state() == State.CONFIRMED && face.person() != null) {
            t.conflicts.add(new Conflict(photo.path(), face.id(), List.of(face.person(), clean),
                    "the face is named " + face.person() + " in the library and " + clean + " in " + r.origin()));
            return Outcome.CONFLICT;
        }
        if (face.state() == State.IGNORED) {
            t.conflicts.add(new Conflict(photo.path(), face.id(), List.of(clean),
                    "the face is marked as not worth naming in the library; " + r.origin() + " names it " + clean));
            return Outcome.CONFLICT;
        }
        if (existing.isPresent() && rejections.getOrDefault(face.id(), List.of()).contains(existing.get())) {
            t.conflicts.add(new Conflict(photo.path(), face.id(), List.of(clean),
                    "the face was rejected as " + clean + " in the library; " + r.origin() + " names it so"));
            return Outcome.CONFLICT;
        }
        if (existing.isPresent() && people.photosWithConfirmed(existing.get()).contains(photo.id())) {
            t.conflicts.add(new Conflict(photo.path(), face.id(), List.of(clean),
                    clean + " is already named on another face of this photo (" + r.origin() + ")"));
            return Outcome.CONFLICT;
        }
        people.transaction(() -> {
            long pid = people.personId(clean).orElseGet(() -> people.createPerson(clean));
            people.assign(List.of(face.id()), pid, Source.IMPORTED, State.CONFIRMED, null);
            return pid;
        });
        return Outcome.NAMED;
    }

    private RegionEmbedder.RegionFace embed(StoredPhoto photo, RegionRead read, FaceBox box, Supplier<RegionEmbedder> embedder,
                                            Tally t) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of(photo.path()));
            return embedder.get().embed(bytes, read.orientation(), box).orElse(null);
        } catch (IOException | RuntimeException e) {
            // The name still counts: the face is stored without a vector (shown and searchable, never clustered).
            LOG.warn("could not embed an imported region of {}: {}", photo.path(), e.toString());
            t.problems.add(photo.path() + ": the imported face could not be embedded (" + e.getMessage()
                    + "); it is named but will not help suggestions");
            return null;
        }
    }

    private static boolean fits(FaceBox b, RegionRead read) {
        return b.w() > 0 && b.h() > 0 && b.x() < read.displayWidth() && b.y() < read.displayHeight()
                && b.x() + b.w() > 0 && b.y() + b.h() > 0;
    }

    /** Drops a region repeated with the same name at the same place (MWG + Microsoft, embedded + sidecar). */
    static List<FaceRegion> distinct(List<FaceRegion> regions) {
        List<FaceRegion> out = new ArrayList<>();
        for (FaceRegion r : regions) {
            boolean dup = out.stream().anyMatch(o -> key(o.name()).equals(key(r.name())) && o.box().iou(r.box()) >= SAME_REGION_IOU);
            if (!dup) {
                out.add(r);
            }
        }
        return out;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static String origins(List<FaceRegion> rs) {
        return String.join(", ", rs.stream().map(FaceRegion::origin).distinct().toList());
    }
}
