package kindred.vision;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model lock file ({@code kindred/models/models.lock} on the classpath, a copy of
 * {@code assets/models/models.lock}): one {@code [id]} block of {@code key = value} lines per pinned file.
 * Immutable and thread-safe once loaded.
 */
public final class ModelCatalog {

    /** Classpath location of the lock file and of the default-pack model files beside it. */
    public static final String RESOURCE_DIR = "kindred/models/";
    static final String LOCK_RESOURCE = RESOURCE_DIR + "models.lock";

    /**
     * One pinned file.
     *
     * @param origin "npm:NAME@VERSION/path" for registry files, the upstream URL for optional packs
     */
    public record Entry(String id, String pack, String role, String file, String sha256, String license,
                        String origin, String url, String input) {

        public boolean isModel() {
            return "detector".equals(role) || "embedder".equals(role);
        }
    }

    private final List<Entry> entries;

    private ModelCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads the lock file from the classpath. */
    public static ModelCatalog load() {
        InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(LOCK_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the model lock file " + LOCK_RESOURCE
                    + " is not on the classpath: build with `mvn package` so the models are fetched");
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCK_RESOURCE, e);
        }
    }

    static ModelCatalog parse(String text) {
        try {
            return parse(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelCatalog parse(Reader reader) throws IOException {
        List<Entry> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(reader);
        String id = null;
        Map<String, String> kv = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line; (line = r.readLine()) != null; ) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                if (id != null) {
                    out.add(toEntry(id, kv));
                }
                id = t.substring(1, t.length() - 1).strip();
                kv = new LinkedHashMap<>();
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0 || id == null) {
                throw new IllegalArgumentException("models.lock line " + lineNo + ": expected `key = value` inside an [id] block");
            }
            kv.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
        }
        if (id != null) {
            out.add(toEntry(id, kv));
        }
        return new ModelCatalog(out);
    }

    private static Entry toEntry(String id, Map<String, String> kv) {
        String file = kv.get("file");
        String sha = kv.get("sha256");
        if (file == null || sha == null) {
            throw new IllegalArgumentException("models.lock [" + id + "] needs file and sha256");
        }
        String npm = kv.get("npm");
        String url = kv.get("url");
        String origin = npm != null ? "npm:" + npm + "/" + kv.getOrDefault("path", file) : url;
        return new Entry(id, kv.getOrDefault("pack", ""), kv.getOrDefault("role", ""), file, sha.toLowerCase(java.util.Locale.ROOT),
                kv.getOrDefault("license", ""), origin, url, kv.getOrDefault("input", ""));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Model files (detectors and embedders) of every pack, in lock-file order. */
    public List<Entry> models() {
        return entries.stream().filter(Entry::isModel).toList();
    }

    public List<Entry> pack(String pack) {
        return models().stream().filter(e -> e.pack().equals(pack)).toList();
    }

    public Optional<Entry> byId(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The one model of {@code pack} with {@code role}; fails when the lock file has none. */
    public Entry require(String pack, String role) {
        return pack(pack).stream().filter(e -> e.role().equals(role)).findFirst()
                .orElseThrow(() -> new IllegalStateException("models.lock has no " + role + " in pack " + pack));
    }
}
