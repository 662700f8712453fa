import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the {@code installer} Maven profile (run with the JDK's single-file source launcher, like
 * assets/models/FetchModels.java): makes the installable package of Kindred for the system it runs on.
 *
 * <ol>
 *   <li>copies the shaded jar without the entries listed in {@code installer/trim.conf} (natives of unused
 *       OpenCV modules, the OpenBLAS Java bindings, sqlite natives of other systems...);</li>
 *   <li>finds the Java modules the jar needs with {@code jdeps}, adds those of {@code installer/modules.conf},
 *       and makes a runtime of only those with {@code jlink};</li>
 *   <li>makes the application image with {@code jpackage --type app-image} ({@code installer/app.conf} and
 *       {@code installer/<os>/app.conf});</li>
 *   <li>makes the package from that image with {@code jpackage --app-image} ({@code installer/package.conf}
 *       and {@code installer/<os>/package.conf}): a .deb on Linux, a .msi on Windows, a .dmg on macOS.</li>
 * </ol>
 *
 * <p>Everything goes under {@code --out} (target/installer): {@code input/}, {@code runtime/}, {@code image/}
 * and the package file. Exit status 0 on success; 1 with a message saying what failed.
 */
public final class Package {

    private final Path basedir;
    private final Path jar;
    private final Path out;
    private final String version;
    private final String platform;
    private final String os;
    private final String type;
    private final Path javaHome;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private int steps;

    private Package(Map<String, String> opts) {
        basedir = Path.of(opts.getOrDefault("basedir", ".")).toAbsolutePath().normalize();
        jar = basedir.resolve(opts.getOrDefault("jar", "target/kindred.jar"));
        out = basedir.resolve(opts.getOrDefault("out", "target/installer"));
        version = appVersion(opts.getOrDefault("version", "0.0.0"));
        platform = opts.getOrDefault("platform", "linux-x86_64");
        os = osFolder(System.getProperty("os.name"));
        type = opts.getOrDefault("type", "");
        javaHome = Path.of(opts.getOrDefault("java-home", System.getProperty("java.home")));
        vars.put("basedir", basedir.toString());
        vars.put("version", version);
        vars.put("platform", platform);
        vars.put("sqlite.native", sqliteFolder(platform));
    }

