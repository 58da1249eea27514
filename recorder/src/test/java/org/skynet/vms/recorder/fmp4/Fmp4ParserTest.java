package org.skynet.vms.recorder.fmp4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;

/** Reads back what {@link InitSegmentWriter} and {@link FragmentWriter} write. */
class Fmp4ParserTest {
    static final List<AccessUnit> CLIP = TestClips.load(Codec.H265);

    /** {@code moof}+{@code mdat} of the first {@code n} clip samples, the last lasting 3000 ticks. */
    static byte[] fragment(int n) {
        FragmentSamples s = new FragmentSamples();
        for (int i = 0; i < n; i++) {
            s.add(CLIP.get(i));
        }
        BoxWriter w = new BoxWriter(1024);
        FragmentWriter.write(w, 7, 123_456_789_012L, s, s.lastPts90k() + 3000);
        return w.toByteArray();
    }

    @Test
    void moofFieldsRoundTrip() {
        byte[] bytes = fragment(12);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int moofSize = (int) Fmp4Parser.size(b, 0);
        FragmentInfo info = Fmp4Parser.parseMoof(b.duplicate().limit(moofSize));
        assertEquals(7, info.sequenceNumber());
        assertEquals(123_456_789_012L, info.baseMediaDecodeTime());
        assertEquals(12, info.sampleCount());
        assertEquals(11 * TestClips.FRAME_90K + 3000, info.duration());
        assertEquals(moofSize + 8, info.dataOffset());
        assertEquals(bytes.length - moofSize - 8, info.sampleBytes());
        assertEquals("mdat", Fmp4Parser.type(b, moofSize));
        assertTrue(info.firstSampleSync());
        long sizes = CLIP.subList(0, 12).stream().mapToLong(AccessUnit::sizeBytes).sum();
        assertEquals(sizes, info.sampleBytes());
    }

    @Test
    void moovGivesCodecSizeAndTimescale() {
        BoxWriter w = new BoxWriter(1024);
        InitSegmentWriter.write(w, CLIP.get(0).parameters());
        ByteBuffer b = w.written();
        int ftyp = (int) Fmp4Parser.size(b, 0);
        TrackInfo t = Fmp4Parser.parseMoov(b.position(ftyp));
        assertEquals(new TrackInfo(Codec.H265, 320, 180, 90_000), t);
    }

    @Test
    void nonSyncFirstSampleIsReported() {
        FragmentSamples s = new FragmentSamples();
        s.add(CLIP.get(1));
        s.add(CLIP.get(2));
        BoxWriter w = new BoxWriter(1024);
        FragmentWriter.write(w, 1, 0, s, s.lastPts90k() + 1);
        ByteBuffer b = w.written();
        assertFalse(Fmp4Parser.parseMoof(b.limit((int) Fmp4Parser.size(b, 0))).firstSampleSync());
    }

    @Test
    void truncatedMoofIsAFormatError() {
        byte[] bytes = fragment(3);
        int moofSize = (int) Fmp4Parser.size(ByteBuffer.wrap(bytes), 0);
        for (int len = 0; len < moofSize; len++) {
            ByteBuffer cut = ByteBuffer.wrap(bytes, 0, len).slice();
            assertThrows(Fmp4FormatException.class, () -> Fmp4Parser.parseMoof(cut), "cut at " + len);
        }
    }

    @Test
    void writerRefusesNonIncreasingTimestamps() {
        FragmentSamples s = new FragmentSamples();
        s.add(CLIP.get(0));
        s.add(CLIP.get(0));
        assertThrows(IllegalArgumentException.class, () -> FragmentWriter.write(new BoxWriter(64), 1, 0, s, 99_999));
        assertThrows(IllegalArgumentException.class,
                () -> FragmentWriter.write(new BoxWriter(64), 1, 0, new FragmentSamples(), 0));
    }
}
