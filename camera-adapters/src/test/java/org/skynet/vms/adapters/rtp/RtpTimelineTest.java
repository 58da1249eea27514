package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RtpTimelineTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @Test
    void extendsAcrossTheWrapAndBack() {
        RtpTimeline t = new RtpTimeline(90_000);
        assertEquals(0xffff_f000L, t.extend(0xffff_f000L, null));
        assertEquals(0x1_0000_0e10L, t.extend(0x0000_0e10L, null), "forward over the wrap");
        assertEquals(0xffff_ff00L, t.extend(0xffff_ff00L, null), "B-frame / late packet steps back over it");
        assertEquals(0x1_0000_1000L, t.extend(0x1000L, null));
    }

    @Test
    void manyWrapsKeepIncreasing() {
        RtpTimeline t = new RtpTimeline(90_000);
        long ts = 0;
        long last = -1;
        for (int i = 0; i < 10_000; i++) {
            long ext = t.extend(ts & 0xffff_ffffL, null);
            assertTrue(ext > last);
            last = ext;
            ts += 0x7000_0000L;
        }
        assertEquals(9_999L * 0x7000_0000L, last);
    }

    @Test
    void wallClockFromArrivalThenSenderReport() {
        RtpTimeline t = new RtpTimeline(90_000);
        assertNull(t.wallClock(0));
        t.senderReport(new RtcpSenderReport(1, RtcpSenderReport.instantToNtp(T0), 0, 0, 0));
        assertNull(t.wallClock(0), "a sender report before any packet cannot be placed");
        long first = t.extend(1000, T0);
        assertEquals(T0, t.wallClock(first));
        assertEquals(T0.plusMillis(40), t.wallClock(first + 3600));
        assertEquals(T0.minusSeconds(1), t.wallClock(first - 90_000));
        assertFalse(t.anchoredBySenderReport());
        t.extend(1000 + 3600, T0.plusSeconds(5));
        assertEquals(T0.plusMillis(40), t.wallClock(first + 3600), "later arrivals do not move the anchor");

        Instant camera = Instant.parse("2026-11-26T05:59:59.750Z");
        t.senderReport(new RtcpSenderReport(1, RtcpSenderReport.instantToNtp(camera), 1000 + 90_000, 0, 0));
        assertTrue(t.anchoredBySenderReport());
        assertEquals(camera.minusSeconds(1), t.wallClock(first));
    }

    @Test
    void senderReportTimestampIsExtendedNearTheLastPacket() {
        RtpTimeline t = new RtpTimeline(90_000);
        long first = t.extend(0xffff_fff0L, T0);
        t.senderReport(new RtcpSenderReport(1, RtcpSenderReport.instantToNtp(T0), 0x10L, 0, 0));
        assertEquals(T0, t.wallClock(first + 0x20));
    }
}
