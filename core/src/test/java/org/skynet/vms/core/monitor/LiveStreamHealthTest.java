package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.ingest.IngestState;

/** Ingest session snapshots turned into probe-like results; each failure counts once. */
class LiveStreamHealthTest {
    private static final Instant T0 = Instant.parse("2026-11-26T08:00:00Z");

    private static IngestSnapshot session(IngestState state, String reason, Instant since, long frames) {
        return new IngestSnapshot("cam", state, reason, since, frames, frames * 1000, 0, 0, 0, null, null, null);
    }

    @Test
    void flowingStreamIsOkAndEachFailureCountsOnce() {
        LiveStreamHealth h = new LiveStreamHealth();
        assertEquals(Map.of(), h.observe(List.of(session(IngestState.BACKING_OFF, "starting", T0, 0))), "a new session is no failure");
        assertTrue(h.watched("cam"), "no probes while the recorder holds the stream");
        assertEquals(Map.of(), h.observe(List.of(session(IngestState.STREAMING, null, T0, 0))), "no frame yet");
        assertEquals(ProbeOutcome.OK, h.observe(List.of(session(IngestState.STREAMING, null, T0, 25))).get("cam").outcome());
        assertEquals(Map.of(), h.observe(List.of(session(IngestState.STREAMING, null, T0, 25))), "no new frame: no news");

        IngestSnapshot stalled = session(IngestState.BACKING_OFF, "TIMEOUT: stalled: no access unit for 5 s", T0.plusSeconds(6), 25);
        ProbeResult r = h.observe(List.of(stalled)).get("cam");
        assertEquals(ProbeOutcome.STREAM_MISSING, r.outcome());
        assertEquals("live stream: stalled: no access unit for 5 s", r.detail());
        assertEquals(Map.of(), h.observe(List.of(stalled)), "the same failure counts once");
        IngestSnapshot refused = session(IngestState.BACKING_OFF, "UNREACHABLE: connection refused", T0.plusSeconds(8), 25);
        assertEquals(ProbeOutcome.UNREACHABLE, h.observe(List.of(refused)).get("cam").outcome());

        IngestSnapshot fatal = session(IngestState.FAILED, "AUTH_FAILED: 401 Unauthorized", T0.plusSeconds(9), 25);
        assertEquals(ProbeOutcome.AUTH_FAILED, h.observe(List.of(fatal)).get("cam").outcome());
        assertFalse(h.watched("cam"), "a session that gave up hands the camera back to the probes");
        h.observe(List.of());
        assertFalse(h.watched("cam"), "recording stopped: probed again");
    }
}
