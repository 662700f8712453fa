package kindred.library.people;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a suggestion refresh saw and left: the store's fingerprint of the clusterable faces when it read them; per
 * face (ascending id): its photo, its vector (or, for a snapshot read
 * back from disk, only a hash of it), whether it could be suggested, whom it is confirmed for (-1: nobody), whom it
 * was suggested for after the refresh (-1: nobody); the people's sampled references (face ids) and the rejections.
 * The next refresh compares the library with it to find what changed ({@link SuggestionRefresh}).
 *
 * <p>Kept beside the library ({@link PeopleStore#suggestionStateFile()}) so that a new process (every
 * {@code kindred scan}) starts incremental instead of recomputing every suggestion (41 s at 300,000 faces;
 * docs/decisions/0007-speed.md). Any snapshot that some refresh really left is a safe start, however old: the
 * comparison finds every photo and person that differs from it. It holds face, photo and person ids and 32-bit
 * hashes of vectors, never a vector or a name.
 */
record RefreshSnapshot(String embedder, String fingerprint, long[] faceIds, long[] photoIds, float[][] vectors, int[] vectorHashes,
                       boolean[] candidate, long[] confirmedTo, long[] suggestedTo,
                       Map<Long, long[]> refIds, Map<Long, List<Long>> rejections) {

    /** Version of the file layout; a file of another version is not read (the next refresh is then full). */
    private static final int FORMAT = 3;
    private static final int MAGIC = 0x4B535247; // "KSRG"

    /** Whether face {@code i} of this snapshot had another vector than face {@code j} of {@code now}. */
    boolean vectorDiffers(int i, FaceSpace now, int j) {
        if (vectors != null) {
            return vectors != now.vectors && !Arrays.equals(vectors[i], now.vectors[j]);
        }
        return vectorHashes[i] != now.vectorHashes()[j];
    }

    void write(OutputStream sink) throws IOException {
        int n = faceIds.length;
        byte[] name = embedder.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] print = (fingerprint == null ? "" : fingerprint).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long size = 4L + 4 + 4 + name.length + 4 + print.length + 4 + n * 21L + sparseBytes(confirmedTo) + sparseBytes(suggestedTo) + 4 + 4 + 4;
        for (long[] refs : refIds.values()) {
            size += 12 + 8L * refs.length;
        }
        for (List<Long> persons : rejections.values()) {
            size += 12 + 8L * persons.size();
        }
        // One buffer, written at once: a refresh after every decision writes this (≈ 6 MB at 300,000 faces), and
        // a DataOutputStream's byte-at-a-time writes cost about 0.1 s of it.
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(size));
        out.putInt(MAGIC).putInt(FORMAT).putInt(name.length).put(name).putInt(print.length).put(print);
        out.putInt(n);
        for (int i = 0; i < n; i++) {
            out.putLong(faceIds[i]).putLong(photoIds[i]);
            out.putInt(vectorHashes != null ? vectorHashes[i] : Arrays.hashCode(vectors[i]));
            out.put((byte) (candidate[i] ? 1 : 0));
        }
        putSparse(out, confirmedTo);
        putSparse(out, suggestedTo);
        out.putInt(refIds.size());
        for (var e : refIds.entrySet()) {
            out.putLong(e.getKey()).putInt(e.getValue().length);
            for (long id : e.getValue()) {
                out.putLong(id);
            }
        }
        out.putInt(rejections.size());
        for (var e : rejections.entrySet()) {
            out.putLong(e.getKey()).putInt(e.getValue().size());
            for (long p : e.getValue()) {
                out.putLong(p);
            }
        }
        out.putInt(MAGIC); // end marker: a truncated file is refused
        sink.write(out.array(), 0, out.position());
        sink.flush();
    }

    /** The snapshot in {@code in} (big-endian, as {@link #write} wrote it), or null when it is not one. */
    static RefreshSnapshot read(ByteBuffer in) {
        try {
            if (in.getInt() != MAGIC || in.getInt() != FORMAT) {
                return null;
            }
            byte[] name = new byte[in.getInt()];
            in.get(name);
            String embedder = new String(name, java.nio.charset.StandardCharsets.UTF_8);
            byte[] print = new byte[in.getInt()];
            in.get(print);
            String fingerprint = print.length == 0 ? null : new String(print, java.nio.charset.StandardCharsets.UTF_8);
            int n = in.getInt();
            if (n < 0 || n > in.remaining() / 21) {
                return null;
            }
            long[] ids = new long[n];
            long[] photos = new long[n];
            int[] hashes = new int[n];
            boolean[] candidate = new boolean[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.getLong();
                photos[i] = in.getLong();
                hashes[i] = in.getInt();
                candidate[i] = in.get() != 0;
                if (i > 0 && ids[i] <= ids[i - 1]) {
                    return null;
                }
            }
            long[] confirmedTo = readSparse(in, n);
            long[] suggestedTo = readSparse(in, n);
            Map<Long, long[]> refIds = new HashMap<>();
            for (int p = in.getInt(); p > 0; p--) {
                long person = in.getLong();
                long[] refs = new long[in.getInt()];
                for (int k = 0; k < refs.length; k++) {
                    refs[k] = in.getLong();
                }
                refIds.put(person, refs);
            }
            Map<Long, List<Long>> rejections = new HashMap<>();
            for (int f = in.getInt(); f > 0; f--) {
                long face = in.getLong();
                List<Long> persons = new ArrayList<>();
                for (int k = in.getInt(); k > 0; k--) {
                    persons.add(in.getLong());
                }
                rejections.put(face, persons);
            }
            if (confirmedTo == null || suggestedTo == null || in.getInt() != MAGIC) {
                return null;
            }
            return new RefreshSnapshot(embedder, fingerprint, ids, photos, null, hashes, candidate, confirmedTo, suggestedTo, refIds, rejections);
        } catch (java.nio.BufferUnderflowException | NegativeArraySizeException | IllegalArgumentException e) {
            return null;
        }
    }

    private static long sparseBytes(long[] values) {
        long count = 0;
        for (long v : values) {
            count += v >= 0 ? 1 : 0;
        }
        return 4 + 12 * count;
    }

    /** Only the entries that are not -1: count, then (index, value) pairs. */
    private static void putSparse(ByteBuffer out, long[] values) {
        int count = 0;
        for (long v : values) {
            count += v >= 0 ? 1 : 0;
        }
        out.putInt(count);
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= 0) {
                out.putInt(i).putLong(values[i]);
            }
        }
    }

    private static long[] readSparse(ByteBuffer in, int n) {
        long[] values = new long[n];
        Arrays.fill(values, -1);
        int count = in.getInt();
        if (count < 0 || count > n) {
            return null;
        }
        for (int k = 0; k < count; k++) {
            int i = in.getInt();
            long v = in.getLong();
            if (i < 0 || i >= n || v < 0) {
                return null;
            }
            values[i] = v;
        }
        return values;
    }
}
