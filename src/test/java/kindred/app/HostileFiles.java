package kindred.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes a folder of hostile and broken files beside good photos, with what Kindred must make of each. Uses
 * ImageMagick's {@code convert} for the exotic but valid formats.
 */
final class HostileFiles {

    /**
     * What a file must become: indexed with at least {@code minFaces} faces, failed with one of the reasons, or not
     * a photo at all (never counted).
     */
    record Expect(String kind, String outcome, int minFaces, List<String> reasons, String advice) {
        static Expect indexed(String kind, int minFaces) {
            return new Expect(kind, "indexed", minFaces, List.of(), "");
        }

        static Expect failed(String kind, String... reasons) {
            return new Expect(kind, "failed", 0, List.of(reasons), "");
        }

        /** Failed with one of the reasons, and a message that tells the user what to do (it contains {@code advice}). */
        static Expect failedSaying(String kind, String advice, String... reasons) {
            return new Expect(kind, "failed", 0, List.of(reasons), advice);
        }

        static Expect ignored(String kind) {
            return new Expect(kind, "ignored", 0, List.of(), "");
        }
    }

    final Path dir;
    final Map<String, Expect> files = new LinkedHashMap<>();
    final List<Path> restoreOnCleanup = new ArrayList<>();
    private final Random random = new Random(6);

    HostileFiles(Path dir) {
        this.dir = dir;
    }

