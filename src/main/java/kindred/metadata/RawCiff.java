package kindred.metadata;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads a Canon CRW (CIFF: a byte order mark, the header length, "HEAPCCDR", then nested heaps whose record
 * table is pointed to by each heap's last 4 bytes). Uses JpgFromRaw (0x2007) and the thumbnail (0x2008),
 * ImageSpec (0x1810: width, height, rotation in degrees) and the capture time (0x180E: seconds, wall clock).
 * Offsets are positions in the whole file. Bounded: at most {@link #MAX_RECORDS} records, nesting at most
 * {@link #MAX_DEPTH}. Stateless, thread-safe.
 */
final class RawCiff {

    /** Records read per file: a CRW has about 100; junk tables stop here. */
    static final int MAX_RECORDS = 4096;

    /** Heap nesting followed: CRWs nest 3 deep. */
    static final int MAX_DEPTH = 8;

    private RawCiff() {
    }

    static boolean isCrw(byte[] b) {
        return (RawBytes.startsWith(b, 0, "II") || RawBytes.startsWith(b, 0, "MM"))
                && RawBytes.startsWith(b, 6, "HEAPCCDR");
    }

    static void read(byte[] b, RawTiff.Facts facts) {
        boolean little = b[0] == 'I';
        long headerLength = RawBytes.u32(b, 2, little);
        new Walk(b, little, facts).heap(headerLength, b.length, 0);
    }

    private static final class Walk {
        private final byte[] b;
        private final boolean little;
        private final RawTiff.Facts facts;
        private int records;

        Walk(byte[] b, boolean little, RawTiff.Facts facts) {
            this.b = b;
            this.little = little;
            this.facts = facts;
        }

        void heap(long start, long end, int depth) {
            if (start < 0 || end - start < 6 || depth > MAX_DEPTH) {
                return;
            }
            long table = start + RawBytes.u32(b, end - 4, little);
            int count = RawBytes.u16(b, table, little);
            if (count <= 0 || table < start || !RawBytes.inside(b, table + 2, 10L * count)
                    || table + 2 + 10L * count > end) {
                return;
            }
            for (int i = 0; i < count && records++ < MAX_RECORDS; i++) {
                long entry = table + 2 + 10L * i;
                int tag = RawBytes.u16(b, entry, little);
                long size = RawBytes.u32(b, entry + 2, little);
                long offset = RawBytes.u32(b, entry + 6, little);
                boolean inRecord = (tag & 0xC000) == 0x4000;
                long data = inRecord ? entry + 2 : start + offset;
                long length = inRecord ? 8 : size;
                if (!inRecord && (offset + size > end - start)) {
                    continue;
                }
                int dataType = tag & 0x3800;
                if (!inRecord && (dataType == 0x2800 || dataType == 0x3000)) {
                    heap(data, data + length, depth + 1);
                    continue;
                }
                record(tag & 0x3FFF, data, length);
            }
        }

        private void record(int id, long data, long length) {
            switch (id) {
                case 0x2007, 0x2008 -> facts.candidates.add(new long[] {data, length});
                case 0x1810 -> {
                    if (length >= 16) {
                        facts.sensorWidth = pixels(RawBytes.u32(b, data, little));
                        facts.sensorHeight = pixels(RawBytes.u32(b, data + 4, little));
                        facts.orientation = orientation((int) RawBytes.u32(b, data + 12, little));
                    }
                }
                case 0x180E -> {
                    long seconds = RawBytes.u32(b, data, little);
                    if (seconds > 0 && facts.takenAt == null) {
                        // CIFF stores the camera's clock as if it were UTC: read it back as wall-clock time.
                        facts.takenAt = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
                    }
                }
                default -> { }
            }
        }

        private static int pixels(long value) {
            return value > 0 && value <= Integer.MAX_VALUE ? (int) value : 0;
        }

        /** ImageSpec's rotation (degrees, signed) as an EXIF orientation: 90 is EXIF 6, 180 is 3, 270 is 8. */
        private static int orientation(int degrees) {
            return switch (Math.floorMod(degrees, 360)) {
                case 90 -> 6;
                case 180 -> 3;
                case 270 -> 8;
                default -> 1;
            };
        }
    }
}
