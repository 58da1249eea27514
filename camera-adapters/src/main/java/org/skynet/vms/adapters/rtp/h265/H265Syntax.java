package org.skynet.vms.adapters.rtp.h265;

import java.util.List;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.NalKind;
import org.skynet.vms.adapters.media.NalSyntax;
import org.skynet.vms.adapters.media.VideoParameters;

/**
 * H.265 NAL unit facts (ITU-T H.265 Table 7-1): two-byte header, IRAP = types 16–23, VPS 32, SPS 33,
 * PPS 34.
 */
public final class H265Syntax implements NalSyntax {
    /** The single instance; stateless. */
    public static final H265Syntax INSTANCE = new H265Syntax();

    private H265Syntax() {
    }

    @Override
    public Codec codec() {
        return Codec.H265;
    }

    @Override
    public int headerBytes() {
        return 2;
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
    public VideoParameters parseParameters(byte[] vps, byte[] sps, byte[] pps) {
        if (vps == null || sps == null || pps == null) {
            throw new BitstreamException("H.265 needs a VPS, an SPS and a PPS");
        }
        H265Sps s = H265Sps.parse(sps);
        return new VideoParameters(Codec.H265, s.width(), s.height(), s.frameRateFps(), s.profileIdc(), s.levelIdc(),
                s.rfc6381Codec(), List.of(vps), List.of(sps), List.of(pps));
    }

    @Override
    public boolean needsVps() {
        return true;
    }
}