    private Path put(String name, byte[] bytes, Expect e) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        files.put(dir.relativize(p).toString(), e);
        return p;
    }

    static byte[] photo(int n) throws IOException {
        return Files.readAllBytes(CliHarness.testPhotos().resolve("sample" + n + ".jpg"));
    }

    private void convert(String name, Expect e, String... args) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>();
        cmd.add("convert");
        for (String a : args) {
            cmd.add(a.replace("SAMPLE1", CliHarness.testPhotos().resolve("sample1.jpg").toString())
                    .replace("SAMPLE2", CliHarness.testPhotos().resolve("sample2.jpg").toString()));
        }
        cmd.add(out.toString().contains(":") ? out.toString() : prefixFor(name) + out);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || !Files.exists(out)) {
            throw new IllegalStateException("convert failed for " + name + ": " + log);
        }
        files.put(name, e);
    }

    private static String prefixFor(String name) {
        return name.endsWith("deep-16bit.png") ? "png48:" : "";
    }

    static boolean convertAvailable() {
        try {
            Process p = new ProcessBuilder("convert", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Writes every kind. Sample 1 has 3 faces, sample 2 has 4 (the demo group photos).
     *
     * @param permissions whether to include the unreadable file and folder (the scan must run as an ordinary user)
     */
    HostileFiles create(boolean permissions) throws Exception {
        Files.createDirectories(dir);
        byte[] good = photo(1);
        put("good.jpg", good, Expect.indexed("a good photo", 3));
        put("empty.jpg", new byte[0], Expect.failed("zero bytes", "empty"));
        put("truncated.jpg", Arrays.copyOf(good, good.length / 3), Expect.failed("truncated JPEG", "truncated"));
        byte[] noise = new byte[50_000];
        random.nextBytes(noise);
        put("random.jpg", noise, Expect.failed("random bytes named .jpg", "unsupported_format", "corrupt"));
        put("random.png", noise, Expect.failed("random bytes named .png", "unsupported_format", "corrupt"));
        put("text-pretending.jpg", "this is not a photo at all\n".repeat(100).getBytes(),
                Expect.failed("a text file named .jpg", "unsupported_format", "corrupt"));
        put("bomb.png", TestImages.pngClaiming(60_000, 60_000), Expect.failed("PNG claiming 60,000 × 60,000", "too_large"));
        put("huge-exif.jpg", withSegments(good, hugeExif()), Expect.indexed("JPEG with 640 KB of EXIF (10 APP1 segments, IFD claiming 65,535 entries)", 3));
        put("exif-ifd-loop.jpg", withSegments(good, List.of(exif(ifdLoop()))), Expect.indexed("EXIF whose IFD points to itself", 3));
        put("bad-orientation.jpg", withSegments(good, List.of(exif(orientation(0x1234)))),
                Expect.indexed("EXIF orientation 0x1234 (valid: 1..8)", 3));
        put("photo-named.png", good, Expect.indexed("a JPEG named .png", 3));
        put("name with spaces.jpg", good, Expect.indexed("spaces in the name", 3));
        put("new\nline.jpg", good, Expect.indexed("a newline in the name", 3));
        put("Ünïcødé 写真 😀.jpg", good, Expect.indexed("Unicode and emoji in the name", 3));
        put("album.jpg/inside.jpg", photo(2), Expect.indexed("a folder named like a photo", 1));
        put("phone.heic", Arrays.copyOf(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}, 4096),
                Expect.failed("a HEIC header with no image after it", "corrupt", "truncated"));
        phoneAndCameraFiles();
        if (convertAvailable()) {
            convert("cmyk.jpg", Expect.indexed("CMYK JPEG", 3), "SAMPLE1", "-colorspace", "CMYK");
            convert("gray.jpg", Expect.indexed("grayscale JPEG", 2), "SAMPLE1", "-colorspace", "Gray");
            convert("deep-16bit.png", Expect.indexed("16-bit PNG", 3), "SAMPLE1", "-depth", "16");
            convert("animated.gif", Expect.indexed("animated GIF (first frame)", 0), "-delay", "50", "SAMPLE1", "SAMPLE2", "-loop", "0");
            convert("multi-page.tif", Expect.indexed("multi-page TIFF (first page)", 3), "SAMPLE1", "SAMPLE2");
            byte[] png = Files.readAllBytes(convertTo("full.png", "SAMPLE1"));
            put("truncated.png", Arrays.copyOf(png, png.length / 2), Expect.failed("truncated PNG", "truncated"));
            Files.delete(dir.resolve("full.png"));
            convert("tiny.bmp", Expect.indexed("a 1 × 1 BMP", 0), "-size", "1x1", "xc:white");
        }
        Path loop = dir.resolve("links/loop");
        Files.createDirectories(loop.getParent());
        Files.createSymbolicLink(loop, dir.resolve("links"));
        Files.createSymbolicLink(dir.resolve("links/dangling.jpg"), dir.resolve("no-such-target.jpg"));
        Path fifo = dir.resolve("pipe.jpg");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (p.waitFor() == 0) {
            files.put("pipe.jpg", Expect.ignored("a named pipe called .jpg (reading it would block forever)"));
        }
        if (permissions) {
            Path locked = put("locked.jpg", good, Expect.failed("no read permission on the file", "unreadable"));
            Files.setPosixFilePermissions(locked, java.util.Set.of());
            Path lockedDir = dir.resolve("locked-folder");
            put("locked-folder/hidden-from-us.jpg", good, Expect.ignored("a photo in a folder without permission (a warning)"));
            Files.setPosixFilePermissions(lockedDir, java.util.Set.of());
            restoreOnCleanup.add(lockedDir);
            restoreOnCleanup.add(locked);
        }
        return this;
    }

    /** The real iPhone grid photo (48 HEVC tiles, 4032 × 3024) in the shared folder, or null when it is absent. */
    static Path iphoneGrid() {
        Path p = CliHarness.shared().resolve("fixtures/formats/heic/iphone7_grid_IMG_2682.heic");
        return Files.isRegularFile(p) ? p : null;
    }

    /** Whether a command-line tool is on the PATH. */
    static boolean installed(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs an encoder (heif-enc, avifenc) and gives the file it wrote. */
    static byte[] encode(Path out, String... command) throws Exception {
        Files.createDirectories(out.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(out)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + log);
        }
        byte[] b = Files.readAllBytes(out);
        Files.delete(out);
        return b;
    }

    /** Demo photo n as a HEIC written by heif-enc (Debian: libheif-examples). */
    static byte[] heic(Path work, int n, int quality) throws Exception {
        Path out = work.resolve("s" + n + "-q" + quality + ".heic");
        return encode(out, "heif-enc", "-q", Integer.toString(quality), "-o", out.toString(),
                CliHarness.testPhotos().resolve("sample" + n + ".jpg").toString());
    }

    /** Demo photo n as an AVIF written by avifenc (Debian: libavif-bin). */
    static byte[] avif(Path work, int n) throws Exception {
        Path out = work.resolve("s" + n + ".avif");
        return encode(out, "avifenc", "-s", "8", CliHarness.testPhotos().resolve("sample" + n + ".jpg").toString(), out.toString());
    }

    /**
     * HEIC, AVIF and camera RAW kinds (issue 15): phone photos encoded here from a demo photo, damaged copies of the
     * real iPhone grid photo, RAWs built here around a demo photo, misnamed files. Each kind whose tool or fixture
     * is missing is left out with a printed reason.
     */
    void phoneAndCameraFiles() throws Exception {
        byte[] good = photo(1);
        Path work = Files.createDirectories(dir.getParent().resolve("hostile-work"));
        if (installed("heif-enc")) {
            byte[] heic = heic(work, 1, 80);
            put("phone-photo.heic", heic, Expect.indexed("a demo photo as HEIC (heif-enc)", 3));
            put("heic-named.jpg", heic, Expect.indexed("a HEIC named .jpg (decoded as HEIC)", 3));
            put("cut-at-half.heic", Arrays.copyOf(heic, heic.length / 2), Expect.failedSaying("a HEIC cut at half", "Copy it again", "truncated"));
        } else {
            System.out.println("hostile files: HEIC kinds skipped: heif-enc is not installed (Debian: libheif-examples)");
        }
        if (installed("avifenc")) {
            put("phone-avif.avif", avif(work, 1), Expect.indexed("a demo photo as AVIF (avifenc)", 3));
        } else {
            System.out.println("hostile files: AVIF kind skipped: avifenc is not installed (Debian: libavif-bin)");
        }
        Path grid = iphoneGrid();
        if (grid != null) {
            byte[] iphone = Files.readAllBytes(grid);
            HeifEdits edits = new HeifEdits(iphone);
            List<Integer> tiles = edits.gridTiles();
            put("grid-garbled-tile.heic", new HeifEdits(iphone).garbleItem(tiles.get(tiles.size() / 2), 15).bytes(),
                    Expect.failedSaying("an iPhone grid with one tile's coded bytes overwritten by garbage", "save a JPEG of it", "corrupt"));
            HeifEdits.Extent last = edits.extentsOf(tiles.get(tiles.size() - 1)).get(0);
            put("grid-cut-in-last-tiles.heic", Arrays.copyOf(iphone, (int) (last.offset() + last.length() / 2)),
                    Expect.failedSaying("an iPhone grid cut short inside its last tile", "Copy it again", "truncated"));
            put("grid-100000x100000.heic", new HeifEdits(iphone).declareSize(4032, 3024, 100_000, 100_000).bytes(),
                    Expect.failedSaying("an iPhone grid declaring 100,000 × 100,000 pixels", "open it in another program", "too_large"));
        } else {
            System.out.println("hostile files: iPhone grid kinds skipped: " + CliHarness.shared().resolve("fixtures/formats/heic")
                    + " is absent (the shared development folder exists only in the team's workplace)");
        }
        byte[] noPreview = new byte[2000];
        Arrays.fill(noPreview, (byte) 0x55);
        put("preview-past-end.cr2", SyntheticRaws.cr2Like(good, 1, 1 << 30, good.length, noPreview),
                Expect.failedSaying("a CR2 whose preview offset points past the end of the file", "Save a JPEG of it", "unsupported_format"));
        put("camera.cr2", SyntheticRaws.cr2Like(good, 1), Expect.indexed("a CR2-like RAW wrapping a demo JPEG as its preview", 3));
        put("jpeg-named.nef", good, Expect.indexed("a JPEG named .nef (indexed as a JPEG)", 3));
    }

    private Path convertTo(String name, String input) throws Exception {
        convert(name, null, input);
        files.remove(name);
        return dir.resolve(name);
    }

    /** Gives back permissions so the temporary folder can be deleted. */
    void cleanup() throws IOException {
        for (Path p : restoreOnCleanup) {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    // ------------------------------------------------------------------ EXIF building

    /** The JPEG with these APPn segments (each given with marker and length) inserted after SOI. */
    static byte[] withSegments(byte[] jpeg, List<byte[]> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        segments.forEach(out::writeBytes);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** An APP1 Exif segment around TIFF data. */
    static byte[] exif(byte[] tiff) {
        byte[] header = {'E', 'x', 'i', 'f', 0, 0};
        int len = 2 + header.length + tiff.length;
        ByteBuffer b = ByteBuffer.allocate(2 + len).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0xFF).put((byte) 0xE1).putShort((short) len).put(header).put(tiff);
        return b.array();
    }

    private static ByteBuffer tiff(int size) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        return b;
    }

    static byte[] orientation(int value) {
        ByteBuffer b = tiff(8 + 2 + 12 + 4);
        b.putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) value).putShort((short) 0);
        b.putInt(0);
        return b.array();
    }

    static byte[] ifdLoop() {
        ByteBuffer b = tiff(8 + 2 + 12 + 4);
        b.putShort((short) 1);
        b.putShort((short) 0x010E).putShort((short) 2).putInt(4).put(new byte[] {'a', 'b', 'c', 0});
        b.putInt(8); // next IFD: itself
        return b.array();
    }

    private List<byte[]> hugeExif() {
        List<byte[]> out = new ArrayList<>();
        int max = 65_533 - 2 - 6;
        ByteBuffer first = tiff(max);
        first.putShort((short) 0xFFFF); // 65,535 entries claimed, garbage follows
        byte[] garbage = new byte[max - first.position()];
        random.nextBytes(garbage);
        first.put(garbage);
        out.add(exif(first.array()));
        for (int i = 0; i < 9; i++) {
            byte[] junk = new byte[max];
            random.nextBytes(junk);
            out.add(exif(junk));
        }
        return out;
    }
}
