package org.skynet.vms.adapters.rtp.h265;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.rtp.DepacketizerLimits;
import org.skynet.vms.adapters.rtp.VideoDepacketizer;

/**
 * H.265 RTP depacketizer for RFC 7798 with {@code sprop-max-don-diff} = 0 (no DONL fields, what
 * cameras send): single NAL unit packets (§4.4.1), aggregation packets (AP, §4.4.2) and
 * fragmentation units (FU, §4.4.3). PACI packets (type 50) drop the unit as unsupported; types 51–63
 * are ignored.
 *
 * <p>See {@link VideoDepacketizer} for access unit boundaries, loss handling, limits and threading.
 */
public final class H265Depacketizer extends VideoDepacketizer {
    private static final int AP = 48;
    private static final int FU = 49;
    private static final int PACI = 50;

    /** A depacketizer with the {@link DepacketizerLimits#DEFAULT default limits}. */
    public H265Depacketizer(Consumer<AccessUnit> sink) {
        this(sink, DepacketizerLimits.DEFAULT);
    }

    /**
     * @param sink   receives each complete access unit, synchronously, on the calling thread
     * @param limits size limits every access unit is held to
     */
    public H265Depacketizer(Consumer<AccessUnit> sink, DepacketizerLimits limits) {
        super(H265Syntax.INSTANCE, sink, limits);
    }

    @Override
    protected void depacketize(ByteBuffer p, int pos, int end) {
        if (end - pos < 2) {
            malformed("payload shorter than the 2-byte payload header");
            return;
        }
        int h0 = p.get(pos) & 0xff;
        int h1 = p.get(pos + 1) & 0xff;
        if ((h0 & 0x80) != 0) {
            malformed("forbidden_zero_bit set");
            return;
        }
        int type = (h0 >> 1) & 0x3f;
        if (type < AP) {
            addNal(p, pos, end - pos);
        } else if (type == AP) {
            addAggregated(p, pos + 2, end, "AP");
        } else if (type == FU) {
            unpackFu(p, pos, end, h0, h1);
        } else if (type == PACI) {
            malformed("PACI packets are not supported");
        } else {
            ignored();
        }
    }

    private void unpackFu(ByteBuffer p, int pos, int end, int h0, int h1) {
        if (end - pos < 3) {
            malformed("FU without an FU header");
            return;
        }
        int fuHeader = p.get(pos + 2) & 0xff;
        boolean start = (fuHeader & 0x80) != 0;
        boolean last = (fuHeader & 0x40) != 0;
        if (start) {
            beginNal();
            appendNalByte((h0 & 0x81) | ((fuHeader & 0x3f) << 1));
            appendNalByte(h1);
        }
        appendNal(p, pos + 3, end - pos - 3);
        if (last) {
            endNal();
        }
    }
}
