package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CameraProberTest {
    private static final ProbeTarget BOTH = new ProbeTarget("cam-1", URI.create("rtsp://192.0.2.7/main"),
            URI.create("http://192.0.2.7/onvif/device_service"), "admin", "pw", Duration.ofSeconds(60));
    private static final ProbeResult ONVIF_TIMEOUT = new ProbeResult(ProbeOutcome.TIMEOUT, 5000,
            "ONVIF 192.0.2.7:80: no answer within 5 s");

    private static ProbeResult probe(ProbeResult rtsp, ProbeResult onvif) {
        CameraProber prober = new CameraProber((t, n) -> CompletableFuture.completedFuture(rtsp),
                (t, n) -> CompletableFuture.completedFuture(onvif), 1);
        return prober.probe(BOTH, 0).toCompletableFuture().join();
    }

    @Test
    void aCameraServingRtspWhoseOnvifIsSilentIsDegradedNeverOffline() {
        ProbeResult r = probe(ProbeResult.ok(12), ONVIF_TIMEOUT);
        assertEquals(ProbeOutcome.ONVIF_SILENT, r.outcome());
        assertEquals(12, r.latencyMillis(), "the RTSP answer time");
        assertTrue(r.detail().contains("ONVIF 192.0.2.7:80: no answer within 5 s"), r.detail());

        CameraHealthStates states = new CameraHealthStates(HealthPolicy.DEFAULT);
        Instant t0 = Instant.parse("2026-11-26T08:00:00Z");
        for (int i = 0; i < 5; i++) {
            states.probed("cam-1", t0.plusSeconds(60L * i), r);
        }
        CameraHealth h = states.get("cam-1").orElseThrow();
        assertEquals(HealthState.DEGRADED, h.state());
        assertEquals("ONVIF not answering, RTSP does: ONVIF 192.0.2.7:80: no answer within 5 s", h.reason());
    }

    @Test
    void anUnansweredRtspStillCountsTowardsOfflineWhateverOnvifSays() {
        ProbeResult rtspTimeout = new ProbeResult(ProbeOutcome.TIMEOUT, 5000, "RTSP 192.0.2.7:554: no answer within 5 s");
        assertEquals(ProbeOutcome.TIMEOUT, probe(rtspTimeout, ProbeResult.ok(30)).outcome());
        assertEquals(ProbeOutcome.TIMEOUT, probe(rtspTimeout, ONVIF_TIMEOUT).outcome());
    }

    @Test
    void refusedCredentialsAndClockDriftKeepTheirOwnOutcome() {
        ProbeResult refused = new ProbeResult(ProbeOutcome.AUTH_FAILED, 8, "RTSP 192.0.2.7:554 refused our credentials");
        assertEquals(ProbeOutcome.AUTH_FAILED, probe(refused, ONVIF_TIMEOUT).outcome());
        ProbeResult drift = new ProbeResult(ProbeOutcome.CLOCK_DRIFT, 40, "camera clock 300 s ahead (limit 5 s)");
        assertEquals(ProbeOutcome.CLOCK_DRIFT, probe(ProbeResult.ok(10), drift).outcome());
    }

    @Test
    void onvifIsAskedOnAFirstProbeAndOnceInEveryTenOkProbes() {
        AtomicInteger onvifAsked = new AtomicInteger();
        CameraProber prober = new CameraProber((t, n) -> CompletableFuture.completedFuture(ProbeResult.ok(5)), (t, n) -> {
            onvifAsked.incrementAndGet();
            return CompletableFuture.completedFuture(ProbeResult.ok(5));
        }, 10);
        prober.probe(BOTH, 0).toCompletableFuture().join();
        assertEquals(1, onvifAsked.get(), "the first probe, or the one after a probe that was not OK");
        for (int okInARow = 1; okInARow <= 30; okInARow++) {
            prober.probe(BOTH, okInARow).toCompletableFuture().join();
        }
        assertEquals(4, onvifAsked.get(), "then once in every ten");
    }
}
