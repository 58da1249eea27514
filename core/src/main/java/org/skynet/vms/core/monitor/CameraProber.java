package org.skynet.vms.core.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Probes a camera through every interface it has: RTSP when it has an RTSP URL, ONVIF when it has a
 * device URL, both at once when it has both. The combined result is the worse of the two (a camera is
 * ONLINE only when everything it offers answers), with the slower latency and both details.
 */
public final class CameraProber implements Prober {
    private final Prober rtsp;
    private final Prober onvif;

    public CameraProber(Prober rtsp, Prober onvif) {
        this.rtsp = rtsp;
        this.onvif = onvif;
    }

    @Override
    public CompletionStage<ProbeResult> probe(ProbeTarget target) {
        boolean hasRtsp = target.rtspUri() != null;
        boolean hasOnvif = target.onvifUri() != null;
        if (hasRtsp && hasOnvif) {
            return rtsp.probe(target).thenCombine(onvif.probe(target), CameraProber::combine);
        }
        if (hasRtsp) {
            return rtsp.probe(target);
        }
        if (hasOnvif) {
            return onvif.probe(target);
        }
        return CompletableFuture.completedFuture(new ProbeResult(ProbeOutcome.PROTOCOL, 0,
                "camera has neither an RTSP nor an ONVIF URL"));
    }

    static ProbeResult combine(ProbeResult a, ProbeResult b) {
        ProbeResult worse = b.outcome().ordinal() > a.outcome().ordinal() ? b : a;
        ProbeResult other = worse == a ? b : a;
        long latency = Math.max(a.latencyMillis(), b.latencyMillis());
        String detail = other.outcome() == ProbeOutcome.OK || other.outcome() == worse.outcome() && other.detail().equals(worse.detail())
                ? worse.detail() : worse.detail() + "; " + other.detail();
        return new ProbeResult(worse.outcome(), latency, detail);
    }
}
