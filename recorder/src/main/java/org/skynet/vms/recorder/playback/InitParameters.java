package org.skynet.vms.recorder.playback;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.recorder.fmp4.Fmp4FormatException;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;
import org.skynet.vms.recorder.fmp4.TrackInfo;

/**
 * The parameter sets of an init segment's sample entry, from its {@code avcC} or {@code hvcC}
 * (ISO/IEC 14496-15 §5.3.3.1 and §8.3.3.1), enough for a decoder: profile, level and codec string are
 * not filled in.
 */
final class InitParameters {
    private static final int VISUAL_SAMPLE_ENTRY_BYTES = 78;
    private static final int HVCC_FIXED_BYTES = 22;
    private static final int HEVC_VPS = 32;
    private static final int HEVC_SPS = 33;
    private static final int HEVC_PPS = 34;

    private InitParameters() {
    }

    /** Parses {@code init}: {@code ftyp} then {@code moov}. */
    static VideoParameters of(byte[] init) {
        ByteBuffer buf = ByteBuffer.wrap(init);
        try {
            int moov = Boxes.find(buf, 0, init.length, "moov");
            TrackInfo track = Fmp4Parser.parseMoov(buf.slice(moov, Boxes.end(buf, moov, init.length) - moov));
            int stsd = Boxes.path(buf, moov, "trak", "mdia", "minf", "stbl", "stsd");
            int entry = stsd + Fmp4Parser.HEADER_BYTES + 8;
            int entryEnd = Boxes.end(buf, entry, Boxes.end(buf, stsd, init.length));
            int children = entry + Fmp4Parser.HEADER_BYTES + VISUAL_SAMPLE_ENTRY_BYTES;
            List<byte[]> vps = new ArrayList<>();
            List<byte[]> sps = new ArrayList<>();
            List<byte[]> pps = new ArrayList<>();
            if (track.codec() == Codec.H264) {
                int avcc = Boxes.find(buf, children, entryEnd, "avcC");
                buf.position(avcc + Fmp4Parser.HEADER_BYTES + 5).limit(Boxes.end(buf, avcc, entryEnd));
                sets(buf, buf.get() & 0x1F, sps);
                sets(buf, buf.get() & 0xFF, pps);
            } else {
                int hvcc = Boxes.find(buf, children, entryEnd, "hvcC");
                buf.position(hvcc + Fmp4Parser.HEADER_BYTES + HVCC_FIXED_BYTES).limit(Boxes.end(buf, hvcc, entryEnd));
                int arrays = buf.get() & 0xFF;
                for (int i = 0; i < arrays; i++) {
                    int type = buf.get() & 0x3F;
                    sets(buf, buf.getShort() & 0xFFFF, type == HEVC_VPS ? vps : type == HEVC_SPS ? sps
                            : type == HEVC_PPS ? pps : new ArrayList<>());
                }
            }
            return new VideoParameters(track.codec(), track.width(), track.height(), null, 0, 0, "", vps, sps, pps);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new Fmp4FormatException("sample entry field outside its box: " + e);
        }
    }

    private static void sets(ByteBuffer buf, int count, List<byte[]> into) {
        for (int i = 0; i < count; i++) {
            byte[] nal = new byte[buf.getShort() & 0xFFFF];
            buf.get(nal);
            into.add(nal);
        }
    }
}
