package org.skynet.vms.core.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Probes a camera through every interface it has: RTSP when it has an RTSP URL, ONVIF when it has a
 * device URL, both at once when it has both. The combined result is the worse of the two (a camera is
 * ONLINE only when everything it offers answers), with both details, and the RTSP latency: that is the
 * camera's answer time to a request ({@link RtspProber}), while the ONVIF figure is the whole HTTP exchange,
 * connect and our own queueing included, so on a busy server it would make healthy cameras look slow. A camera
 * whose RTSP answers while its ONVIF does not is DEGRADED, not on its way to OFFLINE ({@link #combine}).
 *
 * <p>A camera with both is asked over ONVIF (the clock-drift check) on its first probe, once in every
 * {@code onvifEvery} probes (at the camera's own phase, {@link ProbeCadence}) and after any probe that was
 * not OK, RTSP alone in between: the clock drifts
 * slowly, and the second connection of every probe nearly doubled the cost of a sweep. A camera whose clock
 * is off keeps being asked, so it stays DEGRADED rather than flapping.
 */
public final class CameraProber implements Prober {
    private static final long CLOCK_SALT = 0x4F4E5646L;
    private final Prober rtsp;
    private final Prober onvif;
    private final ProbeCadence clockChecks;

    /** @param onvifEvery ONVIF every this many probes of a camera that also has RTSP (1 = always) */
    public CameraProber(Prober rtsp, Prober onvif, int onvifEvery) {
        this.rtsp = rtsp;
        this.onvif = onvif;
        this.clockChecks = new ProbeCadence(onvifEvery, CLOCK_SALT);
    }

    /** Probes both interfaces every time. */
    public CameraProber(Prober rtsp, Prober onvif) {
        this(rtsp, onvif, 1);
    }

    @Override
    public CompletionStage<ProbeResult> probe(ProbeTarget target, int okInARow) {
        boolean hasRtsp = target.rtspUri() != null;
        boolean hasOnvif = target.onvifUri() != null;
        if (hasRtsp && hasOnvif) {
            return clockChecks.due(target.cameraId(), okInARow)
                    ? rtsp.probe(target, okInARow).thenCombine(onvif.probe(target, okInARow), CameraProber::combine)
                    : rtsp.probe(target, okInARow);
        }
        if (hasRtsp) {
            return rtsp.probe(target, okInARow);
        }
        if (hasOnvif) {
            return onvif.probe(target, okInARow);
        }
        return CompletableFuture.completedFuture(new ProbeResult(ProbeOutcome.PROTOCOL, 0,
                "camera has neither an RTSP nor an ONVIF URL"));
    }

    /**
     * The RTSP result {@code a} combined with the ONVIF result {@code b}. A camera that serves RTSP but whose ONVIF
     * service does not answer is {@link ProbeOutcome#ONVIF_SILENT} (DEGRADED), not a failure towards OFFLINE: its
     * video works, and OFFLINE raises the duty room's alarm.
     */
    static ProbeResult combine(ProbeResult a, ProbeResult b) {
        if (a.outcome().answered() && !b.outcome().answered()) {
            b = new ProbeResult(ProbeOutcome.ONVIF_SILENT, b.latencyMillis(), b.detail());
        }
        ProbeResult worse = b.outcome().ordinal() > a.outcome().ordinal() ? b : a;
        ProbeResult other = worse == a ? b : a;
        long latency = a.latencyMillis();
        String detail = other.outcome() == ProbeOutcome.OK || other.outcome() == worse.outcome() && other.detail().equals(worse.detail())
                ? worse.detail() : worse.detail() + "; " + other.detail();
        return new ProbeResult(worse.outcome(), latency, detail);
    }
}
