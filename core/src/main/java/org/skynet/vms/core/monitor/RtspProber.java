package org.skynet.vms.core.monitor;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.adapters.rtsp.RtspTimeouts;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;

/**
 * Probes a camera's RTSP service on Netty, without blocking: usually an OPTIONS (cheap, proves the
 * service answers), and a DESCRIBE (proves the credentials and that the stream is offered) on the
 * first probe of a camera, on every {@code describeEvery}-th probe, and after any probe that was not
 * OK, so that a refused password or a vanished stream is found and its recovery seen. A DESCRIBE
 * without a supported video track is STREAM_MISSING. Every probe ends within {@code timeout}.
 */
public final class RtspProber implements Prober {
    private final RtspClient client;
    private final EventLoopGroup group;
    private final Duration timeout;
    private final int describeEvery;
    private final Map<String, Integer> sinceDescribe = new ConcurrentHashMap<>();

    /**
     * @param group         the shared event loops (the timers run there too)
     * @param timeout       bound of one probe, connect included
     * @param describeEvery a DESCRIBE every this many probes of a camera (1 = always)
     */
    public RtspProber(EventLoopGroup group, Duration timeout, int describeEvery) {
        if (describeEvery < 1) {
            throw new IllegalArgumentException("describeEvery must be >= 1");
        }
        this.client = new RtspClient(group);
        this.group = group;
        this.timeout = timeout;
        this.describeEvery = describeEvery;
    }

    @Override
    public CompletionStage<ProbeResult> probe(ProbeTarget target) {
        if (target.rtspUri() == null) {
            return CompletableFuture.completedFuture(new ProbeResult(ProbeOutcome.PROTOCOL, 0, "no RTSP URL"));
        }
        String endpoint = target.rtspUri().getHost() + ":" + (target.rtspUri().getPort() < 0
                ? RtspSource.DEFAULT_PORT : target.rtspUri().getPort());
        RtspSource source;
        try {
            source = RtspSource.of(target.rtspUri().toString(), target.username(), target.password())
                    .withTimeouts(new RtspTimeouts(timeout, timeout, timeout));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new ProbeResult(ProbeOutcome.PROTOCOL, 0,
                    "RTSP URL not usable: " + e.getMessage()));
        }
        boolean describe = sinceDescribe.getOrDefault(target.cameraId(), 0) == 0;
        long start = System.nanoTime();
        CompletionStage<ProbeResult> result = describe
                ? Deadline.bound(group, timeout, client.describe(source),
                        sdp -> described(sdp, endpoint, Deadline.millisSince(start)),
                        e -> ProbeFailures.of(e, "RTSP", endpoint, timeout, Deadline.millisSince(start)),
                        () -> ProbeFailures.timedOut("RTSP", endpoint, timeout))
                : Deadline.bound(group, timeout, client.options(source),
                        r -> r.statusCode() / 100 == 2 ? ProbeResult.ok(Deadline.millisSince(start))
                                : new ProbeResult(ProbeOutcome.PROTOCOL, Deadline.millisSince(start),
                                        "RTSP " + endpoint + " answered OPTIONS with " + r.statusLine()),
                        e -> ProbeFailures.of(e, "RTSP", endpoint, timeout, Deadline.millisSince(start)),
                        () -> ProbeFailures.timedOut("RTSP", endpoint, timeout));
        return result.thenApply(r -> {
            int next = r.outcome() == ProbeOutcome.OK ? (sinceDescribe.getOrDefault(target.cameraId(), 0) + 1) % describeEvery : 0;
            sinceDescribe.put(target.cameraId(), next);
            return r;
        });
    }

    private static ProbeResult described(SessionDescription sdp, String endpoint, long latency) {
        if (sdp.firstSupportedVideo().isEmpty()) {
            return new ProbeResult(ProbeOutcome.STREAM_MISSING, latency,
                    "RTSP " + endpoint + " DESCRIBE offers no H.264/H.265 video track");
        }
        return new ProbeResult(ProbeOutcome.OK, latency, "answered DESCRIBE");
    }
}
