package kindred.metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a HEIF file (HEIC, HEIF, Canon's .HIF, AVIF) says about its primary image, read from its ISO-BMFF boxes
 * without decoding: the primary item's pixel size ({@code ispe}: for a grid, the grid's output size, not a tile's as
 * metadata-extractor reports), its rotation and mirror ({@code irot}, {@code imir}) as an EXIF orientation code,
 * and the bytes of its EXIF and XMP items.
 *
 * <p>The rotation and mirror boxes, not the EXIF orientation, are what viewers apply to a HEIF image; iPhones and
 * Samsungs write both (and they agree), libheif writes EXIF orientation 1 with the rotation in {@code irot}. So the
 * orientation here is always the boxes'. Never throws: damaged or hostile boxes give {@link Optional#empty()} or
 * leave a value unknown; every read is bounded by the file and by {@link #MAX_BOXES}. Stateless, thread-safe.
 */
public final class HeifBoxes {

    /** Boxes read at most in one file: real files have a few hundred (a 63-tile grid ~200); bounds crafted files. */
    static final int MAX_BOXES = 100_000;

    /**
     * The primary image.
     *
     * @param width       pixel width as stored (before orientation), 0 when unknown
     * @param height      pixel height as stored, 0 when unknown
     * @param orientation the rotation and mirror boxes as an EXIF orientation code 1..8
     * @param itemType    the primary item's type ("grid", "hvc1", "av01", ...)
     * @param exif        the EXIF item's TIFF bytes (after its header offset), or null
     * @param xmp         the XMP packet's bytes, or null
     */
    public record Primary(int width, int height, int orientation, String itemType, byte[] exif, byte[] xmp, Nclx colour,
                          List<Thumbnail> thumbnails) {
    }

    /**
     * A thumbnail of the primary image (an item that references it with {@code thmb}): phones store a 320×240 one.
     *
     * @param itemId the thumbnail's item id (FFmpeg's stream id for it)
     * @param width  pixel width as stored, 0 when unknown
     * @param height pixel height as stored, 0 when unknown
     */
    public record Thumbnail(int itemId, int width, int height) {
    }

    /**
     * A {@code colr} box of type {@code nclx}: the colour description in ITU-T H.273 code points (the same numbers
     * FFmpeg's AVCOL_* constants use).
     */
    public record Nclx(int primaries, int transfer, int matrix, boolean fullRange) {
    }

    private HeifBoxes() {
    }

    /** HEIF brands of still images (ISO/IEC 23008-12 and the AVIF specification). */
    private static final java.util.Set<String> HEIF_BRANDS = java.util.Set.of(
            "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "mif2", "msf1", "avif", "avis", "avio");

    /**
     * What an ISO-BMFF file is, from its {@code ftyp} box (major brand, then the compatible ones): "heif" (HEIC, HEIF,
     * AVIF), "cr3" (Canon's RAW), "video" (any other: MP4, MOV), or null when the bytes do not start with {@code ftyp}.
     */
    public static String kind(byte[] b) {
        if (b.length < 12 || b[4] != 'f' || b[5] != 't' || b[6] != 'y' || b[7] != 'p') {
            return null;
        }
        long size = Parser.u32(b, 0);
        int end = (int) Math.min(b.length, Math.max(16, Math.min(size, 4096)));
        String major = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
        if ("crx ".equals(major)) {
            return "cr3";
        }
        if (HEIF_BRANDS.contains(major)) {
            return "heif";
        }
        for (int p = 16; p + 4 <= end; p += 4) {
            String c = new String(b, p, 4, StandardCharsets.ISO_8859_1);
            if ("crx ".equals(c)) {
                return "cr3";
            }
            if (HEIF_BRANDS.contains(c)) {
                return "heif";
            }
        }
        return "video";
    }

    /** Reads the primary image's facts; empty when the bytes are not a readable HEIF file. */
    public static Optional<Primary> read(byte[] file) {
        try {
            return Optional.ofNullable(new Parser(file).primary());
        } catch (RuntimeException e) {
            // A crafted box (negative length, index overflow): not a readable HEIF file.
            return Optional.empty();
        }
    }

    private record Item(int id, String type, String contentType) {
    }

    private record Extent(long offset, long length) {
    }

    private record Location(int method, List<Extent> extents) {
    }

    private static final class Parser {
        private final byte[] b;
        private int boxes;
        private int primaryId = -1;
        private final Map<Integer, Item> items = new HashMap<>();
        private final List<byte[]> properties = new ArrayList<>();
        private final List<String> propertyTypes = new ArrayList<>();
        private final Map<Integer, List<Integer>> associations = new HashMap<>();
        private final Map<Integer, Location> locations = new HashMap<>();
        private final Map<Integer, List<Integer>> thumbnailsOf = new HashMap<>();
        private long idatOffset = -1;
        private long idatLength;

        Parser(byte[] b) {
            this.b = b;
        }

        Primary primary() {
            long p = 0;
            boolean sawMeta = false;
            while (p + 8 <= b.length && boxes++ < MAX_BOXES) {
                long size = u32(p);
                String type = type(p + 4);
                int header = 8;
                if (size == 1) {
                    if (p + 16 > b.length) {
                        return null;
                    }
                    size = u64(p + 8);
                    header = 16;
                } else if (size == 0) {
                    size = b.length - p;
                }
                if (size < header || p + size > b.length && !"mdat".equals(type)) {
                    break;
                }
                if ("meta".equals(type)) {
                    meta(p + header + 4, p + size);
                    sawMeta = true;
                }
                p += size;
            }
            if (!sawMeta || primaryId < 0) {
                return null;
            }
            Item primary = items.get(primaryId);
            int w = 0;
            int h = 0;
            int[][] m = {{1, 0}, {0, 1}};
            Nclx colour = null;
            for (int index : associations.getOrDefault(primaryId, List.of())) {
                if (index < 1 || index > properties.size()) {
                    continue;
                }
                byte[] prop = properties.get(index - 1);
                switch (propertyTypes.get(index - 1)) {
                    case "ispe" -> {
                        if (prop.length >= 12) {
                            w = (int) Math.min(Integer.MAX_VALUE, u32(prop, 4));
                            h = (int) Math.min(Integer.MAX_VALUE, u32(prop, 8));
                        }
                    }
                    case "irot" -> {
                        if (prop.length >= 1) {
                            for (int k = 0; k < (prop[0] & 3); k++) {
                                m = multiply(CCW90, m);
                            }
                        }
                    }
                    case "imir" -> {
                        if (prop.length >= 1) {
                            m = multiply((prop[0] & 1) == 0 ? MIRROR_LEFT_RIGHT : MIRROR_TOP_BOTTOM, m);
                        }
                    }
                    case "colr" -> colour = nclx(prop);
                    default -> { }
                }
            }
            if (colour == null) {
                // A grid's tiles may carry it instead of the grid: the first nclx of the file.
                for (int i = 0; i < properties.size() && colour == null; i++) {
                    if ("colr".equals(propertyTypes.get(i))) {
                        colour = nclx(properties.get(i));
                    }
                }
            }
            byte[] exif = null;
            byte[] xmp = null;
            for (Item it : items.values()) {
                if ("Exif".equals(it.type()) && exif == null) {
                    byte[] raw = data(it.id());
                    if (raw != null && raw.length > 4) {
                        long skip = u32(raw, 0);
                        if (skip >= 0 && 4 + skip < raw.length) {
                            exif = java.util.Arrays.copyOfRange(raw, (int) (4 + skip), raw.length);
                        }
                    }
                } else if ("mime".equals(it.type()) && it.contentType() != null
                        && it.contentType().startsWith("application/rdf+xml") && xmp == null) {
                    xmp = data(it.id());
                }
            }
            List<Thumbnail> thumbs = new ArrayList<>();
            for (int id : thumbnailsOf.getOrDefault(primaryId, List.of())) {
                int[] size = ispe(id);
                thumbs.add(new Thumbnail(id, size[0], size[1]));
            }
            return new Primary(w, h, exifCode(m), primary == null ? null : primary.type(), exif, xmp, colour, List.copyOf(thumbs));
        }

        private static Nclx nclx(byte[] colr) {
            if (colr.length < 11 || colr[0] != 'n' || colr[1] != 'c' || colr[2] != 'l' || colr[3] != 'x') {
                return null;
            }
            return new Nclx(((colr[4] & 0xFF) << 8) | (colr[5] & 0xFF), ((colr[6] & 0xFF) << 8) | (colr[7] & 0xFF),
                    ((colr[8] & 0xFF) << 8) | (colr[9] & 0xFF), (colr[10] & 0x80) != 0);
        }

        private void meta(long from, long to) {
            long p = from;
            while (p + 8 <= to && boxes++ < MAX_BOXES) {
                long size = u32(p);
                String type = type(p + 4);
                if (size < 8 || p + size > to) {
                    return;
                }
                long body = p + 8;
                switch (type) {
                    case "pitm" -> primaryId = version(body) == 0 ? u16(body + 4) : (int) u32(body + 4);
                    case "iinf" -> iinf(body, p + size);
                    case "iprp" -> iprp(body, p + size);
                    case "iloc" -> iloc(body, p + size);
                    case "iref" -> iref(body, p + size);
                    case "idat" -> {
                        idatOffset = body;
                        idatLength = size - 8;
                    }
                    default -> { }
                }
                p += size;
            }
        }

        /** Item references: which items are thumbnails ({@code thmb}) of which. */
        private void iref(long body, long end) {
            int v = version(body);
            long p = body + 4;
            while (p + 8 <= end && boxes++ < MAX_BOXES) {
                long size = u32(p);
                if (size < 8 || p + size > end) {
                    return;
                }
                String type = type(p + 4);
                long q = p + 8;
                int from = v == 0 ? u16(q) : (int) u32(q);
                q += v == 0 ? 2 : 4;
                int count = u16(q);
                q += 2;
                if ("thmb".equals(type)) {
                    for (int i = 0; i < count && q < p + size; i++) {
                        int to = v == 0 ? u16(q) : (int) u32(q);
                        q += v == 0 ? 2 : 4;
                        thumbnailsOf.computeIfAbsent(to, k -> new ArrayList<>()).add(from);
                    }
                }
                p += size;
            }
        }

        private int[] ispe(int itemId) {
            for (int index : associations.getOrDefault(itemId, List.of())) {
                if (index >= 1 && index <= properties.size() && "ispe".equals(propertyTypes.get(index - 1))) {
                    byte[] prop = properties.get(index - 1);
                    if (prop.length >= 12) {
                        return new int[] {(int) Math.min(Integer.MAX_VALUE, u32(prop, 4)), (int) Math.min(Integer.MAX_VALUE, u32(prop, 8))};
                    }
                }
            }
            return new int[] {0, 0};
        }

        private void iinf(long body, long end) {
            int v = version(body);
            long p = body + 4 + (v == 0 ? 2 : 4);
            while (p + 8 <= end && boxes++ < MAX_BOXES) {
                long size = u32(p);
                if (size < 8 || p + size > end) {
                    return;
                }
                if ("infe".equals(type(p + 4))) {
                    long q = p + 8;
                    int iv = version(q);
                    if (iv >= 2) {
                        int id = iv == 2 ? u16(q + 4) : (int) u32(q + 4);
                        long t = q + 4 + (iv == 2 ? 2 : 4) + 2;
                        String itemType = type(t);
                        long nameEnd = cstringEnd(t + 4, p + size);
                        String contentType = null;
                        if ("mime".equals(itemType) && nameEnd + 1 < p + size) {
                            long ctEnd = cstringEnd(nameEnd + 1, p + size);
                            contentType = new String(b, (int) (nameEnd + 1), (int) (ctEnd - nameEnd - 1), StandardCharsets.UTF_8);
                        }
                        items.put(id, new Item(id, itemType, contentType));
                    }
                }
                p += size;
            }
        }

        private void iprp(long body, long end) {
            long p = body;
            while (p + 8 <= end && boxes++ < MAX_BOXES) {
                long size = u32(p);
                if (size < 8 || p + size > end) {
                    return;
                }
                String type = type(p + 4);
                if ("ipco".equals(type)) {
                    long q = p + 8;
                    while (q + 8 <= p + size && boxes++ < MAX_BOXES) {
                        long psize = u32(q);
                        if (psize < 8 || q + psize > p + size) {
                            break;
                        }
                        propertyTypes.add(type(q + 4));
                        properties.add(java.util.Arrays.copyOfRange(b, (int) (q + 8), (int) Math.min(q + psize, q + 8 + 64)));
                        q += psize;
                    }
                } else if ("ipma".equals(type)) {
                    long q = p + 8;
                    int v = version(q);
                    boolean wide = (flags(q) & 1) != 0;
                    long count = u32(q + 4);
                    q += 8;
                    for (long i = 0; i < count && q < p + size && boxes++ < MAX_BOXES; i++) {
                        int id = v < 1 ? u16(q) : (int) u32(q);
                        q += v < 1 ? 2 : 4;
                        int n = u8(q++);
                        List<Integer> list = associations.computeIfAbsent(id, k -> new ArrayList<>());
                        for (int k = 0; k < n && q < p + size; k++) {
                            list.add(wide ? u16(q) & 0x7FFF : u8(q) & 0x7F);
                            q += wide ? 2 : 1;
                        }
                    }
                }
                p += size;
            }
        }

        private void iloc(long body, long end) {
            int v = version(body);
            long p = body + 4;
            int offsetSize = u8(p) >> 4;
            int lengthSize = u8(p) & 15;
            int baseSize = u8(p + 1) >> 4;
            int indexSize = v == 1 || v == 2 ? u8(p + 1) & 15 : 0;
            p += 2;
            long count = v < 2 ? u16(p) : u32(p);
            p += v < 2 ? 2 : 4;
            for (long i = 0; i < count && p < end && boxes++ < MAX_BOXES; i++) {
                int id = v < 2 ? u16(p) : (int) u32(p);
                p += v < 2 ? 2 : 4;
                int method = 0;
                if (v == 1 || v == 2) {
                    method = u16(p) & 15;
                    p += 2;
                }
                p += 2; // data_reference_index
                long base = uN(p, baseSize);
                p += baseSize;
                int extents = u16(p);
                p += 2;
                List<Extent> list = new ArrayList<>();
                for (int e = 0; e < extents && p < end; e++) {
                    p += indexSize;
                    long off = uN(p, offsetSize);
                    p += offsetSize;
                    long len = uN(p, lengthSize);
                    p += lengthSize;
                    list.add(new Extent(base + off, len));
                }
                locations.put(id, new Location(method, list));
            }
        }

        /** An item's bytes (all its extents), or null when they lie outside the file or exceed a sane size. */
        private byte[] data(int id) {
            Location loc = locations.get(id);
            if (loc == null || loc.extents().isEmpty()) {
                return null;
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (Extent e : loc.extents()) {
                long start = loc.method() == 1 ? idatOffset + e.offset() : e.offset();
                long len = e.length() == 0 ? b.length - start : e.length();
                long limit = loc.method() == 1 ? idatOffset + idatLength : b.length;
                if ((loc.method() == 1 && idatOffset < 0) || loc.method() > 1 || start < 0 || len < 0 || start + len > limit
                        || out.size() + len > MAX_METADATA_ITEM_BYTES) {
                    return null;
                }
                out.write(b, (int) start, (int) len);
            }
            return out.toByteArray();
        }

        private long cstringEnd(long from, long end) {
            long p = from;
            while (p < end && b[(int) p] != 0) {
                p++;
            }
            return p;
        }

        private int version(long p) {
            return u8(p);
        }

        private int flags(long p) {
            return (u8(p + 1) << 16) | (u8(p + 2) << 8) | u8(p + 3);
        }

        private int u8(long p) {
            return p >= 0 && p < b.length ? b[(int) p] & 0xFF : 0;
        }

        private int u16(long p) {
            return (u8(p) << 8) | u8(p + 1);
        }

        private long u32(long p) {
            return ((long) u16(p) << 16) | u16(p + 2);
        }

        private long u64(long p) {
            return (u32(p) << 32) | u32(p + 4);
        }

        private long uN(long p, int bytes) {
            return switch (bytes) {
                case 4 -> u32(p);
                case 8 -> u64(p);
                default -> 0;
            };
        }

        private String type(long p) {
            if (p < 0 || p + 4 > b.length) {
                return "";
            }
            return new String(b, (int) p, 4, StandardCharsets.ISO_8859_1);
        }

        private static long u32(byte[] a, int p) {
            return p + 4 <= a.length ? ((a[p] & 0xFFL) << 24) | ((a[p + 1] & 0xFF) << 16) | ((a[p + 2] & 0xFF) << 8) | (a[p + 3] & 0xFF) : 0;
        }
    }

    /** EXIF and XMP items larger than this, in bytes, are not read: real ones are a few kB to a few hundred kB. */
    static final long MAX_METADATA_ITEM_BYTES = 16L << 20;

    // The stored-to-display transforms on centred coordinates (x right, y down), as in EXIF orientation.
    private static final int[][] CCW90 = {{0, 1}, {-1, 0}};
    private static final int[][] MIRROR_LEFT_RIGHT = {{-1, 0}, {0, 1}};
    private static final int[][] MIRROR_TOP_BOTTOM = {{1, 0}, {0, -1}};
    private static final int[][][] EXIF = {
            null,
            {{1, 0}, {0, 1}}, {{-1, 0}, {0, 1}}, {{-1, 0}, {0, -1}}, {{1, 0}, {0, -1}},
            {{0, 1}, {1, 0}}, {{0, -1}, {1, 0}}, {{0, -1}, {-1, 0}}, {{0, 1}, {-1, 0}}};

    private static int[][] multiply(int[][] a, int[][] m) {
        return new int[][] {
                {a[0][0] * m[0][0] + a[0][1] * m[1][0], a[0][0] * m[0][1] + a[0][1] * m[1][1]},
                {a[1][0] * m[0][0] + a[1][1] * m[1][0], a[1][0] * m[0][1] + a[1][1] * m[1][1]}};
    }

    private static int exifCode(int[][] m) {
        for (int code = 1; code <= 8; code++) {
            if (java.util.Arrays.deepEquals(EXIF[code], m)) {
                return code;
            }
        }
        return 1;
    }

    /** The EXIF orientation code of {@code irot} (counter-clockwise quarter turns) then {@code imir} (0 left-right, 1 top-bottom, -1 none). */
    static int orientation(int quarterTurnsCounterClockwise, int mirrorAxis) {
        int[][] m = {{1, 0}, {0, 1}};
        for (int k = 0; k < (quarterTurnsCounterClockwise & 3); k++) {
            m = multiply(CCW90, m);
        }
        if (mirrorAxis >= 0) {
            m = multiply(mirrorAxis == 0 ? MIRROR_LEFT_RIGHT : MIRROR_TOP_BOTTOM, m);
        }
        return exifCode(m);
    }
}
