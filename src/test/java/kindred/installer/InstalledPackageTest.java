package kindred.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux package built by {@code mvn -Pinstaller} (installer/Package.java), checked as a user gets it:
 * unpacked with {@code dpkg-deb -x} into a clean folder and run from there with no Java on PATH, no
 * JAVA_HOME and a fresh home folder. Runs only in the installer profile's {@code installer-check} step,
 * which sets {@code kindred.installerDir}; skipped everywhere else.
 */
@Tag("installer")
class InstalledPackageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path deb;
    private static Path root;
    private static Path app;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void unpack() throws Exception {
        String dir = System.getProperty("kindred.installerDir");
        assumeTrue(dir != null, "only in `mvn -Pinstaller verify` (installer-check step)");
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"), "checks the Linux .deb");
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().matches("kindred_.*\\.deb")).toList();
            assertThat(debs).as("one kindred_*.deb in " + dir).hasSize(1);
            deb = debs.get(0);
        }
        root = tmp.resolve("root");
        Files.createDirectories(root);
        run(List.of("dpkg-deb", "-x", deb.toString(), root.toString()), Map.of(), 120).assertOk();
        app = root.resolve("opt/kindred");
    }

    @Test
    void packageIsSmallAndDescribed() throws Exception {
        long size = Files.size(deb);
        System.out.printf(Locale.ROOT, "[installer check] %s: %.1f MB%n", deb.getFileName(), size / 1e6);
        assertThat(size).as("package size (target < 150 MB)").isLessThan(150_000_000L);

        Result control = run(List.of("dpkg-deb", "-f", deb.toString(), "Package", "Architecture", "Depends"), Map.of(), 60);
        control.assertOk();
        assertThat(control.out).contains("Package: kindred").contains("libgtk-3-0");
    }

    @Test
    void containsLauncherRuntimeModelsAndMenuEntry() throws Exception {
        assertThat(app.resolve("bin/kindred")).isExecutable();
        Path runtime = app.resolve("lib/runtime");
        assertThat(runtime.resolve("lib/modules")).isRegularFile();
        String release = Files.readString(runtime.resolve("release"));
        assertThat(release).contains("JAVA_VERSION=\"17").contains("java.base").doesNotContain("jdk.compiler");

        try (ZipFile jar = new ZipFile(app.resolve("lib/app/kindred.jar").toFile())) {
            assertThat(jar.getEntry("kindred/models/models.lock")).isNotNull();
            String lock = new String(jar.getInputStream(jar.getEntry("kindred/models/models.lock")).readAllBytes(),
                    StandardCharsets.UTF_8);
            // Every file of the default pack is inside the packaged jar.
            List<String> defaultFiles = defaultPackFiles(lock);
            assertThat(defaultFiles).isNotEmpty();
            for (String f : defaultFiles) {
                assertThat(jar.getEntry("kindred/models/" + f)).as("model " + f + " in the packaged jar").isNotNull();
            }
            // Natives for this platform only.
            assertThat(jar.stream().map(e -> e.getName()).filter(n -> n.contains("/windows-x86_64/")
                    || n.contains("/macosx-arm64/") || n.contains("/macosx-x86_64/") || n.startsWith("org/sqlite/native/Windows/")
                    || n.startsWith("org/sqlite/native/Mac/"))).isEmpty();
        }

        Path desktop;
        try (Stream<Path> s = Files.list(app.resolve("lib"))) {
            desktop = s.filter(p -> p.toString().endsWith(".desktop")).findFirst().orElseThrow();
        }
        String entry = Files.readString(desktop);
        assertThat(entry).contains("Name=Kindred").contains("Exec=/opt/kindred/bin/kindred");
        String icon = entry.lines().filter(l -> l.startsWith("Icon=")).findFirst().orElseThrow().substring(5);
        assertThat(root.resolve(icon.substring(1))).isRegularFile();
    }

    @Test
    void uninstallLeavesTheUsersLibraryAlone() throws Exception {
        Path control = tmp.resolve("control");
        run(List.of("dpkg-deb", "-e", deb.toString(), control.toString()), Map.of(), 60).assertOk();
        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst).contains("xdg-desktop-menu install").contains("/usr/bin/kindred");
        for (String script : List.of("prerm", "postrm", "preinst", "postinst")) {
            Path f = control.resolve(script);
            if (Files.exists(f)) {
                String text = Files.readString(f);
                assertThat(text).as(script).doesNotContain("rm -r").doesNotContain(".local/share").doesNotContain("$HOME")
                        .doesNotContain("/home");
            }
        }
    }

    @Test
    void runsWithoutSystemJavaAndFindsModelsAndLibraryByItself() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path photos = copyTestPhotos(tmp.resolve("photos"));
        Path launcher = app.resolve("bin/kindred");

        // A fresh library on an explicit path.
        Path lib = tmp.resolve("lib-explicit");
        JsonNode status = json(run(List.of(launcher.toString(), "--json", "--library", lib.toString(), "status"), env(home), 180));
        for (String key : List.of("photos", "faces", "people", "clusters", "failed_photos", "pending_jobs", "model_pack", "library")) {
            assertThat(status.has(key)).as("status has " + key + ": " + status).isTrue();
        }
        assertThat(status.get("photos").asInt()).isZero();
        assertThat(status.get("model_pack").asText()).isEqualTo("default");
        assertThat(status.get("library").asText()).isEqualTo(lib.toString());

        // No --library: the per-user folder under the (fresh) home; the default models come out of the package.
        JsonNode scan = json(run(List.of(launcher.toString(), "--json", "scan", photos.toString()), env(home), 600));
        assertThat(scan.get("faces_found").asInt()).as("faces found by the installed program: " + scan).isPositive();
        Path userLibrary = home.resolve(".local/share/kindred");
        assertThat(userLibrary.resolve("models")).isDirectory();
        try (Stream<Path> s = Files.list(userLibrary.resolve("models"))) {
            assertThat(s.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".tflite"));
        }
        JsonNode after = json(run(List.of(launcher.toString(), "--json", "status"), env(home), 180));
        assertThat(after.get("library").asText()).isEqualTo(userLibrary.toString());
        assertThat(after.get("faces").asInt()).isEqualTo(scan.get("faces_found").asInt());
    }

    @Test
    void optionalYuNetPackWorksWithThePackagedNatives() throws Exception {
        Path shared = Path.of(System.getProperty("kindred.shared", "../shared"), "models");
        assumeTrue(Files.isDirectory(shared) && hasOnnx(shared), "no YuNet model in " + shared);
        Path home = Files.createDirectories(tmp.resolve("home-yunet"));
        Path photos = copyTestPhotos(tmp.resolve("photos-yunet"));
        Path lib = tmp.resolve("lib-yunet");
        String launcher = app.resolve("bin/kindred").toString();
        run(List.of(launcher, "--json", "--library", lib.toString(), "models", "install", "--from", shared.toString()),
                env(home), 180).assertOk();
        JsonNode scan = json(run(List.of(launcher, "--json", "--library", lib.toString(), "scan", photos.toString()), env(home), 600));
        assertThat(scan.get("faces_found").asInt()).as("faces found with YuNet: " + scan).isPositive();
        JsonNode status = json(run(List.of(launcher, "--json", "--library", lib.toString(), "status"), env(home), 180));
        assertThat(status.get("model_pack").asText()).isEqualTo("yunet");
    }

    @Test
    void decodesAHeicWithThePackagedFfmpeg() throws Exception {
        // FFmpeg's natives are trimmed (installer/trim.conf): what is left must still load and decode.
        try (ZipFile jar = new ZipFile(app.resolve("lib/app/kindred.jar").toFile())) {
            List<String> ffmpeg = jar.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/bytedeco/ffmpeg/linux-x86_64/")).toList();
            assertThat(ffmpeg).as("FFmpeg natives in the packaged jar").anyMatch(n -> n.contains("libavcodec"))
                    .anyMatch(n -> n.contains("libavformat")).anyMatch(n -> n.contains("libswscale"))
                    .noneMatch(n -> n.contains("avdevice") || n.contains("avfilter") || n.endsWith("/ffmpeg") || n.endsWith("/ffprobe"));
        }
        Path heifEnc = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "heif-enc")).filter(Files::isExecutable).findFirst().orElse(null);
        if (heifEnc == null) {
            System.out.println("[installer check] skipped the HEIC scan: heif-enc is not installed (Debian: libheif-examples)");
        }
        assumeTrue(heifEnc != null, "heif-enc is not installed (Debian: libheif-examples)");
        Path from = Path.of(System.getProperty("kindred.testPhotos", "target/test-photos"), "sample1.jpg");
        Path photos = Files.createDirectories(tmp.resolve("photos-heic"));
        Path heic = photos.resolve("sample1.heic");
        run(List.of(heifEnc.toString(), "-q", "90", "-o", heic.toString(), from.toString()), Map.of(), 300).assertOk();
        Path home = Files.createDirectories(tmp.resolve("home-heic"));
        Path lib = tmp.resolve("lib-heic");
        JsonNode scan = json(run(List.of(app.resolve("bin/kindred").toString(), "--json", "--library", lib.toString(), "scan",
                photos.toString()), env(home), 600));
        assertThat(scan.get("photos_indexed").asInt()).as("the HEIC indexed by the installed program: " + scan).isEqualTo(1);
        assertThat(scan.get("photos_failed").asInt()).as(scan.toString()).isZero();
        assertThat(scan.get("faces_found").asInt()).as("faces found in the HEIC: " + scan).isPositive();
    }

    /**
     * Installs the package for real with apt (as a user does: `apt-get install ./kindred_….deb`), runs the installed
     * `kindred` (its version, a scan of the demo photos), removes it, and checks the library stays. Needs root (CI runs
     * as root) and apt; the package's postinst must succeed with or without a desktop menu (menu entry best effort).
     */
    @Test
    void installsRunsAndRemovesWithApt() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean apt = Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg"));
        if (!root || !apt) {
            System.out.println("[installer check] skipped the real install: needs root and apt-get (CI has both)");
        }
        assumeTrue(root && apt, "needs root and apt-get");
        assumeTrue(!Files.exists(Path.of("/opt/kindred")), "a Kindred is installed here already; not touching it");
        Map<String, String> aptEnv = new java.util.HashMap<>(System.getenv());
        aptEnv.put("DEBIAN_FRONTEND", "noninteractive");
        Path home = Files.createDirectories(tmp.resolve("home-installed"));
        Path photos = copyTestPhotos(tmp.resolve("photos-installed"));
        try {
            Result install = run(List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", deb.toAbsolutePath().toString()),
                    aptEnv, 900);
            install.assertOk();
            assertThat(Path.of("/usr/bin/kindred")).as("kindred on PATH").exists();
            Result version = run(List.of("/usr/bin/kindred", "--version"), env(home), 120);
            version.assertOk();
            String expected = System.getProperty("kindred.version", "");
            assertThat(version.out()).as("--version of the installed program").startsWith("Kindred ").doesNotContain("development build");
            if (!expected.isEmpty()) {
                assertThat(version.out()).contains(expected);
            }
            JsonNode scan = json(run(List.of("/usr/bin/kindred", "--json", "scan", photos.toString()), env(home), 600));
            assertThat(scan.get("faces_found").asInt()).as("faces found by the installed program: " + scan).isPositive();
        } finally {
            Result remove = run(List.of("apt-get", "remove", "-y", "-q", "kindred"), aptEnv, 600);
            remove.assertOk();
        }
        assertThat(Path.of("/usr/bin/kindred")).as("the link goes with the package").doesNotExist();
        assertThat(Path.of("/opt/kindred/bin/kindred")).as("the program goes with the package").doesNotExist();
        assertThat(home.resolve(".local/share/kindred/library.db")).as("the user's library stays").isRegularFile();
    }

    @Test
    void opensTheWindowWithThePackagedRuntime() throws Exception {
        String display = System.getenv("DISPLAY");
        assumeTrue(display != null && !display.isBlank(), "no DISPLAY (CI starts Xvfb)");
        Path home = Files.createDirectories(tmp.resolve("home-window"));
        Map<String, String> env = env(home);
        env.put("DISPLAY", display);
        ProcessBuilder pb = new ProcessBuilder(app.resolve("bin/kindred").toString(), "--library", tmp.resolve("lib-window").toString());
        pb.environment().clear();
        pb.environment().putAll(env);
        File err = Files.createTempFile(tmp, "window", ".txt").toFile();
        pb.redirectErrorStream(true).redirectOutput(err);
        Process p = pb.start();
        try {
            // The menu entry runs exactly this; a missing module or native shows as an early exit or a trace.
            boolean exited = p.waitFor(25, TimeUnit.SECONDS);
            String log = Files.readString(err.toPath());
            assertThat(exited).as("the window process ended early:\n" + log).isFalse();
            assertThat(log).doesNotContain("Exception in").doesNotContain("UnsatisfiedLinkError")
                    .doesNotContain("NoClassDefFoundError");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    // --- helpers ---

    /**
     * The environment of a user without Java: PATH is an empty folder (no java, no JAVA_HOME), HOME and the
     * JVM's user.home are a fresh folder (so JavaCPP unpacks its natives there, as on first start).
     */
    private static Map<String, String> env(Path home) throws IOException {
        Path emptyBin = Files.createDirectories(tmp.resolve("empty-bin"));
        Map<String, String> env = new HashMap<>();
        env.put("PATH", emptyBin.toString());
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        return env;
    }

    private static Path copyTestPhotos(Path to) throws IOException {
        Path from = Path.of(System.getProperty("kindred.testPhotos", "target/test-photos"));
        assertThat(from).as("test photos (fetched by the build)").isDirectory();
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
        return to;
    }

    private static boolean hasOnnx(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.toString().endsWith(".onnx"));
        }
    }

    private static List<String> defaultPackFiles(String lock) {
        List<String> files = new ArrayList<>();
        String file = null;
        boolean isDefault = false;
        boolean isModel = false;
        for (String line : (lock + "\n[end]").lines().toList()) {
            String t = line.strip();
            if (t.startsWith("[")) {
                if (file != null && isDefault && isModel) {
                    files.add(file);
                }
                file = null;
                isDefault = false;
                isModel = false;
            } else if (t.startsWith("file") && t.contains("=")) {
                file = t.substring(t.indexOf('=') + 1).strip();
            } else if (t.replace(" ", "").equals("pack=default")) {
                isDefault = true;
            } else if (t.replace(" ", "").matches("role=(detector|embedder)")) {
                isModel = true;
            }
        }
        return files;
    }

    private static JsonNode json(Result r) throws IOException {
        r.assertOk();
        return JSON.readTree(r.out);
    }

    private record Result(List<String> cmd, int code, String out, String err) {
        void assertOk() {
            assertThat(code).as(String.join(" ", cmd) + " exit status; stderr:\n" + err + "\nstdout:\n" + out).isZero();
        }
    }

    private static Result run(List<String> cmd, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        File out = Files.createTempFile(tmp, "out", ".txt").toFile();
        File err = Files.createTempFile(tmp, "err", ".txt").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(cmd, p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }
}
