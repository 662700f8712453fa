package kindred.metadata;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.SerializeOptions;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import kindred.library.KindredVersion;
import kindred.library.MetadataReader;
import kindred.library.PhotoMetadata;
import kindred.library.Twins;
import kindred.library.regions.ExportOptions;
import kindred.library.regions.FaceRegion;
import kindred.library.regions.FaceRegionMetadata;
import kindred.library.regions.FileChange;
import kindred.library.regions.RegionRead;
import kindred.library.regions.RegionWriteResult;
import kindred.library.regions.SidecarNaming;
import kindred.model.FaceBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files that carry face regions: which sidecars and embedded packets a photo has, reading them all and
 * writing them atomically ({@link XmpPacketRegions} reads and writes the regions inside one packet).
 * {@link FaceRegionMetadata} on Adobe XMP Core: MWG and Microsoft regions and people keywords in XMP sidecars
 * ({@code photo.jpg.xmp}, {@code photo.xmp}) and embedded in the photo (read: any format metadata-extractor reads;
 * written: JPEG only), plus Picasa's {@code .picasa.ini} for reading. Regions are rotated between display space and
 * the file's stored orientation with {@link Orientation}. Thread-safe.
 *
 * <p>Writing is conservative: a file whose XMP cannot be parsed is left alone (and reported), a file is rewritten
 * only when its XMP changes, and every write is atomic ({@link AtomicFiles}). See docs/decisions/0005-xmp.md.
 */
