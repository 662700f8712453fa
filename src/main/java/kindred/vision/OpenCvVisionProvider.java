package kindred.vision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import kindred.library.FaceAnalyzer;
import kindred.library.ModelFileInfo;
import kindred.library.ModelPacks;
import kindred.vision.ModelCatalog.Entry;

/**
 * Model packs kept in {@code <library>/models} and analyzers built on them (OpenCV + TensorFlow Lite).
 *
 * <p>The default pack (BlazeFace full-range + MobileFaceNet) ships inside the jar and is extracted into
 * the model folder on first use, hash-checked. The optional "yunet" pack (YuNet detector) is installed by
 * the user from a folder or downloaded from its pinned upstream address; once installed and verified it
 * replaces BlazeFace as the detector. Every file is written to a temporary file in the model folder, its
 * SHA-256 checked, then moved into place atomically, so a half-written model is never used.
 *
 * <p>Thread-safe. Verified hashes are remembered by file size and modification time, so making an
 * analyzer does not re-hash the models.
 */
public final class OpenCvVisionProvider implements ModelPacks {

    public static final String DEFAULT_PACK = "default";
    public static final String YUNET_PACK = "yunet";

    private final Path modelDir;
    private final ModelCatalog catalog;
    /** path → "size:mtime" of the last content whose hash matched. */
    private final Map<Path, String> verified = new ConcurrentHashMap<>();
    private final Object installLock = new Object();

    public OpenCvVisionProvider(Path modelDir) {
        this(modelDir, ModelCatalog.load());
    }

    OpenCvVisionProvider(Path modelDir, ModelCatalog catalog) {
        this.modelDir = modelDir;
        this.catalog = catalog;
    }

    public Path modelDir() {
        return modelDir;
    }

    @Override
    public FaceAnalyzer newAnalyzer() {
        return newAnalyzer(activePack());
    }

    /** An analyzer on a given pack ("default" or "yunet") at the pack's operating threshold. */
    public FaceAnalyzer newAnalyzer(String pack) {
        return newAnalyzer(pack, Double.NaN);
    }

    /**
     * An analyzer on a given pack that keeps detections down to {@code minScore} (NaN: the pack's operating
     * threshold). Lower thresholds are for evaluation sweeps only.
     */
    @Override
    public FaceAnalyzer newAnalyzer(double minScore) {
        return newAnalyzer(activePack(), minScore);
    }

    public FaceAnalyzer newAnalyzer(String pack, double minScore) {
        // Parallelism is one analyzer per core (IndexingService); OpenCV's own pool on top of that only
        // oversubscribes the cores (measured in docs/decisions/0007-speed.md).
        // -Dkindred.opencvThreads=N overrides it, for measuring.
        OpenCvFaceAnalyzer.useOpenCvThreads(Integer.getInteger("kindred.opencvThreads", 1));
        Path embedderFile = ensureDefaultPack().get("embedder");
        Entry embedderEntry = catalog.require(DEFAULT_PACK, "embedder");
        FaceDetector detector;
        if (YUNET_PACK.equals(pack)) {
            Entry e = catalog.require(YUNET_PACK, "detector");
            Path f = modelDir.resolve(e.file());
            if (!isVerified(f, e.sha256())) {
                throw new IllegalStateException("the YuNet pack is not installed: run `kindred models install --from DIR`");
            }
            detector = new YuNetDetector(e.id(), f, Double.isNaN(minScore) ? YuNetDetector.OPERATING_SCORE : minScore);
        } else {
            Entry e = catalog.require(DEFAULT_PACK, "detector");
            detector = new BlazeFaceDetector(e.id(), ensureDefaultPack().get("detector"),
                    Double.isNaN(minScore) ? BlazeFaceDetector.OPERATING_SCORE : minScore);
        }
        try {
            FaceEmbedder embedder = new MobileFaceNetEmbedder(embedderEntry.id(), embedderFile);
            return new OpenCvFaceAnalyzer(detector, new FaceAligner(), embedder);
        } catch (RuntimeException ex) {
            detector.close();
            throw ex;
        }
    }

    /**
     * The active pack's detector id as the lock file names it, which is what its analyzers report, without
     * loading any model: a scan asks it before walking, and building an analyzer for it cost the scan ≈ 60 ms of
     * CPU (docs/decisions/0007-speed.md).
     */
    @Override
    public String activeDetectorId() {
        return catalog.require(activePack(), "detector").id();
    }

    @Override
    public String activePack() {
        List<Entry> yunet = catalog.pack(YUNET_PACK);
        if (yunet.isEmpty()) {
            return DEFAULT_PACK;
        }
        for (Entry e : yunet) {
            if (!isVerified(modelDir.resolve(e.file()), e.sha256())) {
                return DEFAULT_PACK;
            }
        }
        return YUNET_PACK;
    }

    @Override
    public List<ModelFileInfo> models() {
        List<ModelFileInfo> out = new ArrayList<>();
        for (Entry e : catalog.models()) {
            Path f = modelDir.resolve(e.file());
            boolean present = isVerified(f, e.sha256()) || (DEFAULT_PACK.equals(e.pack()) && bundled(e));
            out.add(info(e, present));
        }
        return out;
    }

    @Override
    public List<ModelFileInfo> verify() throws IOException {
        verified.clear();
        List<ModelFileInfo> out = new ArrayList<>();
        for (Entry e : catalog.models()) {
            out.add(info(e, isVerified(modelDir.resolve(e.file()), e.sha256())));
        }
        return out;
    }

