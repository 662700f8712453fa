package kindred.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Damages a real HEIF file the way a broken copy or a crafted file would, by its boxes (ISO/IEC 23008-12): a grid
 * tile's coded bytes overwritten, the grid's declared size made huge. Reads only what it needs: {@code meta} with
 * {@code iinf}, {@code iref}, {@code iprp/ipco}, {@code iloc}. Version 0/1/2 boxes, 32-bit sizes (what phones
 * write).
 */
final class HeifEdits {

    /** Where one item's bytes are in the file. */
    record Extent(long offset, long length) {
    }

    private final byte[] file;
    private final Map<Integer, String> itemTypes = new HashMap<>();
    private final Map<Integer, List<Integer>> derivedFrom = new HashMap<>();
    private final Map<Integer, List<Extent>> extents = new HashMap<>();
    private final List<Integer> ispeOffsets = new ArrayList<>();

    HeifEdits(byte[] file) {
        this.file = file.clone();
        ByteBuffer b = ByteBuffer.wrap(this.file);
        walk(b, 0, this.file.length, false);
    }

    byte[] bytes() {
        return file.clone();
    }

    /** The tiles of the first grid item, in the grid's order. */
    List<Integer> gridTiles() {
        return itemTypes.entrySet().stream().filter(e -> e.getValue().equals("grid")).map(Map.Entry::getKey).sorted()
                .findFirst().map(g -> derivedFrom.getOrDefault(g, List.of()))
                .orElseThrow(() -> new IllegalStateException("no grid item in this HEIF file"));
    }

    List<Extent> extentsOf(int item) {
        return extents.getOrDefault(item, List.of());
    }

    /** Overwrites every coded byte of this item with random bytes. */
    HeifEdits garbleItem(int item, long seed) {
        Random r = new Random(seed);
        for (Extent e : extentsOf(item)) {
            byte[] junk = new byte[(int) e.length()];
            r.nextBytes(junk);
            System.arraycopy(junk, 0, file, (int) e.offset(), junk.length);
        }
        return this;
    }

    /** Sets every {@code ispe} (image spatial extents) property declaring width × height to the new size. */
    HeifEdits declareSize(int width, int height, int newWidth, int newHeight) {
        ByteBuffer b = ByteBuffer.wrap(file);
        int changed = 0;
        for (int at : ispeOffsets) {
            // ispe: size, type, version+flags, then 32-bit width and height
            if (b.getInt(at + 12) == width && b.getInt(at + 16) == height) {
                b.putInt(at + 12, newWidth).putInt(at + 16, newHeight);
                changed++;
            }
        }
        if (changed == 0) {
            throw new IllegalStateException("no ispe property of " + width + "×" + height);
        }
        return this;
    }

    private void walk(ByteBuffer b, int start, int end, boolean inMeta) {
        int at = start;
        while (at + 8 <= end) {
            long size = b.getInt(at) & 0xFFFFFFFFL;
            String type = new String(file, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (size == 0) {
                size = end - at;
            }
            if (size < 8 || at + size > end) {
                return;
            }
            int body = at + 8;
            int stop = (int) (at + size);
            switch (type) {
                case "meta" -> walk(b, body + 4, stop, true);
                case "iprp", "ipco" -> walk(b, body, stop, inMeta);
                case "ispe" -> ispeOffsets.add(at);
                case "iinf" -> readIinf(b, body, stop);
                case "iref" -> readIref(b, body);
                case "iloc" -> readIloc(b, body);
                default -> {
                }
            }
            at = stop;
        }
    }

    private void readIinf(ByteBuffer b, int body, int end) {
        int version = b.get(body) & 0xFF;
        int at = body + 4 + (version == 0 ? 2 : 4);
        while (at + 8 <= end) {
            int size = b.getInt(at);
            int infeVersion = b.get(at + 8) & 0xFF;
            if (infeVersion >= 2) {
                int id = infeVersion == 2 ? b.getShort(at + 12) & 0xFFFF : b.getInt(at + 12);
                int typeAt = at + 12 + (infeVersion == 2 ? 2 : 4) + 2;
                itemTypes.put(id, new String(file, typeAt, 4, StandardCharsets.ISO_8859_1));
            }
            at += size;
        }
    }

    private void readIref(ByteBuffer b, int body) {
        int version = b.get(body) & 0xFF;
        int size = b.getInt(body - 8);
        int end = body - 8 + size;
        int at = body + 4;
        while (at + 8 <= end) {
            int refSize = b.getInt(at);
            String type = new String(file, at + 4, 4, StandardCharsets.ISO_8859_1);
            int p = at + 8;
            int from = version == 0 ? b.getShort(p) & 0xFFFF : b.getInt(p);
            p += version == 0 ? 2 : 4;
            int count = b.getShort(p) & 0xFFFF;
            p += 2;
            if (type.equals("dimg")) {
                List<Integer> to = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    to.add(version == 0 ? b.getShort(p) & 0xFFFF : b.getInt(p));
                    p += version == 0 ? 2 : 4;
                }
                derivedFrom.put(from, to);
            }
            at += refSize;
        }
    }

    private void readIloc(ByteBuffer b, int body) {
        int version = b.get(body) & 0xFF;
        int p = body + 4;
        int sizes = b.getShort(p) & 0xFFFF;
        p += 2;
        int offsetSize = sizes >> 12 & 0xF;
        int lengthSize = sizes >> 8 & 0xF;
        int baseSize = sizes >> 4 & 0xF;
        int indexSize = version >= 1 ? sizes & 0xF : 0;
        int count = version < 2 ? b.getShort(p) & 0xFFFF : b.getInt(p);
        p += version < 2 ? 2 : 4;
        for (int i = 0; i < count; i++) {
            int id = version < 2 ? b.getShort(p) & 0xFFFF : b.getInt(p);
            p += version < 2 ? 2 : 4;
            int method = 0;
            if (version >= 1) {
                method = b.getShort(p) & 0xF;
                p += 2;
            }
            p += 2; // data reference index
            long base = read(b, p, baseSize);
            p += baseSize;
            int n = b.getShort(p) & 0xFFFF;
            p += 2;
            List<Extent> list = new ArrayList<>();
            for (int e = 0; e < n; e++) {
                p += indexSize;
                long off = read(b, p, offsetSize);
                p += offsetSize;
                long len = read(b, p, lengthSize);
                p += lengthSize;
                list.add(new Extent(base + off, len));
            }
            if (method == 0) {
                extents.put(id, list);
            }
        }
    }

    private static long read(ByteBuffer b, int at, int size) {
        return switch (size) {
            case 0 -> 0;
            case 4 -> b.getInt(at) & 0xFFFFFFFFL;
            case 8 -> b.getLong(at);
            default -> throw new IllegalStateException("iloc field of " + size + " bytes");
        };
    }
}
