package org.skynet.vms.adapters.rtp.h265;

import java.util.Locale;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.RbspReader;
import org.skynet.vms.adapters.media.SequenceParameters;
import org.skynet.vms.adapters.media.VuiSyntax;

/**
 * The fields of an H.265 sequence parameter set (ITU-T H.265 §7.3.2.2) that a recorder needs: the
 * general profile, tier and level, sub-layer count, chroma format and bit depths (also what an
 * {@code hvcC} box holds), the displayed size after the conformance window, and the frame rate from
 * the VUI timing info.
 *
 * @param profileSpace           {@code general_profile_space}
 * @param tierFlag               {@code general_tier_flag} (true = High tier)
 * @param profileIdc             {@code general_profile_idc}, e.g. 1 Main, 2 Main 10
 * @param compatibilityFlags     {@code general_profile_compatibility_flag[0..31]}, flag 0 in the top bit
 * @param constraintFlags        the 48 bits from {@code general_progressive_source_flag} on, in the low 48 bits
 * @param levelIdc               {@code general_level_idc}, 30 × level (e.g. 120 for level 4)
 * @param maxSubLayersMinus1     {@code sps_max_sub_layers_minus1}, 0 to 6
 * @param temporalIdNesting      {@code sps_temporal_id_nesting_flag}
 * @param chromaFormatIdc        0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param width                  displayed width in pixels after the conformance window
 * @param height                 displayed height in pixels after the conformance window
 * @param bitDepthLuma           luma bit depth
 * @param bitDepthChroma         chroma bit depth
 * @param frameRateFps           {@code vui_time_scale / vui_num_units_in_tick}, or {@code null} when absent
 */
