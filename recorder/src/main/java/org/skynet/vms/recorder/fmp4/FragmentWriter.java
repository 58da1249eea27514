package org.skynet.vms.recorder.fmp4;

/**
 * Writes one movie fragment (ISO/IEC 14496-12 §8.8.4): a {@code moof} with {@code mfhd} and one
 * {@code traf} ({@code tfhd} default-base-is-moof, {@code tfdt} version 1, {@code trun} with data
 * offset and per-sample duration, size and flags), then the {@code mdat} with the samples as they
 * are (length-prefixed NAL units). {@link #writeHeader} stops before the sample data, so a caller
 * can send the samples from their own arrays without copying them into the box buffer.
 */
public final class FragmentWriter {
    /** {@code sample_depends_on = 2}: a sync sample that references no other. */
    public static final int SYNC_SAMPLE_FLAGS = 0x0200_0000;
    /** {@code sample_depends_on = 1}, {@code sample_is_non_sync_sample = 1}. */
    public static final int NON_SYNC_SAMPLE_FLAGS = 0x0101_0000;

    private static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x02_0000;
    private static final int TRUN_DATA_OFFSET = 0x000001;
    private static final int TRUN_SAMPLE_DURATION = 0x000100;
    private static final int TRUN_SAMPLE_SIZE = 0x000200;
    private static final int TRUN_SAMPLE_FLAGS = 0x000400;
    private static final int BOX_HEADER_BYTES = 8;
    private static final long MAX_MDAT_BYTES = 0xFFFF_FFFFL;

    private FragmentWriter() {
    }

    /**
     * Appends {@code moof} + {@code mdat} for {@code samples} to {@code w}.
     *
     * @param sequenceNumber             {@code mfhd} sequence number, 1 for a file's first fragment
     * @param baseMediaDecodeTime90k     media time of the first sample relative to the file start
     * @param samples                    at least one sample, timestamps strictly increasing
     * @param endPts90k                  timestamp where the last sample ends; greater than its own
     * @throws IllegalArgumentException  on an empty fragment, one of 4 GiB or more, or a duration that is not
     *                                   in (0, 2^32)
     */
    public static void write(BoxWriter w, int sequenceNumber, long baseMediaDecodeTime90k, FragmentSamples samples,
            long endPts90k) {
        writeHeader(w, sequenceNumber, baseMediaDecodeTime90k, samples, endPts90k);
        for (int i = 0; i < samples.count(); i++) {
            w.bytes(samples.data(i));
        }
    }

    /**
     * Appends {@code moof} and the 8-byte {@code mdat} box header to {@code w}; the fragment is
     * complete once the samples' data, in order, follow it ({@link FragmentSamples#sizeBytes()} bytes).
     * Parameters and exceptions as {@link #write}.
     */
    public static void writeHeader(BoxWriter w, int sequenceNumber, long baseMediaDecodeTime90k,
            FragmentSamples samples, long endPts90k) {
        int n = samples.count();
        if (n == 0) {
            throw new IllegalArgumentException("empty fragment");
        }
        if (BOX_HEADER_BYTES + samples.sizeBytes() > MAX_MDAT_BYTES) {
            throw new IllegalArgumentException("fragment of " + samples.sizeBytes() + " bytes exceeds a 32-bit mdat");
        }
        int moofStart = w.position();
        w.start("moof");
        w.startFull("mfhd", 0, 0).u32(sequenceNumber).end();
        w.start("traf");
        w.startFull("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF).u32(InitSegmentWriter.TRACK_ID).end();
        w.startFull("tfdt", 1, 0).u64(baseMediaDecodeTime90k).end();
        w.startFull("trun", 0, TRUN_DATA_OFFSET | TRUN_SAMPLE_DURATION | TRUN_SAMPLE_SIZE | TRUN_SAMPLE_FLAGS);
        w.u32(n);
        int dataOffsetAt = w.position();
        w.u32(0);
        for (int i = 0; i < n; i++) {
            long next = i + 1 < n ? samples.pts90k(i + 1) : endPts90k;
            long duration = next - samples.pts90k(i);
            if (duration <= 0 || duration > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("sample " + i + " duration " + duration + " (90 kHz) out of range");
            }
            w.u32(duration).u32(samples.data(i).length);
            w.u32(samples.sync(i) ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
        }
        w.end().end().end(); // trun, traf, moof
        w.patchU32(dataOffsetAt, w.position() - moofStart + BOX_HEADER_BYTES);
        w.u32(BOX_HEADER_BYTES + samples.sizeBytes()).fourcc("mdat");
    }
}
