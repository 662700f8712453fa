package kindred.metadata;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what a TIFF structure (a TIFF-based RAW, or the TIFF inside a CR3 CMT box or a JPEG's EXIF) says about a
 * RAW: the JPEG candidates of every IFD and SubIFD, the camera make, orientation, date and sizes, and whether the
 * structure is one only camera RAWs have. Offsets inside the structure are relative to its header at
 * {@code base}; everything returned is a position in the whole file. Bounded on any input: each IFD is read once
 * (visited offsets), at most {@link #MAX_IFDS} of them, none with more than {@link #MAX_IFD_ENTRIES} entries.
 * Stateless, thread-safe.
 */
final class RawTiff {

    /** IFDs read per structure: a RAW has under 10 (IFD chain, SubIFDs, EXIF, maker note); more is a loop or junk. */
    static final int MAX_IFDS = 64;

    /** Entries an IFD may declare: real ones have under 300 (maker notes included); larger counts are junk. */
    static final int MAX_IFD_ENTRIES = 2048;

    /** SubIFD pointers followed per IFD: DNGs and NEFs have 1 to 4 (raw, previews). */
    static final int MAX_SUB_IFDS = 16;

    /** TIFF magic numbers after the byte order mark: plain TIFF, Olympus ORF (two kinds), Panasonic RW2/RWL. */
    static final int MAGIC_TIFF = 42;
    static final int MAGIC_ORF = 0x4F52;
    static final int MAGIC_ORF_S = 0x5352;
    static final int MAGIC_RW2 = 0x55;

    private static final int PHOTOMETRIC_CFA = 32803;
    private static final int PHOTOMETRIC_LINEAR_RAW = 34892;
    /**
     * Compressions only camera RAWs use: Sony ARW (32767), packed (32769, Nikon/Epson), Samsung SRW (32770,
     * 32772, 34828, 34830), Nikon NEF (34713), lossy DNG (34892), Panasonic (34316, 34826), Kodak (262, 32867,
     * 65000), Pentax PEF (65535).
     */
    private static final Set<Integer> RAW_COMPRESSIONS = Set.of(32767, 32769, 32770, 32772, 34828, 34830, 34713,
            34892, 34316, 34826, 262, 32867, 65000, 65535);

    /** What the structure says; sizes are 0 and the orientation 0 when absent. */
    static final class Facts {
        int magic;
        String make = "";
        boolean dng;
        boolean rawStructure;
        boolean makerPrivateData;
        int orientation;
        LocalDateTime takenAt;
        int exifWidth;
        int exifHeight;
        int cropWidth;
        int cropHeight;
        int sensorWidth;
        int sensorHeight;
        final int[] rw2Borders = new int[4];
        long makerNotePosition = -1;
        long makerNoteLength;
        long privateDataPosition = -1;
        final List<long[]> candidates = new ArrayList<>();
    }

    private record Entry(int tag, int type, long count, long valuePosition) { }

    private final byte[] b;
    private final int base;
    private final boolean little;

    private RawTiff(byte[] b, int base, boolean little) {
        this.b = b;
        this.base = base;
        this.little = little;
    }

    /** The TIFF magic at {@code base} (see MAGIC_*), or -1 when no TIFF header is there. */
    static int magic(byte[] b, int base) {
        Boolean little = byteOrder(b, base);
        return little == null ? -1 : RawBytes.u16(b, base + 2L, little);
    }

    private static Boolean byteOrder(byte[] b, long at) {
        if (RawBytes.startsWith(b, at, "II")) {
            return true;
        }
        return RawBytes.startsWith(b, at, "MM") ? false : null;
    }

    /** Reads the TIFF whose header is at {@code base} into {@code facts}; does nothing when there is none. */
    static void read(byte[] b, int base, Facts facts) {
        Boolean little = byteOrder(b, base);
        if (little == null) {
            return;
        }
        int magic = RawBytes.u16(b, base + 2L, little);
        if (magic != MAGIC_TIFF && magic != MAGIC_ORF && magic != MAGIC_ORF_S && magic != MAGIC_RW2) {
            return;
        }
        if (facts.magic == 0) {
            facts.magic = magic;
        }
        RawTiff tiff = new RawTiff(b, base, little);
        tiff.walk(RawBytes.u32(b, base + 4L, little), facts, true);
        if (magic == MAGIC_ORF || magic == MAGIC_ORF_S) {
            tiff.olympusPreview(facts);
        }
        nikonPreview(b, facts.makerNotePosition, facts);
        // A DNG keeps the camera's maker note in DNGPrivateData: "Adobe\0", "MakN", its length (4 bytes), the
        // original byte order (2) and offset (4), then the note itself.
        if (RawBytes.startsWith(b, facts.privateDataPosition, "Adobe\0MakN")) {
            nikonPreview(b, facts.privateDataPosition + 20, facts);
        }
    }

    private void walk(long firstIfd, Facts facts, boolean followChain) {
        Set<Long> visited = new HashSet<>();
        Deque<long[]> queue = new ArrayDeque<>();
        queue.add(new long[] {firstIfd, followChain ? 1 : 0});
        // Only a structure's own IFD0 (the head of its chain) carries the image's orientation, not a maker
        // note's preview IFD.
        boolean first = followChain;
        while (!queue.isEmpty() && visited.size() < MAX_IFDS) {
            long[] next = queue.poll();
            long ifd = next[0];
            if (ifd <= 0 || !visited.add(ifd)) {
                continue;
            }
            List<Entry> entries = entries(ifd);
            if (entries == null) {
                continue;
            }
            readIfd(entries, facts, first, queue);
            first = false;
            if (next[1] == 1) {
                long following = RawBytes.u32(b, base + ifd + 2 + 12L * entries.size(), little);
                queue.add(new long[] {following, 1});
            }
        }
    }

    /** The IFD's entries, or null when its count is absurd or it does not lie inside the file. */
    private List<Entry> entries(long ifd) {
        long at = base + ifd;
        int count = RawBytes.u16(b, at, little);
        if (count <= 0 || count > MAX_IFD_ENTRIES || !RawBytes.inside(b, at + 2, 12L * count)) {
            return null;
        }
        List<Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long e = at + 2 + 12L * i;
            int type = RawBytes.u16(b, e + 2, little);
            long n = RawBytes.u32(b, e + 4, little);
            long size = typeSize(type) * n;
            long position = size <= 4 ? e + 8 : base + RawBytes.u32(b, e + 8, little);
            entries.add(new Entry(RawBytes.u16(b, e, little), type, n, position));
        }
        return entries;
    }

    private static long typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    /** The i-th value of an integer or rational (rounded down) entry, or -1 when absent or unreadable. */
    private long number(Entry e, long i) {
        if (i < 0 || i >= e.count()) {
            return -1;
        }
        long at = e.valuePosition() + typeSize(e.type()) * i;
        return switch (e.type()) {
            case 1, 6, 7 -> RawBytes.u8(b, at);
            case 3, 8 -> RawBytes.u16(b, at, little);
            case 4, 9, 13 -> RawBytes.u32(b, at, little);
            case 16, 17, 18 -> RawBytes.u64(b, at, little);
            case 5, 10 -> {
                long num = RawBytes.u32(b, at, little);
                long den = RawBytes.u32(b, at + 4, little);
                yield num < 0 || den <= 0 ? -1 : num / den;
            }
            default -> -1;
        };
    }

    private String ascii(Entry e) {
        if (e.type() != 2 || !RawBytes.inside(b, e.valuePosition(), e.count())) {
            return "";
        }
        int n = (int) Math.min(e.count(), 64);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = (char) (b[(int) e.valuePosition() + i] & 0xFF);
            if (c == 0) {
                break;
            }
            s.append(c);
        }
        return s.toString().trim();
    }

    private void readIfd(List<Entry> entries, Facts facts, boolean ifd0, Deque<long[]> queue) {
        long subfileType = 0;
        long width = 0;
        long height = 0;
        long compression = -1;
        long photometric = -1;
        long jpegOffset = -1;
        long jpegLength = -1;
        Entry strips = null;
        Entry stripCounts = null;
        Entry tiles = null;
        Entry tileCounts = null;
        for (Entry e : entries) {
            switch (e.tag()) {
                case 0x00FE -> subfileType = number(e, 0);
                case 0x0100 -> width = number(e, 0);
                case 0x0101 -> height = number(e, 0);
                case 0x0103 -> compression = number(e, 0);
                case 0x0106 -> photometric = number(e, 0);
                case 0x010F -> {
                    if (facts.make.isEmpty()) {
                        facts.make = ascii(e);
                    }
                }
                case 0x0111 -> strips = e;
                case 0x0117 -> stripCounts = e;
                case 0x0144 -> tiles = e;
                case 0x0145 -> tileCounts = e;
                case 0x0112 -> {
                    long o = number(e, 0);
                    if (ifd0 && facts.orientation == 0 && o >= 1 && o <= 8) {
                        facts.orientation = (int) o;
                    }
                }
                case 0x0201 -> jpegOffset = number(e, 0);
                case 0x0202 -> jpegLength = number(e, 0);
                case 0x014A -> {
                    for (long i = 0; i < Math.min(e.count(), MAX_SUB_IFDS); i++) {
                        queue.add(new long[] {number(e, i), 0});
                    }
                }
                case 0x8769 -> queue.add(new long[] {number(e, 0), 0});
                case 0x9003 -> {
                    if (facts.takenAt == null) {
                        facts.takenAt = dateTime(ascii(e));
                    }
                }
                case 0xA002 -> facts.exifWidth = positiveInt(number(e, 0));
                case 0xA003 -> facts.exifHeight = positiveInt(number(e, 0));
                case 0xC612 -> facts.dng = true;
                case 0xC620 -> {
                    facts.cropWidth = positiveInt(number(e, 0));
                    facts.cropHeight = positiveInt(number(e, 1));
                }
                case 0xC634 -> {
                    facts.makerPrivateData = true;
                    facts.privateDataPosition = e.valuePosition();
                }
                case 0x828D, 0x828E -> facts.rawStructure = true;
                case 0x927C -> {
                    facts.makerNotePosition = e.valuePosition();
                    facts.makerNoteLength = e.count();
                }
                default -> rw2Tag(e, facts);
            }
        }
        if (photometric == PHOTOMETRIC_CFA || photometric == PHOTOMETRIC_LINEAR_RAW
                || RAW_COMPRESSIONS.contains((int) compression)) {
            facts.rawStructure = true;
            if (subfileType == 0 && width * height > (long) facts.sensorWidth * facts.sensorHeight) {
                facts.sensorWidth = positiveInt(width);
                facts.sensorHeight = positiveInt(height);
            }
        }
        if (jpegOffset > 0 && jpegLength > 0) {
            facts.candidates.add(new long[] {base + jpegOffset, jpegLength});
        }
        // A JPEG-compressed image stored in one strip or tile is a whole JPEG (CR2 IFD0, DNG previews); the
        // lossless raw data stored the same way is told apart later by its SOF3.
        boolean raw = photometric == PHOTOMETRIC_CFA || photometric == PHOTOMETRIC_LINEAR_RAW;
        if ((compression == 6 || compression == 7) && !raw) {
            single(strips, stripCounts, facts);
            single(tiles, tileCounts, facts);
        }
    }

    private void single(Entry offsets, Entry counts, Facts facts) {
        if (offsets != null && counts != null && offsets.count() == 1 && counts.count() == 1) {
            long offset = number(offsets, 0);
            long length = number(counts, 0);
            if (offset > 0 && length > 0) {
                facts.candidates.add(new long[] {base + offset, length});
            }
        }
    }

    /** Panasonic's IFD0 tags, meaningful only under the RW2 magic (elsewhere these numbers mean other things). */
    private void rw2Tag(Entry e, Facts facts) {
        if (facts.magic != MAGIC_RW2) {
            return;
        }
        switch (e.tag()) {
            // JpgFromRaw: a whole JPEG stored as the tag's value.
            case 0x002E -> facts.candidates.add(new long[] {e.valuePosition(), e.count()});
            case 0x0004, 0x0005, 0x0006, 0x0007 -> facts.rw2Borders[e.tag() - 4] = positiveInt(number(e, 0));
            default -> { }
        }
    }

    /**
     * Olympus keeps the ORF preview in its maker note: CameraSettings (0x2020) holds PreviewImageStart and
     * PreviewImageLength (0x101, 0x102). New-style notes ("OLYMPUS\0") count offsets from the note's start,
     * old-style ones ("OLYMP\0") from the file's TIFF header.
     */
    private void olympusPreview(Facts facts) {
        long note = facts.makerNotePosition;
        RawTiff tiff;
        long firstIfd;
        if (RawBytes.startsWith(b, note, "OLYMPUS\0")) {
            Boolean order = byteOrder(b, note + 8);
            if (order == null || note > Integer.MAX_VALUE) {
                return;
            }
            tiff = new RawTiff(b, (int) note, order);
            firstIfd = 12;
        } else if (RawBytes.startsWith(b, note, "OLYMP\0")) {
            tiff = this;
            firstIfd = note + 8 - base;
        } else {
            return;
        }
        List<Entry> entries = tiff.entries(firstIfd);
        if (entries == null) {
            return;
        }
        for (Entry e : entries) {
            if (e.tag() == 0x2020) {
                List<Entry> settings = tiff.entries(tiff.number(e, 0));
                if (settings == null) {
                    return;
                }
                long start = -1;
                long length = -1;
                for (Entry s : settings) {
                    if (s.tag() == 0x0101) {
                        start = tiff.number(s, 0);
                    } else if (s.tag() == 0x0102) {
                        length = tiff.number(s, 0);
                    }
                }
                if (start > 0 && length > 0) {
                    facts.candidates.add(new long[] {tiff.base + start, length});
                }
            }
        }
    }

    /**
     * Nikon maker notes ("Nikon\0", version, then a TIFF header of their own at +10) hold a PreviewIFD (0x11)
     * whose JPEGInterchangeFormat points to a preview (640x424 in a Z 9 DNG), offsets relative to that header.
     */
    private static void nikonPreview(byte[] b, long note, Facts facts) {
        long tiffStart = note + 10;
        if (!RawBytes.startsWith(b, note, "Nikon\0") || tiffStart > Integer.MAX_VALUE
                || magic(b, (int) tiffStart) != MAGIC_TIFF) {
            return;
        }
        RawTiff tiff = new RawTiff(b, (int) tiffStart, byteOrder(b, tiffStart));
        List<Entry> entries = tiff.entries(RawBytes.u32(b, tiffStart + 4, tiff.little));
        if (entries == null) {
            return;
        }
        for (Entry e : entries) {
            if (e.tag() == 0x0011) {
                tiff.walk(tiff.number(e, 0), facts, false);
            }
        }
    }

    private static int positiveInt(long v) {
        return v > 0 && v <= Integer.MAX_VALUE ? (int) v : 0;
    }

    /** An EXIF "yyyy:MM:dd HH:mm:ss" wall-clock time, or null when it is blank or not a real date. */
    static LocalDateTime dateTime(String s) {
        if (s == null || s.length() < 19) {
            return null;
        }
        try {
            return LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(5, 7)),
                    Integer.parseInt(s.substring(8, 10)), Integer.parseInt(s.substring(11, 13)),
                    Integer.parseInt(s.substring(14, 16)), Integer.parseInt(s.substring(17, 19)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
