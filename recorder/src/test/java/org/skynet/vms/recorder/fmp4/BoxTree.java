package org.skynet.vms.recorder.fmp4;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Dumps an ISO BMFF file as an indented text tree with each box's type, size and key fields, for
 * golden files. Written independently of the production parser, from ISO/IEC 14496-12/-15.
 */
public final class BoxTree {
    private static final Set<String> CONTAINERS =
            Set.of("moov", "trak", "mdia", "minf", "dinf", "stbl", "mvex", "moof", "traf");

    private final ByteBuffer b;
    private final StringBuilder out = new StringBuilder();

    private BoxTree(byte[] bytes) {
        b = ByteBuffer.wrap(bytes);
    }

    /** The tree of a whole file. */
    public static String dump(byte[] bytes) {
        BoxTree t = new BoxTree(bytes);
        t.boxes(0, bytes.length, 0);
        return t.out.toString();
    }

    private void boxes(int pos, int end, int depth) {
        while (pos < end) {
            if (pos + 8 > end) {
                line(depth, "!! " + (end - pos) + " trailing bytes");
                return;
            }
            long size = u32(pos);
            String type = fourcc(pos + 4);
            if (size < 8 || pos + size > end) {
                line(depth, type + " size=" + size + " !! runs past " + end);
                return;
            }
            int boxEnd = (int) (pos + size);
            line(depth, type + " size=" + size + fields(type, pos + 8, boxEnd));
            if (CONTAINERS.contains(type)) {
                boxes(pos + 8, boxEnd, depth + 1);
            } else if (type.equals("dref") || type.equals("stsd")) {
                boxes(pos + 16, boxEnd, depth + 1);
            } else if (type.equals("avc1") || type.equals("hvc1")) {
                boxes(pos + 86, boxEnd, depth + 1);
            } else if (type.equals("trun")) {
                samples(pos + 8, depth + 1);
            }
            pos = boxEnd;
        }
    }

    private String fields(String type, int p, int end) {
        int version = b.get(p) & 0xFF;
        long flags = u32(p) & 0xFFFFFF;
        switch (type) {
            case "ftyp": {
                StringBuilder s = new StringBuilder(" major=" + fourcc(p) + " minor=" + u32(p + 4) + " compatible=");
                for (int q = p + 8; q < end; q += 4) {
                    s.append(fourcc(q)).append(q + 4 < end ? "," : "");
                }
                return s.toString();
            }
            case "mvhd":
                return " v" + version + " timescale=" + u32(p + 12) + " duration=" + u32(p + 16) + " next_track="
                        + u32(p + 96);
            case "tkhd":
                return " v" + version + " flags=" + flags + " track=" + u32(p + 12) + " duration=" + u32(p + 20)
                        + " width=" + (u32(p + 76) >> 16) + " height=" + (u32(p + 80) >> 16);
            case "mdhd":
                return " v" + version + " timescale=" + u32(p + 12) + " duration=" + u32(p + 16) + " language=0x"
                        + Integer.toHexString(u16(p + 20));
            case "hdlr":
                return " handler=" + fourcc(p + 8) + " name=" + cString(p + 24, end);
            case "vmhd": case "url ":
                return " flags=" + flags;
            case "dref": case "stsd": case "stts": case "stsc": case "stco":
                return " entries=" + u32(p + 4);
            case "stsz":
                return " sample_size=" + u32(p + 4) + " count=" + u32(p + 8);
            case "avc1": case "hvc1":
                return " data_ref=" + u16(p + 6) + " width=" + u16(p + 24) + " height=" + u16(p + 26) + " depth="
                        + u16(p + 74);
            case "avcC":
                return avcC(p, end);
            case "hvcC":
                return hvcC(p, end);
            case "trex":
                return " track=" + u32(p + 4) + " sample_description=" + u32(p + 8) + " defaults=" + u32(p + 12) + "/"
                        + u32(p + 16) + "/" + u32(p + 20);
            case "mfhd":
                return " sequence=" + u32(p + 4);
            case "tfhd":
                return " flags=0x" + Long.toHexString(flags) + " track=" + u32(p + 4);
            case "tfdt":
                return " v" + version + " base_media_decode_time=" + (version == 1 ? b.getLong(p + 4) : u32(p + 4));
            case "trun":
                return " flags=0x" + Long.toHexString(flags) + " samples=" + u32(p + 4) + " data_offset=" + b.getInt(p + 8);
            default:
                return "";
        }
    }

