package org.skynet.vms.recorder.fmp4;

import java.nio.ByteBuffer;

/**
 * Writes ISO BMFF boxes into a growable big-endian heap buffer. A box is opened with {@link #start} or
 * {@link #startFull}, filled, and closed with {@link #end}, which back-patches its 32-bit size; boxes
 * nest up to {@value #MAX_DEPTH} deep. Meant to be reused: {@link #clear} keeps the capacity, so a
 * stream's writer stops allocating once it has seen its largest fragment. Not thread-safe.
 */
public final class BoxWriter {
    /** The deepest nesting of open boxes (the init segment needs 8). */
    public static final int MAX_DEPTH = 16;
    /** The largest buffer this writer grows to: 32-bit box sizes, with headroom. */
    public static final int MAX_CAPACITY_BYTES = 1 << 30;

    private ByteBuffer buf;
    private final int[] open = new int[MAX_DEPTH];
    private int depth;

    /** @param initialCapacityBytes starting capacity; grows by doubling */
    public BoxWriter(int initialCapacityBytes) {
        buf = ByteBuffer.allocate(Math.max(64, initialCapacityBytes));
    }

    /** Opens a plain box of a four-character type. */
    public BoxWriter start(String type) {
        checkFourcc(type);
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("boxes nested deeper than " + MAX_DEPTH);
        }
        open[depth++] = buf.position();
        u32(0);
        fourcc(type);
        return this;
    }

    /** Opens a full box: type, then version (8 bits) and flags (24 bits). */
    public BoxWriter startFull(String type, int version, int flags) {
        start(type);
        return u32(((long) version << 24) | (flags & 0xFFFFFF));
    }

    /** Closes the innermost open box, writing its size. */
    public BoxWriter end() {
        if (depth == 0) {
            throw new IllegalStateException("no open box");
        }
        int startPos = open[--depth];
        buf.putInt(startPos, buf.position() - startPos);
        return this;
    }

    /** Number of boxes opened and not yet closed. */
    public int depth() {
        return depth;
    }

    /** Bytes written so far. */
    public int position() {
        return buf.position();
    }

    public BoxWriter u8(int v) {
        ensure(1).put((byte) v);
        return this;
    }

    public BoxWriter u16(int v) {
        ensure(2).putShort((short) v);
        return this;
    }

    public BoxWriter u32(long v) {
        ensure(4).putInt((int) v);
        return this;
    }

    public BoxWriter u64(long v) {
        ensure(8).putLong(v);
        return this;
    }

    /** Writes {@code n} zero bytes. */
    public BoxWriter zeros(int n) {
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf.put((byte) 0);
        }
        return this;
    }

    /** Writes a four-character code, e.g. {@code "moov"}; characters must be ASCII. */
    public BoxWriter fourcc(String code) {
        checkFourcc(code);
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf.put((byte) code.charAt(i));
        }
        return this;
    }

    public BoxWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public BoxWriter bytes(byte[] b, int off, int len) {
        ensure(len).put(b, off, len);
        return this;
    }

    /** Overwrites 4 bytes at an earlier position, e.g. a data offset known only later. */
    public BoxWriter patchU32(int position, long v) {
        buf.putInt(position, (int) v);
        return this;
    }

    /** A read-only view of the bytes written so far (position 0, limit = bytes written). */
    public ByteBuffer written() {
        return buf.asReadOnlyBuffer().flip();
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        byte[] out = new byte[buf.position()];
        buf.get(0, out);
        return out;
    }

    /** Forgets what was written, keeping the capacity. */
    public BoxWriter clear() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " boxes still open");
        }
        buf.clear();
        return this;
    }

    private static void checkFourcc(String code) {
        if (code.length() != 4) {
            throw new IllegalArgumentException("four-character code expected: " + code);
        }
    }

    private ByteBuffer ensure(int n) {
        if (buf.remaining() < n) {
            long needed = (long) buf.position() + n;
            if (needed > MAX_CAPACITY_BYTES) {
                throw new IllegalStateException("box buffer would exceed " + MAX_CAPACITY_BYTES + " bytes");
            }
            int capacity = (int) Math.min(MAX_CAPACITY_BYTES, Math.max(needed, 2L * buf.capacity()));
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
        return buf;
    }
}