    public static void main(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                fail("usage: Package [--basedir DIR] [--jar JAR] [--out DIR] [--version V] [--platform P] [--type T]");
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        try {
            new Package(opts).run();
        } catch (IOException | UncheckedIOException e) {
            fail(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private void run() throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: the installer profile runs after the shade step (mvn -Pinstaller -DskipTests package)");
        }
        deleteTree(out);
        Path input = Files.createDirectories(out.resolve("input"));
        Path trimmed = input.resolve("kindred.jar");
        long t0 = System.nanoTime();
        int dropped = trim(jar, trimmed, readLines(basedir.resolve("installer/trim.conf")));
        log("packaged jar %s: %d MB (shaded jar %d MB, %d entries left out) [%ds]", basedir.relativize(trimmed),
                mb(Files.size(trimmed)), mb(Files.size(jar)), dropped, secs(t0));

        // JavaFX's module jars beside the packaged jar, as target/javafx/ is beside target/kindred.jar: the launcher
        // (kindred.app.Launcher) loads them as named modules. The Java modules they require join the runtime.
        Path javafx = Files.createDirectories(input.resolve("javafx"));
        TreeSet<String> javafxNeeds = new TreeSet<>();
        Path builtJavafx = jar.resolveSibling("javafx");
        if (!Files.isDirectory(builtJavafx)) {
            fail(builtJavafx + " is missing: the build copies JavaFX's module jars there in `package`");
        }
        try (Stream<Path> s = Files.list(builtJavafx)) {
            for (Path j : s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                for (var m : java.lang.module.ModuleFinder.of(j).findAll()) {
                    if (m.descriptor().isAutomatic()) {
                        continue; // OpenJFX's empty platform-less jars
                    }
                    Files.copy(j, javafx.resolve(j.getFileName()));
                    for (var r : m.descriptor().requires()) {
                        if (!r.modifiers().contains(java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC)
                                && (r.name().startsWith("java.") || r.name().startsWith("jdk."))) {
                            javafxNeeds.add(r.name());
                        }
                    }
                }
            }
        }
        log("JavaFX modules %s: %d MB, needing %s", basedir.relativize(javafx), mb(treeSize(javafx)), String.join(",", javafxNeeds));

        t0 = System.nanoTime();
        TreeSet<String> modules = new TreeSet<>(jdeps(trimmed));
        modules.addAll(javafxNeeds);
        modules.addAll(readLines(basedir.resolve("installer/modules.conf")));
        Path runtime = out.resolve("runtime");
        exec(List.of(tool("jlink"), "--add-modules", String.join(",", modules), "--output", runtime.toString(),
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2"));
        log("runtime %s: %s [%ds]", basedir.relativize(runtime), String.join(",", modules), secs(t0));

        t0 = System.nanoTime();
        Path images = out.resolve("image");
        List<String> app = new ArrayList<>(List.of(tool("jpackage"), "--type", "app-image", "--app-version", version,
                "--input", input.toString(), "--runtime-image", runtime.toString(), "--dest", images.toString()));
        app.addAll(readOptions(basedir.resolve("installer/app.conf")));
        app.addAll(readOptions(basedir.resolve("installer/" + os + "/app.conf")));
        exec(app);
        Path image;
        try (Stream<Path> s = Files.list(images)) {
            image = s.findFirst().orElseThrow(() -> new IOException("jpackage made no application image in " + images));
        }
        log("application image %s: %d MB [%ds]", basedir.relativize(image), mb(treeSize(image)), secs(t0));

        if ("app-image".equals(type)) {
            return;
        }
        t0 = System.nanoTime();
        List<String> pkg = new ArrayList<>(List.of(tool("jpackage"), "--app-image", image.toString(),
                "--app-version", version, "--dest", out.toString()));
        pkg.addAll(readOptions(basedir.resolve("installer/package.conf")));
        pkg.addAll(readOptions(basedir.resolve("installer/" + os + "/package.conf")));
        if (!type.isEmpty()) {
            int i = pkg.indexOf("--type");
            if (i >= 0) {
                pkg.set(i + 1, type);
            } else {
                pkg.addAll(List.of("--type", type));
            }
        }
        exec(pkg);
        try (Stream<Path> s = Files.list(out)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                log("package %s: %.1f MB [%ds]", basedir.relativize(p), Files.size(p) / 1e6, secs(t0));
            }
        }
    }

    /** Copies the jar without the entries the patterns drop; returns how many were dropped. */
    static int trim(Path from, Path to, List<String> patterns) throws IOException {
        List<Pattern> drop = new ArrayList<>();
        List<Boolean> keep = new ArrayList<>();
        for (String p : patterns) {
            boolean k = p.startsWith("!");
            drop.add(glob(k ? p.substring(1) : p));
            keep.add(k);
        }
        int dropped = 0;
        try (ZipFile zf = new ZipFile(from.toFile()); OutputStream os = Files.newOutputStream(to);
             ZipOutputStream zos = new ZipOutputStream(os)) {
            for (ZipEntry e : java.util.Collections.list(zf.entries())) {
                boolean left = false;
                for (int i = 0; i < drop.size(); i++) {
                    if (drop.get(i).matcher(e.getName()).matches()) {
                        left = !keep.get(i);
                    }
                }
                if (left) {
                    dropped++;
                    continue;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                zos.putNextEntry(copy);
                try (InputStream in = zf.getInputStream(e)) {
                    in.transferTo(zos);
                }
                zos.closeEntry();
            }
        }
        return dropped;
    }

    /** `*` matches within one path segment, `**` across segments (a trailing `/**` also matches the folder). */
    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                re.append(".*");
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private List<String> jdeps(Path jarFile) throws IOException, InterruptedException {
        String line = exec(List.of(tool("jdeps"), "--ignore-missing-deps", "--print-module-deps", "--multi-release", "17",
                jarFile.toString())).strip();
        String last = line.lines().reduce((a, b) -> b).orElse("");
        if (!last.startsWith("java.")) {
            throw new IOException("jdeps did not print a module list: " + line);
        }
        return List.of(last.split(","));
    }

    private String tool(String name) {
        String exe = os.equals("windows") ? name + ".exe" : name;
        Path p = javaHome.resolve("bin").resolve(exe);
        if (!Files.isExecutable(p)) {
            fail(name + " is not in " + javaHome + "/bin: the installer needs a full JDK 17 or later (with jmods)");
        }
        return p.toString();
    }

    private String exec(List<String> cmd) throws IOException, InterruptedException {
        log("$ %s", String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).directory(basedir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        int code = p.waitFor();
        Path logs = Files.createDirectories(out.resolve("logs"));
        Files.writeString(logs.resolve(Path.of(cmd.get(0)).getFileName() + "-" + (++steps) + ".log"),
                String.join(" ", cmd) + "\n\n" + output);
        if (code != 0) {
            System.err.print(output);
            String hint = os.equals("linux") && cmd.get(0).endsWith("jpackage")
                    ? " (a .deb needs dpkg-deb and fakeroot: apt-get install fakeroot dpkg-dev binutils)"
                    : os.equals("windows") && cmd.get(0).endsWith("jpackage.exe")
                    ? " (a .msi needs the WiX Toolset 3 on PATH)" : "";
            throw new IOException(Path.of(cmd.get(0)).getFileName() + " failed with exit status " + code + hint);
        }
        return output;
    }

    /** Non-comment, non-blank lines with ${var} replaced. */
    private List<String> readLines(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(file)) {
            return lines;
        }
        for (String l : Files.readAllLines(file)) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                lines.add(expand(t, file));
            }
        }
        return lines;
    }

    /** `--option value` lines (value: the rest of the line) into an argument list. */
    private List<String> readOptions(Path file) throws IOException {
        List<String> args = new ArrayList<>();
        for (String l : readLines(file)) {
            int sp = l.indexOf(' ');
            if (!l.startsWith("--")) {
                throw new IOException(file + ": expected `--option value`, got: " + l);
            }
            if (sp < 0) {
                args.add(l);
            } else {
                args.add(l.substring(0, sp));
                args.add(l.substring(sp + 1).strip());
            }
        }
        return args;
    }

    private String expand(String s, Path file) throws IOException {
        for (Map.Entry<String, String> v : vars.entrySet()) {
            s = s.replace("${" + v.getKey() + "}", v.getValue());
        }
        if (s.contains("${")) {
            throw new IOException(file + ": unknown variable in: " + s + " (known: " + vars.keySet() + ")");
        }
        return s;
    }

    /** jpackage wants 1 to 3 numbers (macOS, Windows): 0.1.0-SNAPSHOT becomes 0.1.0. */
    static String appVersion(String mavenVersion) {
        String v = mavenVersion.replaceFirst("-.*$", "");
        if (!v.matches("\\d+(\\.\\d+){0,2}")) {
            throw new IllegalArgumentException("version " + mavenVersion + " does not start with 1 to 3 numbers");
        }
        return v;
    }

    static String osFolder(String osName) {
        String n = osName.toLowerCase(Locale.ROOT);
        return n.contains("win") ? "windows" : n.contains("mac") ? "mac" : "linux";
    }

    /** Where sqlite-jdbc keeps its native library for a JavaCPP platform name. */
    static String sqliteFolder(String platform) {
        String[] p = platform.split("-", 2);
        String sys = switch (p[0]) {
            case "windows" -> "Windows";
            case "macosx" -> "Mac";
            default -> "Linux";
        };
        String arch = switch (p.length > 1 ? p[1] : "x86_64") {
            case "arm64" -> "aarch64";
            case "x86" -> "x86";
            default -> "x86_64";
        };
        return sys + "/" + arch;
    }

    private static long treeSize(Path dir) throws IOException {
        long[] size = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                size[0] += a.size();
                return FileVisitResult.CONTINUE;
            }
        });
        return size[0];
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long mb(long bytes) {
        return Math.round(bytes / 1e6);
    }

    private static long secs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000_000L;
    }

    private static void log(String fmt, Object... args) {
        System.out.println("[kindred installer] " + String.format(Locale.ROOT, fmt, args));
    }

    private static void fail(String message) {
        System.err.println("[kindred installer] " + message);
        System.exit(1);
    }
}
