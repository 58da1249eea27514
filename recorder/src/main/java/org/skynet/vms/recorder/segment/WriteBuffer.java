package org.skynet.vms.recorder.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Gathers the pieces of one fragment (box header, then each sample's array) into one direct buffer
 * per writer thread and writes them with as few {@code write} calls as the buffer allows: one per
 * fragment up to {@value #CAPACITY_BYTES} bytes (a 1 s fragment of a 4 Mbit/s stream is about 0.5 MiB).
 * Direct, so the JDK does not copy heap buffers once more into a temporary one; per thread, not per
 * stream, so a stream holds no fragment-sized buffer between fragments. Use: {@link #start}, then
 * {@link #put} for each piece, then {@link #finish}, all on one thread.
 */
final class WriteBuffer {
    /** Size of each thread's buffer. */
    static final int CAPACITY_BYTES = 1 << 20;

    private static final ThreadLocal<WriteBuffer> PER_THREAD = ThreadLocal.withInitial(WriteBuffer::new);

    private final ByteBuffer buf = ByteBuffer.allocateDirect(CAPACITY_BYTES);
    private FileChannel channel;
    private long written;

    private WriteBuffer() {
    }

    /** This thread's buffer, emptied, writing to {@code channel}. */
    static WriteBuffer start(FileChannel channel) {
        WriteBuffer w = PER_THREAD.get();
        w.buf.clear();
        w.channel = channel;
        w.written = 0;
        return w;
    }

    /** Appends {@code src} (position to limit; the position is not moved), writing out when full. */
    void put(ByteBuffer src) throws IOException {
        ByteBuffer s = src.duplicate();
        while (s.hasRemaining()) {
            int n = Math.min(s.remaining(), buf.remaining());
            buf.put(buf.position(), s, s.position(), n);
            buf.position(buf.position() + n);
            s.position(s.position() + n);
            drainIfFull();
        }
    }

    /** Appends {@code src} whole, writing out when full. */
    void put(byte[] src) throws IOException {
        for (int off = 0; off < src.length;) {
            int n = Math.min(src.length - off, buf.remaining());
            buf.put(src, off, n);
            off += n;
            drainIfFull();
        }
    }

    /** Writes what is left; returns the bytes written since {@link #start}. */
    long finish() throws IOException {
        drain();
        channel = null;
        return written;
    }

    private void drainIfFull() throws IOException {
        if (!buf.hasRemaining()) {
            drain();
        }
    }

    private void drain() throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            written += channel.write(buf);
        }
        buf.clear();
    }
}