    @Override
    public List<ModelFileInfo> installFrom(Path dir) throws IOException {
        List<Entry> optional = catalog.models().stream().filter(e -> !DEFAULT_PACK.equals(e.pack())).toList();
        // Check everything first: nothing is installed unless every file is there and right.
        for (Entry e : optional) {
            Path src = dir.resolve(e.file());
            if (!Files.isRegularFile(src)) {
                throw new NoSuchFileException(src.toString(), null, "model file " + e.file() + " of the " + e.pack()
                        + " pack is not in " + dir + ": put it there (download it from " + e.url() + ") and try again");
            }
            String actual = Sha256.of(src);
            if (!actual.equals(e.sha256())) {
                throw new IOException(src + " is not the pinned " + e.pack() + " model (SHA-256 " + actual + ", expected "
                        + e.sha256() + "): get the file from " + e.url() + "; nothing was installed");
            }
        }
        List<ModelFileInfo> out = new ArrayList<>();
        synchronized (installLock) {
            for (Entry e : optional) {
                try (InputStream in = Files.newInputStream(dir.resolve(e.file()))) {
                    install(in, e);
                }
                out.add(info(e, true));
            }
        }
        return out;
    }

    @Override
    public List<ModelFileInfo> download(String pack) throws IOException {
        List<Entry> entries = catalog.pack(pack);
        if (entries.isEmpty() || DEFAULT_PACK.equals(pack)) {
            throw new IOException("no optional model pack called \"" + pack + "\" (known: " + YUNET_PACK + ")");
        }
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        List<ModelFileInfo> out = new ArrayList<>();
        synchronized (installLock) {
            for (Entry e : entries) {
                if (e.url() == null) {
                    throw new IOException("models.lock gives no download address for " + e.id());
                }
                HttpRequest req = HttpRequest.newBuilder(URI.create(e.url())).timeout(Duration.ofMinutes(5)).GET().build();
                HttpResponse<InputStream> resp;
                try {
                    resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IOException("download of " + e.file() + " interrupted", ie);
                }
                try (InputStream in = resp.body()) {
                    if (resp.statusCode() != 200) {
                        throw new IOException("download of " + e.file() + " from " + e.url() + " failed with HTTP "
                                + resp.statusCode() + ": check the connection, or install from a folder with --from DIR");
                    }
                    install(in, e);
                }
                out.add(info(e, true));
            }
        }
        return out;
    }

    /**
     * Makes sure the default pack is in the model folder and verified, extracting it from the jar if needed.
     *
     * @return role → installed file
     */
    Map<String, Path> ensureDefaultPack() {
        Map<String, Path> out = new java.util.HashMap<>();
        synchronized (installLock) {
            for (Entry e : catalog.pack(DEFAULT_PACK)) {
                Path f = modelDir.resolve(e.file());
                if (!isVerified(f, e.sha256())) {
                    try (InputStream in = resource(e)) {
                        if (in == null) {
                            throw new IllegalStateException("the model " + e.file() + " is missing from the application: "
                                    + "rebuild with `mvn package` so the pinned models are fetched");
                        }
                        install(in, e);
                    } catch (IOException ex) {
                        throw new UncheckedIOException("cannot install " + e.file() + " into " + modelDir + " (" + ex
                                + "): check that the folder is writable and its disk has free space", ex);
                    }
                }
                out.put(e.role(), f);
            }
        }
        return out;
    }

    private static InputStream resource(Entry e) {
        return OpenCvVisionProvider.class.getClassLoader().getResourceAsStream(ModelCatalog.RESOURCE_DIR + e.file());
    }

    private static boolean bundled(Entry e) {
        return OpenCvVisionProvider.class.getClassLoader().getResource(ModelCatalog.RESOURCE_DIR + e.file()) != null;
    }

    /** Streams into a temporary file beside the target, checks the hash, then moves it into place atomically. */
    private void install(InputStream in, Entry e) throws IOException {
        Files.createDirectories(modelDir);
        if (modelDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // Beside the user's library: owner only, like everything in it.
            Files.setPosixFilePermissions(modelDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        Path target = modelDir.resolve(e.file());
        Path tmp = Files.createTempFile(modelDir, e.file() + ".", ".part");
        try {
            var md = Sha256.digest();
            try (var out = new java.security.DigestOutputStream(Files.newOutputStream(tmp), md)) {
                in.transferTo(out);
            }
            String actual = java.util.HexFormat.of().formatHex(md.digest());
            if (!actual.equals(e.sha256())) {
                throw new IOException(e.file() + " has SHA-256 " + actual + " but " + e.sha256() + " is pinned in models.lock; "
                        + "nothing was installed (a damaged download or a different file: fetch it again from " + e.origin() + ")");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException ex) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            verified.put(target, stamp(target));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private boolean isVerified(Path f, String sha256) {
        try {
            if (!Files.isRegularFile(f)) {
                verified.remove(f);
                return false;
            }
            String stamp = stamp(f);
            if (stamp.equals(verified.get(f))) {
                return true;
            }
            if (Sha256.of(f).equals(sha256)) {
                verified.put(f, stamp);
                return true;
            }
            verified.remove(f);
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String stamp(Path f) throws IOException {
        FileTime t = Files.getLastModifiedTime(f);
        return Files.size(f) + ":" + t.toMillis();
    }

    private static ModelFileInfo info(Entry e, boolean present) {
        return new ModelFileInfo(e.id(), e.pack(), e.role(), e.file(), e.sha256(), e.license(), e.origin(), present);
    }
}
