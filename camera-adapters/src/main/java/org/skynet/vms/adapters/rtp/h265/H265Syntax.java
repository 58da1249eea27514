package org.skynet.vms.adapters.rtp.h265;

import org.skynet.vms.adapters.media.AbstractNalSyntax;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.NalKind;

/**
 * H.265 NAL unit facts (ITU-T H.265 Table 7-1): two-byte header, IRAP = types 16–23, VPS 32, SPS 33,
 * PPS 34.
 */
public final class H265Syntax extends AbstractNalSyntax {
    /** The single instance; stateless. */
    public static final H265Syntax INSTANCE = new H265Syntax();

    private H265Syntax() {
        super(Codec.H265, "H.265", 2, true);
    }

    @Override
    public int nalType(byte[] buf, int off) {
        return (buf[off] >> 1) & 0x3f;
    }

    @Override
    public NalKind kind(int nalType) {
        if (nalType >= 16 && nalType <= 23) {
            return NalKind.KEYFRAME_SLICE;
        }
        if (nalType < 16) {
            return NalKind.SLICE;
        }
        switch (nalType) {
            case 32:
                return NalKind.VPS;
            case 33:
                return NalKind.SPS;
            case 34:
                return NalKind.PPS;
            default:
                return NalKind.OTHER;
        }
    }

    @Override
    public boolean startsAccessUnit(byte[] buf, int off, int len) {
        int type = nalType(buf, off);
        if (type < 32) {
            // first_slice_segment_in_pic_flag is the first bit after the header.
            return len > 2 && (buf[off + 2] & 0x80) != 0;
        }
        return type <= 35 || type == 39 || (type >= 41 && type <= 44) || (type >= 48 && type <= 55);
    }

    @Override
    protected H265Sps parseSps(byte[] sps) {
        return H265Sps.parse(sps);
    }
}
