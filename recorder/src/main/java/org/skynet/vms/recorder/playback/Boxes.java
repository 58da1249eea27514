package org.skynet.vms.recorder.playback;

import java.nio.ByteBuffer;
import org.skynet.vms.recorder.fmp4.Fmp4FormatException;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;

/** Finding child boxes in a buffer holding whole boxes; every size is checked against its parent. */
final class Boxes {
    private Boxes() {
    }

    /** End of the box at {@code pos}, which must lie within {@code parentEnd}. */
    static int end(ByteBuffer buf, int pos, int parentEnd) {
        long end = pos + Fmp4Parser.size(buf, pos);
        if (pos + Fmp4Parser.HEADER_BYTES > parentEnd || end > parentEnd) {
            throw new Fmp4FormatException("box at " + pos + " runs past " + parentEnd);
        }
        return (int) end;
    }

    /** Position of the first box of {@code type} in {@code [from, to)}. */
    static int find(ByteBuffer buf, int from, int to, String type) {
        int p = from;
        while (p + Fmp4Parser.HEADER_BYTES <= to) {
            int end = end(buf, p, to);
            if (Fmp4Parser.type(buf, p).equals(type)) {
                return p;
            }
            p = end;
        }
        throw new Fmp4FormatException("no '" + type + "' between " + from + " and " + to);
    }

    /** Follows a path of plain container boxes, e.g. {@code "trak", "mdia"}, from the box at {@code pos}. */
    static int path(ByteBuffer buf, int pos, String... types) {
        int p = pos;
        for (String type : types) {
            p = find(buf, p + Fmp4Parser.HEADER_BYTES, end(buf, p, buf.limit()), type);
        }
        return p;
    }
}