public final class XmpRegionFiles implements FaceRegionMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(XmpRegionFiles.class);

    /** Padding left in an embedded packet so other programs can edit it in place. */
    private static final int EMBEDDED_PADDING = 2048;

    private final MetadataReader exif;
    private final List<Path> picasaContacts;
    private final AtomicFiles files;
    private final Map<Path, CachedIni> inis = new ConcurrentHashMap<>();
    private volatile Map<String, String> contacts;

    static {
        XmpPacketRegions.init();
    }

    /** @param picasaContacts Picasa contacts.xml files giving names to contact ids (may be empty) */
    public XmpRegionFiles(MetadataReader exif, List<Path> picasaContacts) {
        this(exif, picasaContacts, p -> { });
    }

    XmpRegionFiles(MetadataReader exif, List<Path> picasaContacts, Consumer<Path> beforeRename) {
        this.exif = exif;
        this.picasaContacts = List.copyOf(picasaContacts);
        this.files = new AtomicFiles(beforeRename);
    }

    private record CachedIni(FileTime mtime, long size, PicasaIni ini) {
    }

    // ------------------------------------------------------------------ reading

    @Override
    public RegionRead read(Path photo) {
        List<String> problems = new ArrayList<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(photo);
        } catch (IOException e) {
            return new RegionRead(0, 0, 1, List.of(), 0, List.of("cannot read the photo (" + e.getMessage() + ")"));
        }
        PhotoMetadata md = exif.read(bytes, photo.getFileName().toString());
        if (md.storedWidth() <= 0 || md.storedHeight() <= 0) {
            return new RegionRead(0, 0, md.orientation(), List.of(), 0,
                    List.of("the photo's pixel size is unknown, so its regions cannot be placed; skipped"));
        }
        int o = md.orientation();
        int dw = md.swapsAxes() ? md.storedHeight() : md.storedWidth();
        int dh = md.swapsAxes() ? md.storedWidth() : md.storedHeight();
        List<FaceRegion> regions = new ArrayList<>();
        int[] unnamed = {0};
        for (Path sidecar : existingSidecars(photo)) {
            try {
                XMPMeta m = XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar));
                collect(XmpPacketRegions.read(m), sidecar.getFileName().toString(), o, dw, dh, regions, unnamed, problems);
            } catch (XMPException | IOException e) {
                problems.add("the sidecar " + sidecar.getFileName() + " is not readable XMP (" + e.getMessage() + "); skipped");
            }
        }
        for (XMPMeta m : embedded(bytes, problems)) {
            collect(XmpPacketRegions.read(m), photo.getFileName().toString(), o, dw, dh, regions, unnamed, problems);
        }
        for (PicasaIni.Face f : picasa(photo, problems)) {
            if (f.name() == null) {
                unnamed[0]++;
            } else {
                regions.add(region(f.name(), f.rect(), o, dw, dh, "Picasa .picasa.ini"));
            }
        }
        return new RegionRead(dw, dh, o, List.copyOf(regions), unnamed[0], List.copyOf(problems));
    }

    private static void collect(XmpPacketRegions.Found found, String where, int o, int dw, int dh, List<FaceRegion> out,
                                int[] unnamed, List<String> problems) {
        for (String p : found.problems()) {
            problems.add(where + ": " + p);
        }
        unnamed[0] += found.skipped();
        for (XmpPacketRegions.Region r : found.regions()) {
            if (r.name() == null) {
                unnamed[0]++;
            } else {
                out.add(region(r.name(), r.rect(), o, dw, dh, r.schema() + " in " + where));
            }
        }
    }

    private static FaceRegion region(String name, Orientation.Rect stored, int o, int dw, int dh, String origin) {
        Orientation.Rect d = Orientation.toDisplay(stored, o);
        return new FaceRegion(name, new FaceBox(d.x() * dw, d.y() * dh, d.w() * dw, d.h() * dh), origin);
    }

    /** The XMP packets embedded in the photo; malformed ones are reported and skipped. */
    private List<XMPMeta> embedded(byte[] bytes, List<String> problems) {
        List<XMPMeta> out = new ArrayList<>();
        if (JpegXmp.isJpeg(bytes)) {
            try {
                List<JpegXmp.Segment> segs = JpegXmp.segments(bytes);
                byte[] packet = JpegXmp.standardPacket(bytes, segs);
                if (packet == null) {
                    return out;
                }
                XMPMeta m = XMPMetaFactory.parseFromBuffer(packet);
                String guid = m.doesPropertyExist(NS_XMP_NOTE, "HasExtendedXMP") ? m.getPropertyString(NS_XMP_NOTE, "HasExtendedXMP") : null;
                if (guid != null && JpegXmp.hasExtended(bytes, segs)) {
                    byte[] ext = JpegXmp.extendedPacket(bytes, segs, guid.strip());
                    if (ext == null) {
                        problems.add("the photo's extended XMP is incomplete; read the main packet only");
                    } else {
                        try {
                            out.add(XMPMetaFactory.parseFromBuffer(ext));
                        } catch (XMPException e) {
                            problems.add("the photo's extended XMP is malformed (" + e.getMessage() + "); skipped");
                        }
                    }
                }
                out.add(0, m);
            } catch (IOException e) {
                problems.add("the photo's segments cannot be read (" + e.getMessage() + "); its XMP is skipped");
            } catch (XMPException e) {
                problems.add("the photo's embedded XMP is malformed (" + e.getMessage() + "); skipped");
            }
            return out;
        }
        if ("heif".equals(HeifBoxes.kind(bytes))) {
            // HEIC/AVIF keep XMP as an item of the file (metadata-extractor does not read it).
            byte[] packet = HeifBoxes.read(bytes).map(HeifBoxes.Primary::xmp).orElse(null);
            if (packet != null) {
                try {
                    out.add(XMPMetaFactory.parseFromBuffer(packet));
                } catch (XMPException e) {
                    problems.add("the photo's embedded XMP is malformed (" + e.getMessage() + "); skipped");
                }
            }
            return out;
        }
        try {
            Metadata md = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            for (XmpDirectory d : md.getDirectoriesOfType(XmpDirectory.class)) {
                if (d.hasErrors()) {
                    problems.add("the photo's embedded XMP is malformed (" + String.join("; ", d.getErrors()) + "); skipped");
                } else if (d.getXMPMeta() != null) {
                    out.add(d.getXMPMeta());
                }
            }
        } catch (Exception | StackOverflowError e) {
            LOG.debug("no readable embedded metadata: {}", e.toString());
        }
        return out;
    }

    private static final String NS_XMP_NOTE = "http://ns.adobe.com/xmp/note/";

    private List<PicasaIni.Face> picasa(Path photo, List<String> problems) {
        Path dir = photo.toAbsolutePath().getParent();
        Path ini = dir.resolve(".picasa.ini");
        if (!Files.isRegularFile(ini)) {
            ini = dir.resolve("Picasa.ini");
            if (!Files.isRegularFile(ini)) {
                return List.of();
            }
        }
        try {
            FileTime mtime = Files.getLastModifiedTime(ini);
            long size = Files.size(ini);
            CachedIni c = inis.get(ini);
            if (c == null || !c.mtime().equals(mtime) || c.size() != size) {
                c = new CachedIni(mtime, size, PicasaIni.read(ini));
                inis.put(ini, c);
            }
            List<String> found = new ArrayList<>();
            List<PicasaIni.Face> faces = c.ini().faces(photo.getFileName().toString(), contacts(problems), found);
            found.forEach(p -> problems.add(".picasa.ini: " + p));
            return faces;
        } catch (IOException e) {
            problems.add("the folder's " + ini.getFileName() + " cannot be read (" + e.getMessage() + "); skipped");
            return List.of();
        }
    }

    private Map<String, String> contacts(List<String> problems) {
        Map<String, String> c = contacts;
        if (c == null) {
            c = new HashMap<>();
            for (Path f : picasaContacts) {
                try {
                    c.putAll(PicasaIni.contactsXml(f));
                } catch (IOException e) {
                    problems.add("Picasa contacts " + f + " cannot be read (" + e.getMessage() + ")");
                }
            }
            contacts = c;
        }
        return c;
    }

    // ------------------------------------------------------------------ writing

    @Override
    public RegionWriteResult write(Path photo, List<FaceRegion> faces, ExportOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(photo);
        } catch (IOException e) {
            return new RegionWriteResult(List.of(), List.of("cannot read the photo (" + e.getMessage() + "); nothing written"));
        }
        PhotoMetadata md = exif.read(bytes, photo.getFileName().toString());
        if (md.storedWidth() <= 0 || md.storedHeight() <= 0) {
            return new RegionWriteResult(List.of(), List.of("the photo's pixel size is unknown; nothing written"));
        }
        return write(photo, bytes, md, faces, displayWidth(md), displayHeight(md), options);
    }

    @Override
    public RegionWriteResult writeTwin(Path twin, Path primary, List<FaceRegion> faces, ExportOptions options) {
        PhotoMetadata of;
        try {
            of = exif.read(Files.readAllBytes(primary), primary.getFileName().toString());
        } catch (IOException e) {
            return new RegionWriteResult(List.of(), List.of("cannot read " + primary.getFileName() + " (" + e.getMessage()
                    + "); nothing written for its twin"));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(twin);
        } catch (IOException e) {
            return new RegionWriteResult(List.of(), List.of("cannot read the twin (" + e.getMessage() + "); nothing written"));
        }
        PhotoMetadata md = exif.read(bytes, twin.getFileName().toString());
        if (md.storedWidth() <= 0 || md.storedHeight() <= 0 || of.storedWidth() <= 0 || of.storedHeight() <= 0) {
            return new RegionWriteResult(List.of(), List.of("the pixel size of " + (md.storedWidth() <= 0 || md.storedHeight() <= 0
                    ? twin.getFileName() : primary.getFileName()) + " is unknown, so the twin's regions cannot be placed; nothing written"));
        }
        // A twin is never written into (RAW, HEIF): its sidecar only, whatever the options say about the photo.
        ExportOptions sidecarOnly = new ExportOptions(true, false, options.naming(), options.dryRun());
        return write(twin, bytes, md, faces, displayWidth(of), displayHeight(of), sidecarOnly);
    }

    private static int displayWidth(PhotoMetadata md) {
        return md.swapsAxes() ? md.storedHeight() : md.storedWidth();
    }

    private static int displayHeight(PhotoMetadata md) {
        return md.swapsAxes() ? md.storedWidth() : md.storedHeight();
    }

    /**
     * Writes {@code faces}, in display pixels of a picture {@code dw} × {@code dh} (the file's own, or its primary's
     * for a twin), into the file's metadata.
     */
    private RegionWriteResult write(Path photo, byte[] bytes, PhotoMetadata md, List<FaceRegion> faces, double dw, double dh,
                                    ExportOptions options) {
        List<String> problems = new ArrayList<>();
        List<FileChange> changes = new ArrayList<>();
        int o = md.orientation();
        List<XmpPacketRegions.Face> stored = new ArrayList<>();
        for (FaceRegion f : faces) {
            Orientation.Rect display = clip(new Orientation.Rect(f.box().x() / dw, f.box().y() / dh, f.box().w() / dw, f.box().h() / dh));
            stored.add(new XmpPacketRegions.Face(f.name(), Orientation.toStored(display, o)));
        }
        if (options.sidecar()) {
            for (Path sidecar : sidecarsFor(photo, options.naming())) {
            try {
                FileChange c = writeSidecar(photo, sidecar, stored, md, options.dryRun());
                if (c != null) {
                    changes.add(c);
                }
            } catch (XMPException e) {
                problems.add("the sidecar " + sidecar.getFileName() + " is not readable XMP (" + e.getMessage()
                        + "); left as it is");
            } catch (IOException e) {
                problems.add("the sidecar " + sidecar.getFileName() + " could not be written (" + e.getMessage()
                        + "); the old one is intact");
            }
            }
        }
        if (options.embedded()) {
            try {
                FileChange c = writeEmbedded(photo, bytes, stored, md, options.dryRun(), problems);
                if (c != null) {
                    changes.add(c);
                }
            } catch (XMPException e) {
                problems.add("the photo's embedded XMP is malformed (" + e.getMessage() + "); the photo is left as it is");
            } catch (IOException e) {
                problems.add("the photo could not be written (" + e.getMessage() + "); it is intact");
            }
        }
        return new RegionWriteResult(List.copyOf(changes), List.copyOf(problems));
    }

    private FileChange writeSidecar(Path photo, Path sidecar, List<XmpPacketRegions.Face> faces, PhotoMetadata md, boolean dryRun)
            throws XMPException, IOException {
        boolean exists = Files.exists(sidecar);
        if (!exists && faces.isEmpty()) {
            return null;
        }
        XMPMeta m = exists ? XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar)) : XMPMetaFactory.create();
        // Sidecars carry no packet wrapper and no padding: nobody edits them in place.
        SerializeOptions opts = new SerializeOptions().setOmitPacketWrapper(true);
        String before = exists ? canonical(m) : null;
        XmpPacketRegions.Applied a = XmpPacketRegions.apply(m, faces, md.storedWidth(), md.storedHeight());
        byte[] after = serialize(m, opts);
        boolean changed = !exists || !before.equals(canonical(m));
        if (changed && !dryRun) {
            files.write(sidecar, after, photo); // a new sidecar takes the photo's permissions
        }
        return change(sidecar, !exists, changed, a);
    }

    private FileChange writeEmbedded(Path photo, byte[] bytes, List<XmpPacketRegions.Face> faces, PhotoMetadata md, boolean dryRun,
                                     List<String> problems) throws XMPException, IOException {
        if (!JpegXmp.isJpeg(bytes)) {
            problems.add("Kindred writes regions into JPEG files only; use the sidecar for this photo");
            return null;
        }
        List<JpegXmp.Segment> segs = JpegXmp.segments(bytes);
        if (JpegXmp.hasExtended(bytes, segs)) {
            problems.add("the photo carries extended XMP, which Kindred does not rewrite; use the sidecar for this photo");
            return null;
        }
        byte[] packet = JpegXmp.standardPacket(bytes, segs);
        if (packet == null && faces.isEmpty()) {
            return null;
        }
        XMPMeta m = packet == null ? XMPMetaFactory.create() : XMPMetaFactory.parseFromBuffer(packet);
        SerializeOptions opts = new SerializeOptions().setPadding(EMBEDDED_PADDING);
        String before = packet == null ? null : canonical(m);
        XmpPacketRegions.Applied a = XmpPacketRegions.apply(m, faces, md.storedWidth(), md.storedHeight());
        byte[] after = serialize(m, opts);
        boolean changed = packet == null || !before.equals(canonical(m));
        if (changed) {
            if (after.length > JpegXmp.MAX_STANDARD_PACKET) {
                after = serialize(m, new SerializeOptions().setPadding(0));
            }
            byte[] updated = JpegXmp.withStandardPacket(bytes, segs, after);
            if (!dryRun) {
                files.write(photo, updated);
            }
        }
        return change(photo, false, changed, a);
    }

    /**
     * The packet's content in one canonical text (properties sorted, no wrapper), so that a packet another program
     * formatted differently is not rewritten when Kindred changes nothing in it.
     */
    private static String canonical(XMPMeta m) throws XMPException {
        XMPMeta c = (XMPMeta) m.clone();
        c.sort();
        return XMPMetaFactory.serializeToString(c, new SerializeOptions().setOmitPacketWrapper(true).setSort(true));
    }

    private static FileChange change(Path file, boolean created, boolean changed, XmpPacketRegions.Applied a) {
        return new FileChange(file, created, changed, a.removed(), a.written() + a.kept().size(), a.namesAdded(),
                a.namesRemoved(), a.kept());
    }

    private static Orientation.Rect clip(Orientation.Rect r) {
        double x0 = Math.max(0, r.x());
        double y0 = Math.max(0, r.y());
        double x1 = Math.min(1, r.x() + r.w());
        double y1 = Math.min(1, r.y() + r.h());
        return new Orientation.Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    // ------------------------------------------------------------------ sidecar names

    /** {@code photo.jpg.xmp}. */
    /**
     * Serializes with Kindred and its version as the packet's tool ({@code x:xmptk}; Adobe XMP Core writes its own, "Adobe
     * XMP Core Test.SNAPSHOT"). A packet with padding keeps its length: the padding takes up the difference.
     */
    static byte[] serialize(XMPMeta m, SerializeOptions opts) throws XMPException {
        byte[] adobe = XMPMetaFactory.serializeToBuffer(m, opts);
        String xml = new String(adobe, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher tk = java.util.regex.Pattern.compile("x:xmptk=\"[^\"]*\"").matcher(xml);
        if (!tk.find()) {
            return adobe;
        }
        String ours = "x:xmptk=\"" + escapeAttribute(KindredVersion.toolName()) + "\"";
        String out = xml.substring(0, tk.start()) + ours + xml.substring(tk.end());
        int grew = out.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - adobe.length;
        int end = out.lastIndexOf("<?xpacket end=");
        if (grew != 0 && end > 0) {
            int pad = end;
            while (pad > 0 && Character.isWhitespace(out.charAt(pad - 1))) {
                pad--;
            }
            int padding = end - pad;
            if (grew < 0) {
                out = out.substring(0, end) + " ".repeat(-grew) + out.substring(end);
            } else if (padding - grew >= 1) {
                out = out.substring(0, end - grew) + out.substring(end);
            }
        }
        return out.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String escapeAttribute(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    static Path fullNameSidecar(Path photo) {
        return photo.resolveSibling(photo.getFileName() + ".xmp");
    }

    /** {@code photo.xmp}. */
    static Path baseNameSidecar(Path photo) {
        String name = photo.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return photo.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".xmp");
    }

    /**
     * The sidecars an export writes for {@code photo} (docs/decisions/0009-raw-and-twin-sidecars.md). The base-name
     * sidecar {@code IMG_0001.xmp} is shared by every file of the shot; it belongs to the one that cannot hold its own
     * metadata ({@link Twins#ownsBaseNameSidecar}: the RAW of a RAW+JPEG pair, as Lightroom has it), so the others
     * always write their full-name sidecar. For the owner:
     * <ul>
     * <li>FULL_NAME: {@code IMG_0001.CR2.xmp}; BASE_NAME: {@code IMG_0001.xmp};</li>
     * <li>AUTO for a file that can hold its own XMP (JPEG, PNG...): the base-name sidecar when only it exists, else
     *     the full-name one (as before twins);</li>
     * <li>AUTO for a RAW or HEIF file: every one of the two that exists (the user's other program chose it); when
     *     neither does, both, since Lightroom Classic, Camera Raw and Capture One read only {@code IMG_0001.xmp}
     *     and darktable and digiKam (by default) only {@code IMG_0001.CR2.xmp}.</li>
     * </ul>
     */
    static List<Path> sidecarsFor(Path photo, SidecarNaming naming) {
        Path full = fullNameSidecar(photo);
        Path base = baseNameSidecar(photo);
        if (naming == SidecarNaming.FULL_NAME || !ownsBaseNameSidecar(photo)) {
            return List.of(full);
        }
        if (naming == SidecarNaming.BASE_NAME) {
            return List.of(base);
        }
        if (!Twins.mayBeTwin(photo.getFileName().toString())) {
            return List.of(!Files.exists(full) && Files.exists(base) ? base : full);
        }
        List<Path> existing = new ArrayList<>();
        for (Path p : List.of(full, base)) {
            if (Files.exists(p)) {
                existing.add(p);
            }
        }
        return existing.isEmpty() ? List.of(full, base) : existing;
    }

    /** The one sidecar of a photo that is nobody's twin, as {@link #sidecarsFor} chooses it. */
    static Path sidecarFor(Path photo, SidecarNaming naming) {
        return sidecarsFor(photo, naming).get(0);
    }

    /** Whether {@code IMG_0001.xmp} is this file's and not another file's of the same shot. */
    private static boolean ownsBaseNameSidecar(Path photo) {
        Path dir = photo.toAbsolutePath().getParent();
        return dir == null || Twins.ownsBaseNameSidecar(photo.getFileName().toString(), FolderNames.of(dir));
    }

    private static List<Path> existingSidecars(Path photo) {
        List<Path> out = new ArrayList<>();
        List<Path> candidates = ownsBaseNameSidecar(photo) ? List.of(fullNameSidecar(photo), baseNameSidecar(photo))
                : List.of(fullNameSidecar(photo));
        for (Path p : candidates) {
            if (!out.contains(p) && Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The file names of the last folder asked about, kept while the folder is unchanged (its modification time):
     * an export or import goes through a folder's photos one after the other, and each asks whether a twin is beside it.
     */
    private record FolderNames(Path dir, FileTime mtime, List<String> names) {

        private static volatile FolderNames last;

        static List<String> of(Path dir) {
            try {
                FileTime mtime = Files.getLastModifiedTime(dir);
                FolderNames l = last;
                if (l != null && l.dir().equals(dir) && l.mtime().equals(mtime)) {
                    return l.names();
                }
                List<String> names = new ArrayList<>();
                try (java.util.stream.Stream<Path> list = Files.list(dir)) {
                    list.forEach(p -> names.add(p.getFileName().toString()));
                }
                last = new FolderNames(dir, mtime, List.copyOf(names));
                return names;
            } catch (IOException | java.io.UncheckedIOException e) {
                return List.of();
            }
        }
    }
}
