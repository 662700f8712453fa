package kindred.library;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a suggestion refresh saw and left, per face (ascending id): its photo, its vector (or, for a snapshot read
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
record RefreshSnapshot(String embedder, long[] faceIds, long[] photoIds, float[][] vectors, int[] vectorHashes,
                       boolean[] candidate, long[] confirmedTo, long[] suggestedTo,
                       Map<Long, long[]> refIds, Map<Long, List<Long>> rejections) {

    /** Version of the file layout; a file of another version is not read (the next refresh is then full). */
    private static final int FORMAT = 1;
    private static final int MAGIC = 0x4B535247; // "KSRG"

    /** Whether face {@code i} of this snapshot had a vector other than {@code now}. */
    boolean vectorDiffers(int i, float[][] nowVectors, int j) {
        if (vectors != null) {
            return vectors != nowVectors && !Arrays.equals(vectors[i], nowVectors[j]);
        }
        return vectorHashes[i] != Arrays.hashCode(nowVectors[j]);
    }

    void write(OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink, 1 << 16));
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeUTF(embedder);
        int n = faceIds.length;
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeLong(faceIds[i]);
            out.writeLong(photoIds[i]);
            out.writeInt(vectorHashes != null ? vectorHashes[i] : Arrays.hashCode(vectors[i]));
            out.writeBoolean(candidate[i]);
        }
        writeSparse(out, confirmedTo);
        writeSparse(out, suggestedTo);
        out.writeInt(refIds.size());
        for (var e : refIds.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().length);
            for (long id : e.getValue()) {
                out.writeLong(id);
            }
        }
        out.writeInt(rejections.size());
        for (var e : rejections.entrySet()) {
            out.writeLong(e.getKey());
            out.writeInt(e.getValue().size());
            for (long p : e.getValue()) {
                out.writeLong(p);
            }
        }
        out.writeInt(MAGIC); // end marker: a truncated file is refused
        out.flush();
    }

    /** The snapshot in {@code source}, or null when it is not one this version wrote. */
    static RefreshSnapshot read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
        try {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                return null;
            }
            String embedder = in.readUTF();
            int n = in.readInt();
            long[] ids = new long[n];
            long[] photos = new long[n];
            int[] hashes = new int[n];
            boolean[] candidate = new boolean[n];
            for (int i = 0; i < n; i++) {
                ids[i] = in.readLong();
                photos[i] = in.readLong();
                hashes[i] = in.readInt();
                candidate[i] = in.readBoolean();
                if (i > 0 && ids[i] <= ids[i - 1]) {
                    return null;
                }
            }
            long[] confirmedTo = readSparse(in, n);
            long[] suggestedTo = readSparse(in, n);
            Map<Long, long[]> refIds = new HashMap<>();
            for (int p = in.readInt(); p > 0; p--) {
                long person = in.readLong();
                long[] refs = new long[in.readInt()];
                for (int k = 0; k < refs.length; k++) {
                    refs[k] = in.readLong();
                }
                refIds.put(person, refs);
            }
            Map<Long, List<Long>> rejections = new HashMap<>();
            for (int f = in.readInt(); f > 0; f--) {
                long face = in.readLong();
                List<Long> persons = new ArrayList<>();
                for (int k = in.readInt(); k > 0; k--) {
                    persons.add(in.readLong());
                }
                rejections.put(face, persons);
            }
            if (confirmedTo == null || suggestedTo == null || in.readInt() != MAGIC) {
                return null;
            }
            return new RefreshSnapshot(embedder, ids, photos, null, hashes, candidate, confirmedTo, suggestedTo, refIds, rejections);
        } catch (java.io.EOFException | NegativeArraySizeException | ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** Only the entries that are not -1: count, then (index, value) pairs. */
    private static void writeSparse(DataOutputStream out, long[] values) throws IOException {
        int count = 0;
        for (long v : values) {
            count += v >= 0 ? 1 : 0;
        }
        out.writeInt(count);
        for (int i = 0; i < values.length; i++) {
            if (values[i] >= 0) {
                out.writeInt(i);
                out.writeLong(values[i]);
            }
        }
    }

    private static long[] readSparse(DataInputStream in, int n) throws IOException {
        long[] values = new long[n];
        Arrays.fill(values, -1);
        for (int k = in.readInt(); k > 0; k--) {
            int i = in.readInt();
            long v = in.readLong();
            if (i < 0 || i >= n || v < 0) {
                return null;
            }
            values[i] = v;
        }
        return values;
    }
}
