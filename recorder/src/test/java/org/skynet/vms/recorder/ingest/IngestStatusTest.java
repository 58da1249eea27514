package org.skynet.vms.recorder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

class IngestStatusTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private final IngestStatus status = new IngestStatus("cam-1",
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0), () -> 0.5, T0);

    @Test
    void firstAttemptIsDueAtOnce() {
        assertEquals(IngestState.BACKING_OFF, status.state());
        assertTrue(status.attemptDue(T0));
        status.connecting(T0);
        assertEquals(IngestState.CONNECTING, status.state());
        assertFalse(status.attemptDue(T0.plusSeconds(100)));
    }

    @Test
    void retriableFailuresBackOffExponentiallyUpToTheCap() {
        Instant now = T0;
        long[] expected = {1, 2, 4, 8, 8};
        for (long seconds : expected) {
            status.connecting(now);
            assertTrue(status.failed(ErrorKind.UNREACHABLE, "refused", now));
            IngestSnapshot s = status.snapshot();
            assertEquals(IngestState.BACKING_OFF, s.state());
            assertEquals("UNREACHABLE: refused", s.reason());
            assertEquals(now.plusSeconds(seconds), s.nextAttemptAt());
            assertFalse(status.attemptDue(now.plusSeconds(seconds).minusMillis(1)));
            now = now.plusSeconds(seconds);
            assertTrue(status.attemptDue(now));
        }
        assertEquals(4, status.snapshot().reconnects());
    }

    @Test
    void authFailureIsFatal() {
        status.connecting(T0);
        assertFalse(status.failed(ErrorKind.AUTH_FAILED, "DESCRIBE 401", T0.plusMillis(20)));
        IngestSnapshot s = status.snapshot();
        assertEquals(IngestState.FAILED, s.state());
        assertEquals("AUTH_FAILED: DESCRIBE 401", s.reason());
        assertEquals(T0.plusMillis(20), s.since());
        assertNull(s.nextAttemptAt());
        assertFalse(status.attemptDue(T0.plusSeconds(3600)));
    }

    @Test
    void stallIsNoticedOnlyWhileStreamingAfterTheTimeout() {
        Duration timeout = Duration.ofSeconds(5);
        status.connecting(T0);
        assertFalse(status.stalled(T0.plusSeconds(60), timeout), "not streaming yet");
        status.playing(T0);
        status.frame(1000, T0.plusSeconds(1));
        assertFalse(status.stalled(T0.plusSeconds(6), timeout));
        assertTrue(status.stalled(T0.plusSeconds(6).plusMillis(1), timeout));
        assertTrue(status.failed(ErrorKind.TIMEOUT, "stalled", T0.plusSeconds(7)));
        IngestSnapshot s = status.snapshot();
        assertEquals(1, s.gaps());
        assertEquals(T0.plusSeconds(7), s.lastGapAt());
        assertEquals("stalled", s.lastGapReason());
        assertEquals(1, s.frames());
        assertEquals(1000, s.bytes());
    }

    @Test
    void backoffResetsOnlyAfterFramesFlowed() {
        status.connecting(T0);
        status.failed(ErrorKind.UNREACHABLE, "x", T0);
        status.connecting(T0.plusSeconds(1));
        status.playing(T0.plusSeconds(1));
        status.failed(ErrorKind.TIMEOUT, "stalled without a frame", T0.plusSeconds(2));
        assertEquals(T0.plusSeconds(4), status.snapshot().nextAttemptAt(), "second failure in a row: 2 s");
        status.connecting(T0.plusSeconds(4));
        status.playing(T0.plusSeconds(4));
        status.frame(10, T0.plusSeconds(5));
        status.failed(ErrorKind.UNREACHABLE, "reset", T0.plusSeconds(9));
        assertEquals(T0.plusSeconds(10), status.snapshot().nextAttemptAt(), "it streamed: back to 1 s");
    }

    @Test
    void lostFramesAddUpAcrossConnections() {
        status.connecting(T0);
        status.connectionLosses(3);
        status.connectionLosses(5);
        status.connecting(T0.plusSeconds(1));
        status.connectionLosses(2);
        status.dropped();
        assertEquals(8, status.snapshot().lostFrames());
    }

    @Test
    void stoppedIsFinal() {
        status.stopped(T0);
        assertFalse(status.failed(ErrorKind.UNREACHABLE, "late callback", T0.plusSeconds(1)));
        assertEquals(IngestState.STOPPED, status.state());
    }
}
