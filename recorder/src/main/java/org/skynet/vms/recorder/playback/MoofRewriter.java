package org.skynet.vms.recorder.playback;

import java.nio.ByteBuffer;
import org.skynet.vms.recorder.fmp4.Fmp4FormatException;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;

/**
 * Reads and rewrites a {@code moof} (position 0 to limit of a buffer). Rewriting, for the fragment's
 * new place in a stitched file, changes the {@code mfhd} sequence number and the {@code tfdt} base
 * media decode time only: sizes and data offsets stay (the {@code trun} data offset is relative to the
 * {@code moof}), so the {@code mdat} is copied as it is.
 */
final class MoofRewriter {
    private static final int TRUN_DATA_OFFSET = 0x01;
    private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x04;
    private static final int TRUN_SAMPLE_DURATION = 0x100;
    private static final int TRUN_SAMPLE_SIZE = 0x200;

    private MoofRewriter() {
    }

    /** Sets the sequence number and base media decode time. */
    static void rewrite(ByteBuffer moof, long sequenceNumber, long baseMediaDecodeTime) {
        int mfhd = Boxes.path(moof, 0, "mfhd");
        moof.putInt(mfhd + 12, (int) sequenceNumber);
        int tfdt = Boxes.path(moof, 0, "traf", "tfdt");
        if ((moof.get(tfdt + Fmp4Parser.HEADER_BYTES) & 0xFF) == 1) {
            moof.putLong(tfdt + 12, baseMediaDecodeTime);
        } else if (baseMediaDecodeTime <= 0xFFFF_FFFFL) {
            moof.putInt(tfdt + 12, (int) baseMediaDecodeTime);
        } else {
            throw new Fmp4FormatException("32-bit tfdt cannot hold " + baseMediaDecodeTime);
        }
    }

    /** Size of the fragment's first sample, from its {@code trun} (per-sample sizes required). */
    static long firstSampleSize(ByteBuffer moof) {
        int trun = Boxes.path(moof, 0, "traf", "trun");
        int flags = moof.getInt(trun + Fmp4Parser.HEADER_BYTES) & 0xFFFFFF;
        if ((flags & TRUN_SAMPLE_SIZE) == 0) {
            throw new Fmp4FormatException("trun without per-sample sizes");
        }
        int p = trun + 16;
        p += (flags & TRUN_DATA_OFFSET) != 0 ? 4 : 0;
        p += (flags & TRUN_FIRST_SAMPLE_FLAGS) != 0 ? 4 : 0;
        p += (flags & TRUN_SAMPLE_DURATION) != 0 ? 4 : 0;
        Boxes.end(moof, trun, moof.limit());
        if (p + 4 > trun + Fmp4Parser.size(moof, trun)) {
            throw new Fmp4FormatException("trun too short for its first sample");
        }
        return moof.getInt(p) & 0xFFFF_FFFFL;
    }
}
