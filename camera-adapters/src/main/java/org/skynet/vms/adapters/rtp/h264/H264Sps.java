package org.skynet.vms.adapters.rtp.h264;

import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.RbspReader;
import org.skynet.vms.adapters.media.SequenceParameters;
import org.skynet.vms.adapters.media.VuiSyntax;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) that a recorder needs:
 * profile and level, chroma format and bit depths (also what an {@code avcC} box holds), the
 * displayed size after cropping, and the frame rate from the VUI timing info.
 *
 * @param profileIdc        {@code profile_idc}, e.g. 66 baseline, 77 main, 100 high
 * @param constraintFlags   the byte holding {@code constraint_set0_flag}..{@code constraint_set5_flag}
 * @param levelIdc          {@code level_idc}, 10 × level (e.g. 40 for level 4.0)
 * @param spsId             {@code seq_parameter_set_id}
 * @param chromaFormatIdc   0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param width             displayed width in pixels after the cropping window
 * @param height            displayed height in pixels after the cropping window
 * @param bitDepthLuma      luma bit depth (8 when the profile does not code it)
 * @param bitDepthChroma    chroma bit depth (8 when the profile does not code it)
 * @param frameMbsOnly      {@code frame_mbs_only_flag}: false for interlaced-capable streams
 * @param frameRateFps      {@code time_scale / (2 × num_units_in_tick)} from the VUI, or {@code null} when absent
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int spsId, int chromaFormatIdc, int width,
        int height, int bitDepthLuma, int bitDepthChroma, boolean frameMbsOnly, Double frameRateFps)
        implements SequenceParameters {

    /** The largest width or height accepted, in pixels; bigger values are taken as corrupt. */
    public static final int MAX_DIMENSION = 16_384;

    /** The codec string for this SPS (RFC 6381), e.g. {@code avc1.640028}. */
    public String rfc6381Codec() {
        return String.format("avc1.%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
    }

    /** Parses a whole SPS NAL unit (header byte included, no start code). */
    public static H264Sps parse(byte[] nal) {
        return parse(nal, 0, nal.length);
    }

    /**
     * Parses an SPS NAL unit at {@code nal[off, off + len)}.
     *
     * @throws BitstreamException when it is not an SPS, is truncated, or holds out-of-range values
     */
    public static H264Sps parse(byte[] nal, int off, int len) {
        if (len < 4 || (nal[off] & 0x1f) != 7) {
            throw new BitstreamException("not an H.264 SPS NAL unit");
        }
        RbspReader r = new RbspReader(nal, off + 1, len - 1);
        int profileIdc = r.readInt(8);
        int constraintFlags = r.readInt(8);
        int levelIdc = r.readInt(8);
        int spsId = r.readUe("seq_parameter_set_id", 31);
        int chromaFormatIdc = 1;
        boolean separateColourPlane = false;
        int bitDepthLuma = 8;
        int bitDepthChroma = 8;
        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = r.readUe("chroma_format_idc", 3);
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.readFlag();
            }
            bitDepthLuma = r.readUe("bit_depth_luma_minus8", 6) + 8;
            bitDepthChroma = r.readUe("bit_depth_chroma_minus8", 6) + 8;
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.readFlag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormatIdc != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.readFlag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.readUe("log2_max_frame_num_minus4", 12);
        int pocType = r.readUe("pic_order_cnt_type", 2);
        if (pocType == 0) {
            r.readUe("log2_max_pic_order_cnt_lsb_minus4", 12);
        } else if (pocType == 1) {
            r.skip(1); // delta_pic_order_always_zero_flag
            r.readSe(); // offset_for_non_ref_pic
            r.readSe(); // offset_for_top_to_bottom_field
            int cycle = r.readUe("num_ref_frames_in_pic_order_cnt_cycle", 255);
            for (int i = 0; i < cycle; i++) {
                r.readSe();
            }
        }
        r.readUe("max_num_ref_frames", 32);
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.readUe("pic_width_in_mbs_minus1", MAX_DIMENSION / 16) + 1;
        int heightMapUnits = r.readUe("pic_height_in_map_units_minus1", MAX_DIMENSION / 16) + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.skip(1); // mb_adaptive_frame_field_flag
        }
        r.skip(1); // direct_8x8_inference_flag
        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        if (r.readFlag()) { // frame_cropping_flag
            int arrayType = separateColourPlane ? 0 : chromaFormatIdc;
            int cropUnitX = arrayType == 0 ? 1 : (arrayType == 3 ? 1 : 2);
            int cropUnitY = (arrayType == 0 || arrayType == 3 ? 1 : (arrayType == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
            int left = r.readUe("frame_crop_left_offset", MAX_DIMENSION);
            int right = r.readUe("frame_crop_right_offset", MAX_DIMENSION);
            int top = r.readUe("frame_crop_top_offset", MAX_DIMENSION);
            int bottom = r.readUe("frame_crop_bottom_offset", MAX_DIMENSION);
            width -= cropUnitX * (left + right);
            height -= cropUnitY * (top + bottom);
        }
        if (width <= 0 || height <= 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
            throw new BitstreamException("H.264 SPS gives an impossible size " + width + "x" + height);
        }
        Double fps = r.readFlag() ? readVuiFrameRate(r) : null;
        return new H264Sps(profileIdc, constraintFlags, levelIdc, spsId, chromaFormatIdc, width, height, bitDepthLuma,
                bitDepthChroma, frameMbsOnly, fps);
    }

    private static boolean hasChromaInfo(int profileIdc) {
        switch (profileIdc) {
            case 100: case 110: case 122: case 244: case 44: case 83: case 86: case 118: case 128: case 138:
            case 139: case 134: case 135:
                return true;
            default:
                return false;
        }
    }

    private static void skipScalingList(RbspReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.readSe() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** Reads VUI (Annex E.1.1) up to the timing info; {@code null} when there is none. */
    private static Double readVuiFrameRate(RbspReader r) {
        VuiSyntax.skipToChromaLocEnd(r);
        return VuiSyntax.readFrameRate(r, 2);
    }
}
