package kindred.library.gallery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The manifest of a destination folder: {@code manifest.json} and {@code manifest.csv} list every gallery Kindred
 * exported there (an export replaces the entries of its own galleries and keeps the others'), each photo with its
 * files there, its original, and the people in it left to right with their face boxes (pixels of the photo as
 * displayed, EXIF orientation applied, as `kindred faces` gives them); {@code photos-without-names.csv} (and the
 * JSON's {@code photos_without_names}) the photos of the last export's scope that show nobody named. Nothing in it
 * depends on the time, so that exporting the same photos again leaves the files as they were (a file is replaced, in
 * one atomic step, only when its content changes).
 */
final class Manifest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    record Written(Path json, Path csv) {
    }

    private Manifest() {
    }

    /**
     * @param filesOf per gallery folder, per photo id, the photo's file names there (photos that could not be
     *                delivered are absent, and left out of the manifest)
     */
    static Written write(Path to, GalleryExport.Plan plan, Map<String, Map<Long, List<String>>> filesOf, boolean captions)
            throws IOException {
        Map<String, Object> galleries = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Path json = to.resolve(GalleryExport.MANIFEST_JSON);
        for (JsonNode old : earlierGalleries(json)) {
            galleries.put(old.path("folder").asText(), JSON.convertValue(old, Map.class));
        }
        for (GalleryExport.Gallery g : plan.galleries()) {
            Map<Long, List<String>> files = filesOf.getOrDefault(g.folder(), Map.of());
            List<Map<String, Object>> photos = new ArrayList<>();
            for (GalleryExport.Photo p : g.photos()) {
                List<String> names = files.get(p.id());
                if (names == null) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", names.get(0));
                m.put("files", names);
                m.put("original", p.photo());
                m.put("twins", p.twins());
                m.put("people", p.people().stream().map(n -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("name", n.name());
                    f.put("x", round(n.box().x()));
                    f.put("y", round(n.box().y()));
                    f.put("w", round(n.box().w()));
                    f.put("h", round(n.box().h()));
                    return f;
                }).toList());
                if (captions) {
                    m.put("caption", p.caption());
                }
                photos.add(m);
            }
            photos.sort(Comparator.comparing(m -> m.get("file").toString()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("folder", g.folder());
            entry.put("people", g.people());
            entry.put("photos", photos);
            galleries.put(g.folder(), entry);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("galleries", new ArrayList<>(galleries.values()));
        root.put("photos_without_names", plan.withoutNames().stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("photo", u.photo());
            m.put("faces", u.faces());
            return m;
        }).toList());
        byte[] jsonBytes = (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        replaceIfChanged(json, jsonBytes);
        Path csv = to.resolve(GalleryExport.MANIFEST_CSV);
        replaceIfChanged(csv, csv(JSON.readTree(jsonBytes)).getBytes(StandardCharsets.UTF_8));
        StringBuilder without = new StringBuilder("photo,faces\n");
        for (GalleryExport.Unnamed u : plan.withoutNames()) {
            without.append(cell(u.photo())).append(',').append(u.faces()).append('\n');
        }
        replaceIfChanged(to.resolve(GalleryExport.WITHOUT_NAMES_CSV), without.toString().getBytes(StandardCharsets.UTF_8));
        return new Written(json, csv);
    }

    /** The galleries an earlier export listed (none when there is no manifest, or it is not one Kindred can read). */
    private static List<JsonNode> earlierGalleries(Path json) {
        if (!Files.isRegularFile(json)) {
            return List.of();
        }
        try {
            List<JsonNode> out = new ArrayList<>();
            JSON.readTree(json.toFile()).path("galleries").forEach(out::add);
            return out;
        } catch (IOException e) {
            return List.of(); // not Kindred's manifest (or damaged): this export's replaces it
        }
    }

    /** One row per photo: folder, file, other_files (its twins there), original, people and face_boxes (left to right). */
    static String csv(JsonNode root) {
        StringBuilder b = new StringBuilder("folder,file,other_files,original,people,face_boxes\n");
        for (JsonNode g : root.path("galleries")) {
            for (JsonNode p : g.path("photos")) {
                List<String> files = new ArrayList<>();
                p.path("files").forEach(f -> files.add(f.asText()));
                List<String> names = new ArrayList<>();
                List<String> boxes = new ArrayList<>();
                for (JsonNode f : p.path("people")) {
                    names.add(f.path("name").asText());
                    boxes.add(num(f.path("x")) + "," + num(f.path("y")) + ","
                            + num(f.path("w")) + "," + num(f.path("h")));
                }
                b.append(cell(g.path("folder").asText())).append(',')
                        .append(cell(p.path("file").asText())).append(',')
                        .append(cell(files.stream().skip(1).collect(Collectors.joining("; ")))).append(',')
                        .append(cell(p.path("original").asText())).append(',')
                        .append(cell(String.join("; ", names))).append(',')
                        .append(cell(String.join("; ", boxes))).append('\n');
            }
        }
        return b.toString();
    }

    private static String num(JsonNode n) {
        double v = n.asDouble();
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
    static String cell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** Replaces {@code file} with {@code content} in one atomic step, when its content differs. */
    private static void replaceIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        Path tmp = Files.createTempFile(file.getParent(), ".kindred-", ".part");
        try {
            Files.write(tmp, content);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
