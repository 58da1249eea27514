package org.skynet.vms.recorder.fmp4;

import java.util.List;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.rtp.h264.H264Sps;

/**
 * Writes the {@code avcC} box, an {@code AVCDecoderConfigurationRecord} (ISO/IEC 14496-15 §5.3.3.1),
 * from the fields of the SPS as {@link H264Sps} parsed them.
 */
final class AvcConfiguration {

    private AvcConfiguration() {
    }

    /**
     * Writes the {@code avcC} box with 4-byte NAL lengths and the given parameter sets.
     *
     * @param fields the first SPS, parsed
     * @throws BitstreamException when there are no SPS or PPS, too many, or one is over 65,535 bytes
     */
    static void write(BoxWriter w, H264Sps fields, List<byte[]> sps, List<byte[]> pps) {
        if (sps.isEmpty() || sps.size() > 31 || pps.isEmpty() || pps.size() > 255) {
            throw new BitstreamException("avcC needs 1-31 SPS and 1-255 PPS, got " + sps.size() + " and " + pps.size());
        }
        w.start("avcC").u8(1).u8(fields.profileIdc()).u8(fields.constraintFlags()).u8(fields.levelIdc());
        w.u8(0xFC | (SampleEntries.NAL_LENGTH_BYTES - 1));
        w.u8(0xE0 | sps.size());
        writeAll(w, sps);
        w.u8(pps.size());
        writeAll(w, pps);
        // The chroma/bit-depth extension exists only for these profiles (14496-15 §5.3.3.1.2).
        int profile = fields.profileIdc();
        if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
            w.u8(0xFC | fields.chromaFormatIdc()).u8(0xF8 | (fields.bitDepthLuma() - 8))
                    .u8(0xF8 | (fields.bitDepthChroma() - 8)).u8(0);
        }
        w.end();
    }

    /** Writes each parameter set with its 16-bit length, as both records store them. */
    static void writeAll(BoxWriter w, List<byte[]> nalUnits) {
        for (byte[] nal : nalUnits) {
            if (nal.length > 0xFFFF) {
                throw new BitstreamException("parameter set of " + nal.length + " bytes does not fit 16 bits");
            }
            w.u16(nal.length).bytes(nal);
        }
    }
}