    private String avcC(int p, int end) {
        StringBuilder s = new StringBuilder(" profile=" + u8(p + 1) + " compat=" + u8(p + 2) + " level=" + u8(p + 3)
                + " nal_length=" + ((u8(p + 4) & 3) + 1));
        int q = p + 5;
        int nSps = u8(q++) & 0x1F;
        s.append(" sps=");
        for (int i = 0; i < nSps; i++) {
            int len = u16(q);
            s.append(len).append('B').append(i + 1 < nSps ? "," : "");
            q += 2 + len;
        }
        int nPps = u8(q++);
        s.append(" pps=");
        for (int i = 0; i < nPps; i++) {
            int len = u16(q);
            s.append(len).append('B').append(i + 1 < nPps ? "," : "");
            q += 2 + len;
        }
        if (q + 4 <= end) {
            s.append(" chroma=").append(u8(q) & 3).append(" bit_depth=").append((u8(q + 1) & 7) + 8);
        }
        return s.toString();
    }

    private String hvcC(int p, int end) {
        StringBuilder s = new StringBuilder(" profile_space=" + (u8(p + 1) >> 6) + " tier=" + ((u8(p + 1) >> 5) & 1)
                + " profile=" + (u8(p + 1) & 0x1F) + " compat=0x" + Long.toHexString(u32(p + 2)) + " level="
                + u8(p + 12) + " chroma=" + (u8(p + 16) & 3) + " bit_depth=" + ((u8(p + 17) & 7) + 8)
                + " temporal_layers=" + ((u8(p + 21) >> 3) & 7) + " nal_length=" + ((u8(p + 21) & 3) + 1) + " arrays=");
        int q = p + 23;
        int arrays = u8(p + 22);
        for (int a = 0; a < arrays && q + 3 <= end; a++) {
            boolean complete = (u8(q) & 0x80) != 0;
            int type = u8(q) & 0x3F;
            int n = u16(q + 1);
            s.append(a > 0 ? "," : "").append(type).append(complete ? "(complete)" : "").append(':');
            q += 3;
            for (int i = 0; i < n; i++) {
                int len = u16(q);
                s.append(i > 0 ? "+" : "").append(len).append('B');
                q += 2 + len;
            }
        }
        return s.toString();
    }

    private void samples(int p, int depth) {
        long flags = u32(p) & 0xFFFFFF;
        long n = u32(p + 4);
        int q = p + 8 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 4 : 0);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder("sample " + i);
            if ((flags & 0x100) != 0) {
                s.append(" duration=").append(u32(q));
                q += 4;
            }
            if ((flags & 0x200) != 0) {
                s.append(" size=").append(u32(q));
                q += 4;
            }
            if ((flags & 0x400) != 0) {
                long f = u32(q);
                s.append(" flags=0x").append(Long.toHexString(f)).append((f & 0x10000) == 0 ? " sync" : "");
                q += 4;
            }
            line(depth, s.toString());
        }
    }

    private void line(int depth, String s) {
        out.append("  ".repeat(depth)).append(s).append('\n');
    }

    private String cString(int p, int end) {
        StringBuilder s = new StringBuilder();
        for (int q = p; q < end && b.get(q) != 0; q++) {
            s.append((char) b.get(q));
        }
        return s.toString();
    }

    private String fourcc(int p) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b.get(p + i) & 0xFF);
        }
        return new String(c);
    }

    private int u8(int p) {
        return b.get(p) & 0xFF;
    }

    private int u16(int p) {
        return b.getShort(p) & 0xFFFF;
    }

    private long u32(int p) {
        return b.getInt(p) & 0xFFFF_FFFFL;
    }
}
