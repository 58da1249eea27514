package org.skynet.vms.adapters.media;

/**
 * Reads bits from a NAL unit payload, skipping emulation-prevention bytes ({@code 00 00 03}) on the
 * fly (H.264 §7.4.1, H.265 §7.4.2). Supports the descriptors parameter sets use: u(n), ue(v), se(v).
 * Reading past the end throws {@link BitstreamException}. Not thread-safe; one per parse.
 */
public final class RbspReader {
    private final byte[] buf;
    private final int end;
    private int pos;
    private int bit; // bits already consumed from buf[pos], 0..7
    private int zeros; // consecutive zero bytes before pos, for emulation prevention

    /** Reads {@code buf[off, off + len)}, which starts after the NAL unit header. */
    public RbspReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new IllegalArgumentException("range " + off + "+" + len + " outside " + buf.length);
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
        skipEmulationPrevention();
    }

    private void skipEmulationPrevention() {
        if (pos < end && zeros >= 2 && buf[pos] == 3) {
            pos++;
            zeros = 0;
        }
    }

    /** Reads one bit. */
    public int readBit() {
        if (pos >= end) {
            throw new BitstreamException("parameter set truncated: read past the end of " + end + " bytes");
        }
        int v = (buf[pos] >> (7 - bit)) & 1;
        if (++bit == 8) {
            zeros = buf[pos] == 0 ? zeros + 1 : 0;
            bit = 0;
            pos++;
            skipEmulationPrevention();
        }
        return v;
    }

    /** Reads {@code n} bits, 0 ≤ n ≤ 32, as an unsigned value. */
    public long readBits(int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | readBit();
        }
        return v;
    }

    /** Reads {@code n} ≤ 31 bits as an int. */
    public int readInt(int n) {
        return (int) readBits(n);
    }

    /** Reads a flag, u(1). */
    public boolean readFlag() {
        return readBit() == 1;
    }

    /** Skips {@code n} bits. */
    public void skip(int n) {
        for (int i = 0; i < n; i++) {
            readBit();
        }
    }

    /** Reads an unsigned Exp-Golomb value, ue(v), up to 2^31 - 2; longer codes are malformed. */
    public int readUe() {
        int leadingZeros = 0;
        while (readBit() == 0) {
            if (++leadingZeros > 31) {
                throw new BitstreamException("Exp-Golomb code longer than 32 bits");
            }
        }
        long v = (1L << leadingZeros) - 1 + readBits(leadingZeros);
        if (v > Integer.MAX_VALUE - 1) {
            throw new BitstreamException("Exp-Golomb value " + v + " out of range");
        }
        return (int) v;
    }

    /** Reads a signed Exp-Golomb value, se(v). */
    public int readSe() {
        int k = readUe();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /** Reads ue(v) and checks it is at most {@code max}; {@code what} names the field in the error. */
    public int readUe(String what, int max) {
        int v = readUe();
        if (v > max) {
            throw new BitstreamException(what + " = " + v + " exceeds " + max);
        }
        return v;
    }
}