public record H265Sps(int profileSpace, boolean tierFlag, int profileIdc, long compatibilityFlags,
        long constraintFlags, int levelIdc, int maxSubLayersMinus1, boolean temporalIdNesting, int chromaFormatIdc,
        int width, int height, int bitDepthLuma, int bitDepthChroma, Double frameRateFps)
        implements SequenceParameters {

    /** The largest width or height accepted, in pixels; bigger values are taken as corrupt. */
    public static final int MAX_DIMENSION = 16_888;
    private static final int MAX_SHORT_TERM_REF_PIC_SETS = 64;

    /**
     * The codec string for this SPS (ISO/IEC 14496-15 Annex E), e.g. {@code hvc1.1.6.L120.90}.
     */
    public String rfc6381Codec() {
        StringBuilder sb = new StringBuilder("hvc1.");
        if (profileSpace > 0) {
            sb.append((char) ('A' + profileSpace - 1));
        }
        sb.append(profileIdc).append('.');
        sb.append(Long.toHexString(Integer.toUnsignedLong(Integer.reverse((int) compatibilityFlags)))).append('.');
        sb.append(tierFlag ? 'H' : 'L').append(levelIdc);
        int lastNonZero = -1;
        for (int i = 0; i < 6; i++) {
            if (constraintByte(i) != 0) {
                lastNonZero = i;
            }
        }
        for (int i = 0; i <= lastNonZero; i++) {
            sb.append('.').append(Integer.toHexString(constraintByte(i)).toUpperCase(Locale.ROOT));
        }
        return sb.toString();
    }

    private int constraintByte(int i) {
        return (int) (constraintFlags >>> (8 * (5 - i))) & 0xff;
    }

    /** Parses a whole SPS NAL unit (2-byte header included, no start code). */
    public static H265Sps parse(byte[] nal) {
        return parse(nal, 0, nal.length);
    }

    /**
     * Parses an SPS NAL unit at {@code nal[off, off + len)}.
     *
     * @throws BitstreamException when it is not an SPS, is truncated, or holds out-of-range values
     */
    public static H265Sps parse(byte[] nal, int off, int len) {
        if (len < 4 || ((nal[off] >> 1) & 0x3f) != 33) {
            throw new BitstreamException("not an H.265 SPS NAL unit");
        }
        RbspReader r = new RbspReader(nal, off + 2, len - 2);
        r.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.readInt(3);
        if (maxSubLayersMinus1 > 6) {
            throw new BitstreamException("sps_max_sub_layers_minus1 = " + maxSubLayersMinus1 + " exceeds 6");
        }
        boolean temporalIdNesting = r.readFlag();
        int profileSpace = r.readInt(2);
        boolean tier = r.readFlag();
        int profileIdc = r.readInt(5);
        long compat = r.readBits(32);
        long constraints = r.readBits(48);
        int levelIdc = r.readInt(8);
        skipSubLayers(r, maxSubLayersMinus1);
        r.readUe("sps_seq_parameter_set_id", 15);
        int chromaFormatIdc = r.readUe("chroma_format_idc", 3);
        boolean separateColourPlane = chromaFormatIdc == 3 && r.readFlag();
        int width = r.readUe("pic_width_in_luma_samples", MAX_DIMENSION);
        int height = r.readUe("pic_height_in_luma_samples", MAX_DIMENSION);
        if (r.readFlag()) { // conformance_window_flag
            int arrayType = separateColourPlane ? 0 : chromaFormatIdc;
            int subWidth = arrayType == 1 || arrayType == 2 ? 2 : 1;
            int subHeight = arrayType == 1 ? 2 : 1;
            int left = r.readUe("conf_win_left_offset", MAX_DIMENSION);
            int right = r.readUe("conf_win_right_offset", MAX_DIMENSION);
            int top = r.readUe("conf_win_top_offset", MAX_DIMENSION);
            int bottom = r.readUe("conf_win_bottom_offset", MAX_DIMENSION);
            width -= subWidth * (left + right);
            height -= subHeight * (top + bottom);
        }
        if (width <= 0 || height <= 0) {
            throw new BitstreamException("H.265 SPS gives an impossible size " + width + "x" + height);
        }
        int bitDepthLuma = r.readUe("bit_depth_luma_minus8", 8) + 8;
        int bitDepthChroma = r.readUe("bit_depth_chroma_minus8", 8) + 8;
        int log2MaxPocLsb = r.readUe("log2_max_pic_order_cnt_lsb_minus4", 12) + 4;
        boolean subLayerOrderingInfo = r.readFlag();
        for (int i = subLayerOrderingInfo ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
            r.readUe(); // sps_max_dec_pic_buffering_minus1
            r.readUe(); // sps_max_num_reorder_pics
            r.readUe(); // sps_max_latency_increase_plus1
        }
        for (int i = 0; i < 6; i++) {
            r.readUe(); // log2_min_luma_coding_block_size_minus3 .. max_transform_hierarchy_depth_intra
        }
        if (r.readFlag() && r.readFlag()) { // scaling_list_enabled_flag, sps_scaling_list_data_present_flag
            skipScalingListData(r);
        }
        r.skip(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
        if (r.readFlag()) { // pcm_enabled_flag
            r.skip(8); // pcm sample bit depths
            r.readUe();
            r.readUe();
            r.skip(1); // pcm_loop_filter_disabled_flag
        }
        skipShortTermRefPicSets(r);
        if (r.readFlag()) { // long_term_ref_pics_present_flag
            int n = r.readUe("num_long_term_ref_pics_sps", 32);
            for (int i = 0; i < n; i++) {
                r.skip(log2MaxPocLsb + 1); // lt_ref_pic_poc_lsb_sps, used_by_curr_pic_lt_sps_flag
            }
        }
        r.skip(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
        Double fps = r.readFlag() ? readVuiFrameRate(r) : null;
        return new H265Sps(profileSpace, tier, profileIdc, compat, constraints, levelIdc, maxSubLayersMinus1,
                temporalIdNesting, chromaFormatIdc, width, height, bitDepthLuma, bitDepthChroma, fps);
    }

    /** The sub-layer part of profile_tier_level (§7.3.3) after the general fields. */
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
            r.skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        }
    }

    /** scaling_list_data() (§7.3.4). */
    private static void skipScalingListData(RbspReader r) {
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                if (!r.readFlag()) { // scaling_list_pred_mode_flag
                    r.readUe(); // scaling_list_pred_matrix_id_delta
                } else {
                    int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
                    if (sizeId > 1) {
                        r.readSe(); // scaling_list_dc_coef_minus8
                    }
                    for (int i = 0; i < coefNum; i++) {
                        r.readSe(); // scaling_list_delta_coef
                    }
                }
            }
        }
    }

    /** num_short_term_ref_pic_sets and each st_ref_pic_set(i) (§7.3.7). */
    private static void skipShortTermRefPicSets(RbspReader r) {
        int count = r.readUe("num_short_term_ref_pic_sets", MAX_SHORT_TERM_REF_PIC_SETS);
        int[] numDeltaPocs = new int[count];
        for (int idx = 0; idx < count; idx++) {
            boolean interPrediction = idx != 0 && r.readFlag();
            if (interPrediction) {
                r.skip(1); // delta_rps_sign
                r.readUe(); // abs_delta_rps_minus1
                int n = 0;
                for (int j = 0; j <= numDeltaPocs[idx - 1]; j++) {
                    boolean usedByCurrPic = r.readFlag();
                    if (usedByCurrPic || r.readFlag()) { // use_delta_flag
                        n++;
                    }
                }
                numDeltaPocs[idx] = n;
            } else {
                int negative = r.readUe("num_negative_pics", 16);
                int positive = r.readUe("num_positive_pics", 16);
                for (int i = 0; i < negative + positive; i++) {
                    r.readUe(); // delta_poc_sX_minus1
                    r.skip(1); // used_by_curr_pic_sX_flag
                }
                numDeltaPocs[idx] = negative + positive;
            }
        }
    }

    /** Reads VUI (Annex E.2.1) up to the timing info; {@code null} when there is none. */
    private static Double readVuiFrameRate(RbspReader r) {
        VuiSyntax.skipToChromaLocEnd(r);
        r.skip(3); // neutral_chroma_indication_flag, field_seq_flag, frame_field_info_present_flag
        if (r.readFlag()) { // default_display_window_flag
            for (int i = 0; i < 4; i++) {
                r.readUe();
            }
        }
        return VuiSyntax.readFrameRate(r, 1);
    }
}
