package org.skynet.vms.adapters.media;

/**
 * The parts of {@code vui_parameters()} that H.264 (Annex E.1.1) and H.265 (Annex E.2.1) code the
 * same way, for the SPS parsers of both codecs: the leading aspect ratio, overscan, video signal
 * type and chroma location fields, and the timing info.
 */
public final class VuiSyntax {
    private static final int EXTENDED_SAR = 255;

    private VuiSyntax() {
    }

    /**
     * Skips {@code aspect_ratio_info} through {@code chroma_loc_info}, the fields both codecs start
     * {@code vui_parameters()} with.
     *
     * @throws BitstreamException when the RBSP ends inside them
     */
    public static void skipToChromaLocEnd(RbspReader r) {
        if (r.readFlag() && r.readInt(8) == EXTENDED_SAR) { // aspect_ratio_info_present_flag, aspect_ratio_idc
            r.skip(32); // sar_width, sar_height
        }
        if (r.readFlag()) { // overscan_info_present_flag
            r.skip(1); // overscan_appropriate_flag
        }
        if (r.readFlag()) { // video_signal_type_present_flag
            r.skip(4); // video_format, video_full_range_flag
            if (r.readFlag()) { // colour_description_present_flag
                r.skip(24); // colour_primaries, transfer_characteristics, matrix_coeffs
            }
        }
        if (r.readFlag()) { // chroma_loc_info_present_flag
            r.readUe(); // chroma_sample_loc_type_top_field
            r.readUe(); // chroma_sample_loc_type_bottom_field
        }
    }

    /**
     * Reads the timing info flag and, when set, {@code num_units_in_tick} and {@code time_scale}.
     *
     * @param ticksPerFrame clock ticks per frame: 2 for H.264 (a tick is a field), 1 for H.265
     * @return {@code time_scale / (ticksPerFrame × num_units_in_tick)} in frames per second, or
     *         {@code null} when there is no timing info or either value is 0
     * @throws BitstreamException when the RBSP ends inside it
     */
    public static Double readFrameRate(RbspReader r, int ticksPerFrame) {
        if (!r.readFlag()) { // timing_info_present_flag / vui_timing_info_present_flag
            return null;
        }
        long numUnitsInTick = r.readBits(32);
        long timeScale = r.readBits(32);
        if (numUnitsInTick == 0 || timeScale == 0) {
            return null;
        }
        return timeScale / ((double) ticksPerFrame * numUnitsInTick);
    }
}
