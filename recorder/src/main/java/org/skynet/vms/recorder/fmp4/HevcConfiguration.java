package org.skynet.vms.recorder.fmp4;

import java.util.List;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.rtp.h265.H265Sps;

/**
 * Writes the {@code hvcC} box, an {@code HEVCDecoderConfigurationRecord} (ISO/IEC 14496-15 §8.3.3.1),
 * from the fields of the SPS (H.265 §7.3.2.2, profile_tier_level §7.3.3) as {@link H265Sps} parsed them.
 */
final class HevcConfiguration {
    private static final int NAL_VPS = 32;
    private static final int NAL_SPS = 33;
    private static final int NAL_PPS = 34;

    private HevcConfiguration() {
    }

    /**
     * Writes the {@code hvcC} box with 4-byte NAL lengths and complete VPS/SPS/PPS arrays.
     *
     * @param fields the first SPS, parsed
     * @throws BitstreamException when a kind of parameter set is missing or one is over 65,535 bytes
     */
    static void write(BoxWriter w, H265Sps fields, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
        if (vps.isEmpty() || sps.isEmpty() || pps.isEmpty()) {
            throw new BitstreamException("hvcC needs a VPS, an SPS and a PPS");
        }
        w.start("hvcC").u8(1);
        w.u8((fields.profileSpace() << 6) | (fields.tierFlag() ? 0x20 : 0) | fields.profileIdc());
        w.u32(fields.compatibilityFlags());
        w.u16((int) (fields.constraintFlags() >>> 32)).u32(fields.constraintFlags() & 0xFFFF_FFFFL);
        w.u8(fields.levelIdc());
        w.u16(0xF000); // min_spatial_segmentation_idc unknown (0)
        w.u8(0xFC); // parallelismType unknown (0)
        w.u8(0xFC | fields.chromaFormatIdc());
        w.u8(0xF8 | (fields.bitDepthLuma() - 8));
        w.u8(0xF8 | (fields.bitDepthChroma() - 8));
        w.u16(0); // avgFrameRate unspecified
        w.u8(((fields.maxSubLayersMinus1() + 1) << 3) | (fields.temporalIdNesting() ? 0x04 : 0)
                | (SampleEntries.NAL_LENGTH_BYTES - 1));
        w.u8(3);
        writeArray(w, NAL_VPS, vps);
        writeArray(w, NAL_SPS, sps);
        writeArray(w, NAL_PPS, pps);
        w.end();
    }

    private static void writeArray(BoxWriter w, int nalType, List<byte[]> nalUnits) {
        // array_completeness = 1: 'hvc1' promises every parameter set is in the sample entry.
        w.u8(0x80 | nalType).u16(nalUnits.size());
        AvcConfiguration.writeAll(w, nalUnits);
    }
}
