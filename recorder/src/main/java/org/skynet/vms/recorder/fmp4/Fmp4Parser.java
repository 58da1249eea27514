package org.skynet.vms.recorder.fmp4;

import java.nio.ByteBuffer;
import org.skynet.vms.adapters.media.Codec;

/**
 * Reads back the boxes this package writes: a {@code moov} ({@link #parseMoov}) and a {@code moof}
 * ({@link #parseMoof}), each given whole in a buffer. Strict and bounded: every size is checked against
 * its parent, and anything else (several tracks or {@code traf}s, a {@code trun} without sample sizes)
 * is a {@link Fmp4FormatException}. Used by crash recovery, where a file is untrusted.
 */
public final class Fmp4Parser {
    /** Size of a box header with a 32-bit size. */
    public static final int HEADER_BYTES = 8;

    private Fmp4Parser() {
    }

    /** The type of the box whose header is at {@code pos}, as a four-character string. */
    public static String type(ByteBuffer buf, int pos) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (buf.get(pos + 4 + i) & 0xFF);
        }
        return new String(c);
    }

    /** The 32-bit size of the box whose header is at {@code pos}; 0 and 1 (to end, 64-bit) are refused. */
    public static long size(ByteBuffer buf, int pos) {
        long size = buf.getInt(pos) & 0xFFFF_FFFFL;
        if (size < HEADER_BYTES) {
            throw new Fmp4FormatException("box '" + type(buf, pos) + "' at " + pos + " has unsupported size " + size);
        }
        return size;
    }

    /** Parses a whole {@code moov} box (header included) from the buffer's position to its limit. */
    public static TrackInfo parseMoov(ByteBuffer moov) {
        try {
            return moov(moov);
        } catch (IndexOutOfBoundsException e) {
            throw new Fmp4FormatException("moov field outside the box: " + e.getMessage());
        }
    }

    /** Parses a whole {@code moof} box (header included) from the buffer's position to its limit. */
    public static FragmentInfo parseMoof(ByteBuffer moof) {
        try {
            return moof(moof);
        } catch (IndexOutOfBoundsException e) {
            throw new Fmp4FormatException("moof field outside the box: " + e.getMessage());
        }
    }

    private static TrackInfo moov(ByteBuffer moov) {
        int start = moov.position();
        int end = boxEnd(moov, start, moov.limit(), "moov");
        int trak = child(moov, start, end, "trak");
        int trakEnd = boxEnd(moov, trak, end, "trak");
        int mdia = child(moov, trak, trakEnd, "mdia");
        int mdiaEnd = boxEnd(moov, mdia, trakEnd, "mdia");
        int mdhd = child(moov, mdia, mdiaEnd, "mdhd");
        int version = moov.get(mdhd + HEADER_BYTES) & 0xFF;
        int timescaleAt = mdhd + HEADER_BYTES + 4 + (version == 1 ? 16 : 8);
        need(moov, timescaleAt + 4, boxEnd(moov, mdhd, mdiaEnd, "mdhd"), "mdhd");
        long timescale = moov.getInt(timescaleAt) & 0xFFFF_FFFFL;
        int minf = child(moov, mdia, mdiaEnd, "minf");
        int minfEnd = boxEnd(moov, minf, mdiaEnd, "minf");
        int stbl = child(moov, minf, minfEnd, "stbl");
        int stblEnd = boxEnd(moov, stbl, minfEnd, "stbl");
        int stsd = child(moov, stbl, stblEnd, "stsd");
        int stsdEnd = boxEnd(moov, stsd, stblEnd, "stsd");
        int entry = stsd + HEADER_BYTES + 8;
        int entryEnd = boxEnd(moov, entry, stsdEnd, "sample entry");
        need(moov, entry + 36, entryEnd, "sample entry");
        String type = type(moov, entry);
        Codec codec;
        if (type.equals("avc1") || type.equals("avc3")) {
            codec = Codec.H264;
        } else if (type.equals("hvc1") || type.equals("hev1")) {
            codec = Codec.H265;
        } else {
            throw new Fmp4FormatException("unsupported sample entry '" + type + "'");
        }
        int width = moov.getShort(entry + 32) & 0xFFFF;
        int height = moov.getShort(entry + 34) & 0xFFFF;
        return new TrackInfo(codec, width, height, timescale);
    }

    private static FragmentInfo moof(ByteBuffer moof) {
        int start = moof.position();
        int end = boxEnd(moof, start, moof.limit(), "moof");
        int mfhd = child(moof, start, end, "mfhd");
        need(moof, mfhd + 16, boxEnd(moof, mfhd, end, "mfhd"), "mfhd");
        long sequence = moof.getInt(mfhd + 12) & 0xFFFF_FFFFL;
        int traf = child(moof, start, end, "traf");
        int trafEnd = boxEnd(moof, traf, end, "traf");
        int tfhd = child(moof, traf, trafEnd, "tfhd");
        int tfhdEnd = boxEnd(moof, tfhd, trafEnd, "tfhd");
        int tfhdFlags = moof.getInt(tfhd + HEADER_BYTES) & 0xFFFFFF;
        int p = tfhd + 16; // after version/flags and track_ID
        p += (tfhdFlags & 0x01) != 0 ? 8 : 0; // base_data_offset
        p += (tfhdFlags & 0x02) != 0 ? 4 : 0; // sample_description_index
        long defaultDuration = (tfhdFlags & 0x08) != 0 ? u32(moof, p, tfhdEnd) : -1;
        p += (tfhdFlags & 0x08) != 0 ? 4 : 0;
        long defaultSize = (tfhdFlags & 0x10) != 0 ? u32(moof, p, tfhdEnd) : -1;
        int tfdt = child(moof, traf, trafEnd, "tfdt");
        int tfdtEnd = boxEnd(moof, tfdt, trafEnd, "tfdt");
        boolean tfdt64 = (moof.get(tfdt + HEADER_BYTES) & 0xFF) == 1;
        need(moof, tfdt + 12 + (tfdt64 ? 8 : 4), tfdtEnd, "tfdt");
        long base = tfdt64 ? moof.getLong(tfdt + 12) : moof.getInt(tfdt + 12) & 0xFFFF_FFFFL;
        int trun = child(moof, traf, trafEnd, "trun");
        int trunEnd = boxEnd(moof, trun, trafEnd, "trun");
        int flags = moof.getInt(trun + HEADER_BYTES) & 0xFFFFFF;
        long count = u32(moof, trun + 12, trunEnd);
        p = trun + 16;
        long dataOffset = (flags & 0x01) != 0 ? moof.getInt(p) : 0;
        p += (flags & 0x01) != 0 ? 4 : 0;
        int firstFlags = (flags & 0x04) != 0 ? (int) u32(moof, p, trunEnd) : -1;
        p += (flags & 0x04) != 0 ? 4 : 0;
        boolean hasDuration = (flags & 0x100) != 0;
        boolean hasSize = (flags & 0x200) != 0;
        boolean hasFlags = (flags & 0x400) != 0;
        boolean hasCto = (flags & 0x800) != 0;
        int perSample = 4 * ((hasDuration ? 1 : 0) + (hasSize ? 1 : 0) + (hasFlags ? 1 : 0) + (hasCto ? 1 : 0));
        if (count == 0 || count > FragmentSamples.MAX_SAMPLES || p + count * perSample > trunEnd) {
            throw new Fmp4FormatException("trun with " + count + " samples does not fit its " + (trunEnd - trun)
                    + " bytes");
        }
        if ((!hasDuration && defaultDuration < 0) || (!hasSize && defaultSize < 0)) {
            throw new Fmp4FormatException("trun without sample durations or sizes and no defaults");
        }
        long duration = 0;
        long bytes = 0;
        boolean firstSync = false;
        for (int i = 0; i < count; i++) {
            duration += hasDuration ? moof.getInt(p) & 0xFFFF_FFFFL : defaultDuration;
            p += hasDuration ? 4 : 0;
            bytes += hasSize ? moof.getInt(p) & 0xFFFF_FFFFL : defaultSize;
            p += hasSize ? 4 : 0;
            int sampleFlags = hasFlags ? moof.getInt(p) : firstFlags;
            p += (hasFlags ? 4 : 0) + (hasCto ? 4 : 0);
            if (i == 0) {
                firstSync = sampleFlags >= 0 && (sampleFlags & 0x0001_0000) == 0;
            }
        }
        return new FragmentInfo(sequence, base, (int) count, bytes, duration, dataOffset, firstSync);
    }

    /** Position of the first child box of {@code type} in the box at {@code parent}; skips full-box headers. */
    private static int child(ByteBuffer buf, int parent, int parentEnd, String type) {
        int p = parent + HEADER_BYTES;
        while (p + HEADER_BYTES <= parentEnd) {
            int end = boxEnd(buf, p, parentEnd, "child of '" + type(buf, parent) + "'");
            if (type(buf, p).equals(type)) {
                return p;
            }
            p = end;
        }
        throw new Fmp4FormatException("no '" + type + "' in '" + type(buf, parent) + "' at " + parent);
    }

    private static int boxEnd(ByteBuffer buf, int pos, int parentEnd, String what) {
        if (pos + HEADER_BYTES > parentEnd) {
            throw new Fmp4FormatException(what + " header at " + pos + " runs past " + parentEnd);
        }
        long end = pos + size(buf, pos);
        if (end > parentEnd) {
            throw new Fmp4FormatException(what + " '" + type(buf, pos) + "' at " + pos + " runs past " + parentEnd);
        }
        return (int) end;
    }

    private static long u32(ByteBuffer buf, int pos, int end) {
        need(buf, pos + 4, end, "field");
        return buf.getInt(pos) & 0xFFFF_FFFFL;
    }

    private static void need(ByteBuffer buf, int upTo, int end, String what) {
        if (upTo > end) {
            throw new Fmp4FormatException(what + " truncated: needs " + upTo + ", box ends at " + end);
        }
    }
}
