package org.skynet.vms.recorder.fmp4;

import java.util.List;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.RbspReader;

/**
 * The fields of an {@code AVCDecoderConfigurationRecord} (ISO/IEC 14496-15 §5.3.3.1) that come from
 * the SPS, and the writer of the {@code avcC} box.
 *
 * @param profileIdc           {@code AVCProfileIndication}
 * @param compatibility        {@code profile_compatibility} (the constraint-set flags byte)
 * @param levelIdc             {@code AVCLevelIndication}
 * @param chromaFormatIdc      {@code chroma_format_idc} (1 when the profile does not code it)
 * @param bitDepthLumaMinus8   {@code bit_depth_luma_minus8}
 * @param bitDepthChromaMinus8 {@code bit_depth_chroma_minus8}
 */
public record AvcConfiguration(int profileIdc, int compatibility, int levelIdc, int chromaFormatIdc,
        int bitDepthLumaMinus8, int bitDepthChromaMinus8) {

    /**
     * Parses the leading SPS fields (H.264 §7.3.2.1.1) of a whole SPS NAL unit (header included).
     *
     * @throws BitstreamException when the SPS is too short or not an SPS
     */
    public static AvcConfiguration parse(byte[] sps) {
        if (sps.length < 4 || (sps[0] & 0x1f) != 7) {
            throw new BitstreamException("not an H.264 SPS NAL unit");
        }
        RbspReader r = new RbspReader(sps, 1, sps.length - 1);
        int profile = r.readInt(8);
        int compatibility = r.readInt(8);
        int level = r.readInt(8);
        r.readUe("seq_parameter_set_id", 31);
        int chroma = 1;
        int lumaMinus8 = 0;
        int chromaMinus8 = 0;
        if (codesChromaFormat(profile)) {
            chroma = r.readUe("chroma_format_idc", 3);
            if (chroma == 3) {
                r.skip(1); // separate_colour_plane_flag
            }
            lumaMinus8 = r.readUe("bit_depth_luma_minus8", 6);
            chromaMinus8 = r.readUe("bit_depth_chroma_minus8", 6);
        }
        return new AvcConfiguration(profile, compatibility, level, chroma, lumaMinus8, chromaMinus8);
    }

    /** Writes the {@code avcC} box with 4-byte NAL lengths and the given parameter sets. */
    public void write(BoxWriter w, List<byte[]> sps, List<byte[]> pps) {
        if (sps.isEmpty() || sps.size() > 31 || pps.isEmpty() || pps.size() > 255) {
            throw new BitstreamException("avcC needs 1-31 SPS and 1-255 PPS, got " + sps.size() + " and " + pps.size());
        }
        w.start("avcC").u8(1).u8(profileIdc).u8(compatibility).u8(levelIdc);
        w.u8(0xFC | (SampleEntries.NAL_LENGTH_BYTES - 1));
        w.u8(0xE0 | sps.size());
        writeAll(w, sps);
        w.u8(pps.size());
        writeAll(w, pps);
        // The chroma/bit-depth extension exists only for these profiles (14496-15 §5.3.3.1.2).
        if (profileIdc == 100 || profileIdc == 110 || profileIdc == 122 || profileIdc == 144) {
            w.u8(0xFC | chromaFormatIdc).u8(0xF8 | bitDepthLumaMinus8).u8(0xF8 | bitDepthChromaMinus8).u8(0);
        }
        w.end();
    }

    static void writeAll(BoxWriter w, List<byte[]> nalUnits) {
        for (byte[] nal : nalUnits) {
            if (nal.length > 0xFFFF) {
                throw new BitstreamException("parameter set of " + nal.length + " bytes does not fit 16 bits");
            }
            w.u16(nal.length).bytes(nal);
        }
    }

    private static boolean codesChromaFormat(int profileIdc) {
        switch (profileIdc) {
            case 100: case 110: case 122: case 244: case 44: case 83: case 86: case 118: case 128: case 138:
            case 139: case 134: case 135:
                return true;
            default:
                return false;
        }
    }
}
