package org.skynet.vms.adapters.rtp.h264;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.rtp.DepacketizerLimits;
import org.skynet.vms.adapters.rtp.VideoDepacketizer;

/**
 * H.264 RTP depacketizer for RFC 6184 non-interleaved mode (packetization-mode 0 and 1): single NAL
 * unit packets, STAP-A (§5.7.1) and FU-A (§5.8). STAP-B, MTAP and FU-B belong to interleaved mode
 * (packetization-mode 2), which IP cameras do not use: a unit containing one is dropped as
 * malformed. Types 0, 30 and 31 are ignored, as §5.2 says.
 *
 * <p>See {@link VideoDepacketizer} for access unit boundaries, loss handling, limits and threading.
 */
public final class H264Depacketizer extends VideoDepacketizer {
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    /** A depacketizer with the {@link DepacketizerLimits#DEFAULT default limits}. */
    public H264Depacketizer(Consumer<AccessUnit> sink) {
        this(sink, DepacketizerLimits.DEFAULT);
    }

    /**
     * @param sink   receives each complete access unit, synchronously, on the calling thread
     * @param limits size limits every access unit is held to
     */
    public H264Depacketizer(Consumer<AccessUnit> sink, DepacketizerLimits limits) {
        super(H264Syntax.INSTANCE, sink, limits);
    }

    @Override
    protected void depacketize(ByteBuffer p, int pos, int end) {
        int header = p.get(pos) & 0xff;
        if ((header & 0x80) != 0) {
            malformed("forbidden_zero_bit set");
            return;
        }
        int type = header & 0x1f;
        if (type >= 1 && type <= 23) {
            addNal(p, pos, end - pos);
        } else if (type == STAP_A) {
            addAggregated(p, pos + 1, end, "STAP-A");
        } else if (type == FU_A) {
            unpackFuA(p, pos, end, header);
        } else if (type == 0 || type >= 30) {
            ignored();
        } else {
            malformed("interleaved-mode packet type " + type + " (STAP-B, MTAP or FU-B) is not supported");
        }
    }

    private void unpackFuA(ByteBuffer p, int pos, int end, int indicator) {
        if (end - pos < 2) {
            malformed("FU-A without an FU header");
            return;
        }
        int fuHeader = p.get(pos + 1) & 0xff;
        boolean start = (fuHeader & 0x80) != 0;
        boolean last = (fuHeader & 0x40) != 0;
        if (start) {
            beginNal();
            appendNalByte((indicator & 0xe0) | (fuHeader & 0x1f));
        }
        appendNal(p, pos + 2, end - pos - 2);
        if (last) {
            endNal();
        }
    }
}
