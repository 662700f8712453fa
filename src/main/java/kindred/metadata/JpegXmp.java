package kindred.metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The XMP segments of a JPEG file: finds the standard XMP packet (APP1 "http://ns.adobe.com/xap/1.0/"), the
 * extended XMP parts (APP1 "http://ns.adobe.com/xmp/extension/"), and replaces the standard packet while keeping
 * every other byte of the file as it was. Stateless.
 */
final class JpegXmp {

    static final byte[] STANDARD = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EXTENDED = "http://ns.adobe.com/xmp/extension/\0".getBytes(StandardCharsets.US_ASCII);

    /** A segment's length field counts itself (2 bytes) and the payload, at most 65535. */
    static final int MAX_STANDARD_PACKET = 65535 - 2 - STANDARD.length;

    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private JpegXmp() {
    }

    /**
     * A marker segment before the image data.
     *
     * @param offset of its 0xFF byte
     * @param length in bytes, marker included
     */
    record Segment(int marker, int offset, int length) {
        int payload() {
            return offset + 4;
        }

        int end() {
            return offset + length;
        }
    }

    static boolean isJpeg(byte[] b) {
        return b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8;
    }

    /** The segments between SOI and the start of the image data. */
    static List<Segment> segments(byte[] b) throws IOException {
        if (!isJpeg(b)) {
            throw new IOException("not a JPEG file");
        }
        List<Segment> out = new ArrayList<>();
        int i = 2;
        while (i + 1 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new IOException("damaged JPEG: no marker at byte " + i);
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == SOS || marker == EOI) {
                return out;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            if (i + 3 >= b.length) {
                break;
            }
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (len < 2 || i + 2 + len > b.length) {
                throw new IOException("damaged JPEG: a segment runs past the end of the file");
            }
            out.add(new Segment(marker, i, len + 2));
            i += len + 2;
        }
        throw new IOException("damaged JPEG: no image data");
    }

    /** The standard XMP packet, or null when there is none. */
    static byte[] standardPacket(byte[] b, List<Segment> segs) {
        Segment s = standardSegment(b, segs);
        return s == null ? null : Arrays.copyOfRange(b, s.payload() + STANDARD.length, s.end());
    }

    static boolean hasExtended(byte[] b, List<Segment> segs) {
        return segs.stream().anyMatch(s -> s.marker() == APP1 && startsWith(b, s.payload(), s.end(), EXTENDED));
    }

    /** The extended XMP packet with the given GUID, reassembled, or null when its parts are missing or broken. */
    static byte[] extendedPacket(byte[] b, List<Segment> segs, String guid) {
        byte[] full = null;
        int filled = 0;
        for (Segment s : segs) {
            if (s.marker() != APP1 || !startsWith(b, s.payload(), s.end(), EXTENDED)) {
                continue;
            }
            int p = s.payload() + EXTENDED.length;
            if (p + 40 > s.end()) {
                return null;
            }
            String g = new String(b, p, 32, StandardCharsets.US_ASCII);
            if (!g.equals(guid)) {
                continue;
            }
            long total = u32(b, p + 32);
            long offset = u32(b, p + 36);
            int n = s.end() - (p + 40);
            if (total > 100_000_000L || offset + n > total) {
                return null;
            }
            if (full == null) {
                full = new byte[(int) total];
            }
            if (full.length != total) {
                return null;
            }
            System.arraycopy(b, p + 40, full, (int) offset, n);
            filled += n;
        }
        return full != null && filled >= full.length ? full : null;
    }

    /**
     * The file with its standard XMP packet replaced by {@code packet} (or inserted after the leading APP0/APP1
     * segments when it had none). Every other byte is kept.
     *
     * @throws IOException when the packet does not fit in one segment
     */
    static byte[] withStandardPacket(byte[] b, List<Segment> segs, byte[] packet) throws IOException {
        if (packet.length > MAX_STANDARD_PACKET) {
            throw new IOException("the XMP packet (" + packet.length + " bytes) does not fit in a JPEG segment");
        }
        ByteArrayOutputStream seg = new ByteArrayOutputStream(packet.length + STANDARD.length + 4);
        int len = 2 + STANDARD.length + packet.length;
        seg.write(0xFF);
        seg.write(APP1);
        seg.write(len >> 8);
        seg.write(len & 0xFF);
        seg.writeBytes(STANDARD);
        seg.writeBytes(packet);
        Segment old = standardSegment(b, segs);
        int cut;
        int resume;
        if (old != null) {
            cut = old.offset();
            resume = old.end();
        } else {
            cut = 2;
            for (Segment s : segs) {
                if (s.offset() == cut && (s.marker() == APP0 || s.marker() == APP1)) {
                    cut = s.end();
                } else {
                    break;
                }
            }
            resume = cut;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + seg.size());
        out.write(b, 0, cut);
        out.writeBytes(seg.toByteArray());
        out.write(b, resume, b.length - resume);
        return out.toByteArray();
    }

    private static Segment standardSegment(byte[] b, List<Segment> segs) {
        for (Segment s : segs) {
            if (s.marker() == APP1 && startsWith(b, s.payload(), s.end(), STANDARD)) {
                return s;
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long u32(byte[] b, int p) {
        return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
    }
}
