package org.skynet.vms.recorder.fmp4;

import java.util.List;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.RbspReader;

/**
 * The fields of an {@code HEVCDecoderConfigurationRecord} (ISO/IEC 14496-15 §8.3.3.1) that come from
 * the SPS (H.265 §7.3.2.2, profile_tier_level §7.3.3), and the writer of the {@code hvcC} box.
 *
 * @param profileSpace           {@code general_profile_space}
 * @param tierFlag               {@code general_tier_flag}
 * @param profileIdc             {@code general_profile_idc}
 * @param compatibilityFlags     {@code general_profile_compatibility_flags} (32 bits)
 * @param constraintFlags        {@code general_constraint_indicator_flags} (48 bits)
 * @param levelIdc               {@code general_level_idc}
 * @param maxSubLayersMinus1     {@code sps_max_sub_layers_minus1}
 * @param temporalIdNesting      {@code sps_temporal_id_nesting_flag}
 * @param chromaFormatIdc        {@code chroma_format_idc}
 * @param bitDepthLumaMinus8     {@code bit_depth_luma_minus8}
 * @param bitDepthChromaMinus8   {@code bit_depth_chroma_minus8}
 */
public record HevcConfiguration(int profileSpace, boolean tierFlag, int profileIdc, long compatibilityFlags,
        long constraintFlags, int levelIdc, int maxSubLayersMinus1, boolean temporalIdNesting, int chromaFormatIdc,
        int bitDepthLumaMinus8, int bitDepthChromaMinus8) {

    private static final int NAL_VPS = 32;
    private static final int NAL_SPS = 33;
    private static final int NAL_PPS = 34;

    /**
     * Parses a whole SPS NAL unit (2-byte header included, no start code).
     *
     * @throws BitstreamException when it is not an SPS or is truncated
     */
    public static HevcConfiguration parse(byte[] sps) {
        if (sps.length < 15 || ((sps[0] >> 1) & 0x3f) != NAL_SPS) {
            throw new BitstreamException("not an H.265 SPS NAL unit");
        }
        RbspReader r = new RbspReader(sps, 2, sps.length - 2);
        r.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.readInt(3);
        boolean nesting = r.readFlag();
        int profileSpace = r.readInt(2);
        boolean tier = r.readFlag();
        int profile = r.readInt(5);
        long compatibility = r.readBits(32);
        long constraints = r.readBits(48);
        int level = r.readInt(8);
        skipSubLayers(r, maxSubLayersMinus1);
        r.readUe("sps_seq_parameter_set_id", 15);
        int chroma = r.readUe("chroma_format_idc", 3);
        if (chroma == 3) {
            r.skip(1); // separate_colour_plane_flag
        }
        r.readUe("pic_width_in_luma_samples", 1 << 16);
        r.readUe("pic_height_in_luma_samples", 1 << 16);
        if (r.readFlag()) { // conformance_window_flag
            for (int i = 0; i < 4; i++) {
                r.readUe("conf_win_offset", 1 << 16);
            }
        }
        int lumaMinus8 = r.readUe("bit_depth_luma_minus8", 8);
        int chromaMinus8 = r.readUe("bit_depth_chroma_minus8", 8);
        return new HevcConfiguration(profileSpace, tier, profile, compatibility, constraints, level,
                maxSubLayersMinus1, nesting, chroma, lumaMinus8, chromaMinus8);
    }

    private static void skipSubLayers(RbspReader r, int maxSubLayersMinus1) {
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2 * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skip(88);
            }
            if (levelPresent[i]) {
                r.skip(8);
            }
        }
    }

    /** Writes the {@code hvcC} box with 4-byte NAL lengths and complete VPS/SPS/PPS arrays. */
    public void write(BoxWriter w, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {
        if (vps.isEmpty() || sps.isEmpty() || pps.isEmpty()) {
            throw new BitstreamException("hvcC needs a VPS, an SPS and a PPS");
        }
        w.start("hvcC").u8(1);
        w.u8((profileSpace << 6) | (tierFlag ? 0x20 : 0) | profileIdc);
        w.u32(compatibilityFlags);
        w.u16((int) (constraintFlags >>> 32)).u32(constraintFlags & 0xFFFF_FFFFL);
        w.u8(levelIdc);
        w.u16(0xF000); // min_spatial_segmentation_idc unknown (0)
        w.u8(0xFC); // parallelismType unknown (0)
        w.u8(0xFC | chromaFormatIdc);
        w.u8(0xF8 | bitDepthLumaMinus8);
        w.u8(0xF8 | bitDepthChromaMinus8);
        w.u16(0); // avgFrameRate unspecified
        w.u8(((maxSubLayersMinus1 + 1) << 3) | (temporalIdNesting ? 0x04 : 0) | (SampleEntries.NAL_LENGTH_BYTES - 1));
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
