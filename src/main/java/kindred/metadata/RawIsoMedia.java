package kindred.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads a Canon CR3 (ISO base media file, brand "crx "): its JPEGs and its metadata. The full-size JPEG is the
 * first track's only sample (offset from stco/co64, length from stsz); the 1620x1080-class preview sits in the
 * PRVW box of a top-level uuid box, the 160x120 thumbnail in THMB; CMT1 and CMT2 are TIFF structures holding
 * IFD0 (orientation) and the EXIF IFD (date, image size). All offsets are positions in the whole file. Bounded:
 * at most {@link #MAX_BOXES} boxes read, nesting at most {@link #MAX_DEPTH}. Stateless, thread-safe.
 */
final class RawIsoMedia {

    /** Boxes read per file: a CR3 has about 60; a hostile file of tiny boxes stops here. */
    static final int MAX_BOXES = 4096;

    /** Box nesting followed: the deepest box used (co64) sits at depth 5 (moov/trak/mdia/minf/stbl). */
    static final int MAX_DEPTH = 8;

    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "stbl");

    /** Canon's metadata box inside moov, and the box around PRVW (which has 8 more header bytes). */
    private static final String CANON_METADATA_UUID = "85c0b687820f11e08111f4ce462b6a48";
    private static final String CANON_PREVIEW_UUID = "eaf42b5e1c984b88b9fbb7dc406e4d16";

    /** Before their JPEG, THMB and PRVW hold 16 bytes: version, width, height, JPEG length and reserved. */
    private static final int PREVIEW_HEADER_BYTES = 16;

    private RawIsoMedia() {
    }

    static boolean isCr3(byte[] b) {
        return RawBytes.startsWith(b, 4, "ftypcrx ");
    }

    static void read(byte[] b, RawTiff.Facts facts) {
        new Walk(b, facts).boxes(0, b.length, 0);
    }

    private static final class Walk {
        private final byte[] b;
        private final RawTiff.Facts facts;
        private int boxes;
        private int traks;
        private long firstTrackOffset = -1;
        private long firstTrackLength = -1;

        Walk(byte[] b, RawTiff.Facts facts) {
            this.b = b;
            this.facts = facts;
        }

        void boxes(long from, long to, int depth) {
            long p = from;
            while (p + 8 <= to && boxes++ < MAX_BOXES) {
                long size = RawBytes.u32(b, p, false);
                long header = 8;
                if (size == 1) {
                    size = RawBytes.u64(b, p + 8, false);
                    header = 16;
                } else if (size == 0) {
                    size = to - p;
                }
                if (size < header || size > to - p) {
                    return;
                }
                box(new String(b, (int) p + 4, 4, StandardCharsets.ISO_8859_1),
                        p + header, p + size, depth);
                p += size;
            }
        }

        private void box(String type, long start, long end, int depth) {
            if (CONTAINERS.contains(type) && depth < MAX_DEPTH) {
                boolean track = type.equals("trak");
                if (track) {
                    traks++;
                }
                boxes(start, end, depth + 1);
                if (track && traks == 1 && firstTrackOffset > 0 && firstTrackLength > 0) {
                    facts.candidates.add(new long[] {firstTrackOffset, firstTrackLength});
                }
                return;
            }
            switch (type) {
                case "uuid" -> uuid(start, end, depth);
                case "PRVW", "THMB" -> {
                    long jpeg = start + PREVIEW_HEADER_BYTES;
                    facts.candidates.add(new long[] {jpeg, end - jpeg});
                }
                case "CMT1", "CMT2" -> {
                    if (start <= Integer.MAX_VALUE) {
                        RawTiff.read(b, (int) start, facts);
                    }
                }
                case "stsz" -> {
                    if (traks == 1) {
                        long sampleSize = RawBytes.u32(b, start + 4, false);
                        firstTrackLength = sampleSize > 0 ? sampleSize : RawBytes.u32(b, start + 12, false);
                    }
                }
                case "co64" -> {
                    if (traks == 1) {
                        firstTrackOffset = RawBytes.u64(b, start + 8, false);
                    }
                }
                case "stco" -> {
                    if (traks == 1) {
                        firstTrackOffset = RawBytes.u32(b, start + 8, false);
                    }
                }
                default -> { }
            }
        }

        private void uuid(long start, long end, int depth) {
            if (!RawBytes.inside(b, start, 16) || depth >= MAX_DEPTH) {
                return;
            }
            StringBuilder id = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                id.append(String.format("%02x", b[(int) start + i] & 0xFF));
            }
            if (id.toString().equals(CANON_METADATA_UUID)) {
                boxes(start + 16, end, depth + 1);
            } else if (id.toString().equals(CANON_PREVIEW_UUID)) {
                boxes(start + 24, end, depth + 1);
            }
        }
    }
}
