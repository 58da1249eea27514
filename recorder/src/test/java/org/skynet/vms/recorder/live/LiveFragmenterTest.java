package org.skynet.vms.recorder.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.FragmentInfo;
import org.skynet.vms.recorder.fmp4.Fmp4Parser;

class LiveFragmenterTest {
    private static AccessUnit unit(long pts, boolean key) {
        return new AccessUnit(Codec.H264, pts, Instant.EPOCH, key, new byte[] {0, 0, 0, 1, 0x65}, null, false, false);
    }

    private static FragmentInfo parse(byte[] fragment) {
        ByteBuffer b = ByteBuffer.wrap(fragment);
        int moofSize = (int) Fmp4Parser.size(b, 0);
        assertEquals("mdat", Fmp4Parser.type(b, moofSize));
        return Fmp4Parser.parseMoof(b.limit(moofSize));
    }

    @Test
    void timelineStartsAtZeroAndContinuesAcrossAReconnect() {
        LiveFragmenter f = new LiveFragmenter();
        FragmentInfo first = parse(f.next(unit(1_000_000, true)));
        assertEquals(0, first.baseMediaDecodeTime());
        assertEquals(LiveFragmenter.DEFAULT_FRAME_90K, first.duration());
        assertTrue(first.firstSampleSync());
        FragmentInfo second = parse(f.next(unit(1_003_000, false)));
        assertEquals(3000, second.baseMediaDecodeTime());
        assertEquals(3000, second.duration(), "estimated from the last interval");
        assertEquals(second.baseMediaDecodeTime(), f.decodeTime90k(unit(1_003_000, false)), "what time messages carry");
        f.streamEnded();
        FragmentInfo resumed = parse(f.next(unit(5, true)));
        assertEquals(6000, resumed.baseMediaDecodeTime(), "continues where the last fragment ended");
        assertEquals(3, resumed.sequenceNumber());
        assertEquals(resumed.baseMediaDecodeTime(), f.decodeTime90k(unit(5, true)));
    }

    @Test
    void replayGivesTheSameDecodeTimesAndSequenceNumbers() {
        LiveFragmenter f = new LiveFragmenter();
        AccessUnit a = unit(90_000, true);
        AccessUnit b = unit(93_600, false);
        FragmentInfo liveA = parse(f.next(a));
        FragmentInfo liveB = parse(f.next(b));
        List<byte[]> replay = f.replay(List.of(a, b));
        FragmentInfo againA = parse(replay.get(0));
        FragmentInfo againB = parse(replay.get(1));
        assertEquals(liveA.baseMediaDecodeTime(), againA.baseMediaDecodeTime());
        assertEquals(liveB.baseMediaDecodeTime(), againB.baseMediaDecodeTime());
        assertEquals(liveA.sequenceNumber(), againA.sequenceNumber());
        assertEquals(liveB.sequenceNumber(), againB.sequenceNumber());
        assertEquals(3600, againA.duration());
    }
}
