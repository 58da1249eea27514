package org.skynet.vms.adapters.rtp.h264;

import org.skynet.vms.adapters.media.AbstractNalSyntax;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.NalKind;

/** H.264 NAL unit facts (ITU-T H.264 Table 7-1): one-byte header, IDR = type 5, SPS 7, PPS 8. */
public final class H264Syntax extends AbstractNalSyntax {
    /** The single instance; stateless. */
    public static final H264Syntax INSTANCE = new H264Syntax();

    private H264Syntax() {
        super(Codec.H264, "H.264", 1, false);
    }

    @Override
    public int nalType(byte[] buf, int off) {
        return buf[off] & 0x1f;
    }

    @Override
    public NalKind kind(int nalType) {
        switch (nalType) {
            case 5:
                return NalKind.KEYFRAME_SLICE;
            case 1: case 2: case 3: case 4:
                return NalKind.SLICE;
            case 7:
                return NalKind.SPS;
            case 8:
                return NalKind.PPS;
            default:
                return NalKind.OTHER;
        }
    }

    @Override
    public boolean startsAccessUnit(byte[] buf, int off, int len) {
        int type = nalType(buf, off);
        switch (type) {
            case 6: case 7: case 8: case 9: case 14: case 15: case 16: case 17: case 18:
                return true;
            case 1: case 2: case 5:
                // first_mb_in_slice is ue(v) and 0 is coded as the single bit 1.
                return len > 1 && (buf[off + 1] & 0x80) != 0;
            default:
                return false;
        }
    }

    @Override
    protected H264Sps parseSps(byte[] sps) {
        return H264Sps.parse(sps);
    }
}
