package kindred.clustering;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Big-endian ints, longs and bytes into a stream through one 64 KB buffer: what {@link java.io.DataOutputStream}
 * writes, without its byte-at-a-time writes into a synchronized stream (saving the 300,000-face neighbour graph
 * took about 0.4 s that way; docs/decisions/0007-speed.md).
 */
final class ChunkedOutput {

    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);

    ChunkedOutput(OutputStream out) {
        this.out = out;
    }

    void put(byte b) throws IOException {
        room(1);
        buf.put(b);
    }

    void putInt(int v) throws IOException {
        room(4);
        buf.putInt(v);
    }

    void putLong(long v) throws IOException {
        room(8);
        buf.putLong(v);
    }

    /** Writes what is buffered to the stream (and flushes it). */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void room(int bytes) throws IOException {
        if (buf.remaining() < bytes) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }
}
