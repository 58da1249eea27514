package org.skynet.vms.recorder.fmp4;

import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtp.h264.H264Sps;
import org.skynet.vms.adapters.rtp.h265.H265Sps;

/**
 * Writes the visual sample entry of a track (ISO/IEC 14496-12 §12.1.3): {@code avc1} + {@code avcC}
 * for H.264, {@code hvc1} + {@code hvcC} for H.265 (ISO/IEC 14496-15 §5.4, §8.4), from the parameter
 * sets in force. Samples keep 4-byte NAL length prefixes.
 */
public final class SampleEntries {
    /** Bytes per NAL length prefix in samples: the 4 that {@link AccessUnit#data()} already carries. */
    public static final int NAL_LENGTH_BYTES = AccessUnit.LENGTH_PREFIX_BYTES;
    private static final int RESOLUTION_72_DPI = 0x0048_0000;
    private static final int DEPTH_COLOUR = 0x0018;

    private SampleEntries() {
    }

    /** The sample entry type for a codec: {@code avc1} or {@code hvc1}. */
    public static String type(Codec codec) {
        return codec == Codec.H264 ? "avc1" : "hvc1";
    }

    /** Writes the sample entry box for {@code params} into {@code w}. */
    public static void write(BoxWriter w, VideoParameters params) {
        if (params.width() <= 0 || params.width() > 0xFFFF || params.height() <= 0 || params.height() > 0xFFFF) {
            throw new IllegalArgumentException("picture size out of range: " + params.width() + "x" + params.height());
        }
        w.start(type(params.codec()));
        w.zeros(6).u16(1); // reserved, data_reference_index
        w.zeros(16); // pre_defined, reserved, pre_defined[3]
        w.u16(params.width()).u16(params.height());
        w.u32(RESOLUTION_72_DPI).u32(RESOLUTION_72_DPI);
        w.u32(0).u16(1); // reserved, frame_count
        w.zeros(32); // compressorname: empty Pascal string
        w.u16(DEPTH_COLOUR).u16(0xFFFF); // depth, pre_defined = -1
        if (params.codec() == Codec.H264) {
            AvcConfiguration.write(w, H264Sps.parse(params.sps().get(0)), params.sps(), params.pps());
        } else {
            HevcConfiguration.write(w, H265Sps.parse(params.sps().get(0)), params.vps(), params.sps(), params.pps());
        }
        w.end();
    }
}
