package org.skynet.vms.core.monitor;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.Credentials;
import org.skynet.vms.adapters.rtsp.RtpTransport;
import org.skynet.vms.adapters.rtsp.RtspClient;
import org.skynet.vms.adapters.rtsp.RtspConnection;
import org.skynet.vms.adapters.rtsp.RtspResponse;
import org.skynet.vms.adapters.rtsp.RtspSource;
import org.skynet.vms.adapters.rtsp.RtspTimeouts;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Probes a camera's RTSP service on Netty, without blocking: usually an OPTIONS (cheap, proves the
 * service answers), and a DESCRIBE (proves the credentials and that the stream is offered) on the
 * first probe of a camera, on every {@code describeEvery}-th probe, and after any probe that was not
 * OK, so that a refused password or a vanished stream is found and its recovery seen. A DESCRIBE
 * without a supported video track is STREAM_MISSING. Every probe ends within {@code timeout}.
 *
 * <p>Connections are reused where the camera allows it ({@link ProbeConnections}): a connection that
 * answered is kept for the camera's next probe; when the camera has closed a kept connection the probe
 * opens a new one. The latency is the camera's answer time: from writing the request to reading the
 * answer, on the event loop ({@link RtspConnection#lastRoundTripNanos}), so neither the connect nor the
 * time our own busy event loops took to get to the request counts as a slow camera.
 */
public final class RtspProber implements Prober, AutoCloseable {
    private static final long DESCRIBE_SALT = 0x44455343L;
    private final RtspClient client;
    private final EventLoopGroup group;
    private final Duration timeout;
    private final RtspTimeouts timeouts;
    private final ProbeCadence describes;
    private final ProbeConnections connections;

    /** The answer to one request: the SDP of a DESCRIBE (null for OPTIONS) and the round trip. */
    private record Answer(RtspResponse options, SessionDescription sdp, long roundTripMillis) {
    }

    /**
     * @param group          the shared event loops (the timers run there too)
     * @param timeout        bound of one probe, connect included
     * @param describeEvery  a DESCRIBE every this many probes of a camera (1 = always)
     * @param keptConnections most connections kept open between probes (0: a new connection per probe)
     * @param keptIdle       a kept connection unused this long is closed
     */
    public RtspProber(EventLoopGroup group, Duration timeout, int describeEvery, int keptConnections, Duration keptIdle) {
        this.client = new RtspClient(group);
        this.group = group;
        this.timeout = timeout;
        this.timeouts = new RtspTimeouts(timeout, timeout, timeout);
        this.describes = new ProbeCadence(describeEvery, DESCRIBE_SALT);
        this.connections = new ProbeConnections(group, keptConnections, keptIdle);
    }

    /** A prober that opens a new connection for every probe. */
    public RtspProber(EventLoopGroup group, Duration timeout, int describeEvery) {
        this(group, timeout, describeEvery, 0, Duration.ZERO);
    }

    @Override
    public CompletionStage<ProbeResult> probe(ProbeTarget target, int okInARow) {
        if (target.rtspUri() == null) {
            return CompletableFuture.completedFuture(new ProbeResult(ProbeOutcome.PROTOCOL, 0, "no RTSP URL"));
        }
        RtspSource source;
        try {
            Credentials account = target.username() == null ? null
                    : new Credentials(target.username(), target.password() == null ? "" : target.password());
            source = new RtspSource(target.rtspUri(), account, RtpTransport.TCP_INTERLEAVED, timeouts);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new ProbeResult(ProbeOutcome.PROTOCOL, 0,
                    "RTSP URL not usable: " + e.getMessage()));
        }
        boolean describe = describes.due(target.cameraId(), okInARow);
        long start = System.nanoTime();
        return Deadline.bound(group, timeout, ask(target.cameraId(), source, describe),
                a -> answered(a, source),
                e -> ProbeFailures.of(e, "RTSP", endpoint(source), timeout, Deadline.millisSince(start)),
                () -> ProbeFailures.timedOut("RTSP", endpoint(source), timeout));
    }

    /** Probes answered on a kept connection so far. */
    public long reusedConnections() {
        return connections.reused();
    }

    /** Closes the kept connections. */
    @Override
    public void close() {
        connections.close();
    }

    /** One request on the camera's kept connection, or on a new one when there is none or the camera closed it. */
    private CompletableFuture<Answer> ask(String cameraId, RtspSource source, boolean describe) {
        RtspConnection kept = connections.take(cameraId);
        if (kept == null || !kept.source().equals(source)) {
            if (kept != null) {
                kept.reset();
            }
            return askOnNewConnection(cameraId, source, describe);
        }
        return request(cameraId, kept, describe).handle((a, e) -> closedMeanwhile(e)
                ? askOnNewConnection(cameraId, source, describe)
                : e == null ? CompletableFuture.completedFuture(a) : CompletableFuture.<Answer>failedFuture(e))
                .thenCompose(f -> f);
    }

    private CompletableFuture<Answer> askOnNewConnection(String cameraId, RtspSource source, boolean describe) {
        return client.connect(source).thenCompose(c -> {
            connections.watch(cameraId, c);
            return request(cameraId, c, describe);
        });
    }

    private CompletableFuture<Answer> request(String cameraId, RtspConnection c, boolean describe) {
        CompletableFuture<Answer> answer = describe
                ? c.describe().thenApply(d -> new Answer(null, d.description(), millis(c.lastRoundTripNanos())))
                : c.options().thenApply(r -> new Answer(r, null, millis(c.lastRoundTripNanos())));
        return answer.whenComplete((a, e) -> {
            if (e == null) {
                connections.offer(cameraId, c);
            } else {
                c.reset();
            }
        });
    }

    /** The camera closed a kept connection before or while we used it: worth one new connection. */
    private static boolean closedMeanwhile(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof VmsException v && v.kind() == ErrorKind.UNREACHABLE;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** host:port of the source, for messages. */
    private static String endpoint(RtspSource source) {
        URI uri = source.uri();
        return uri.getHost() + ":" + (uri.getPort() < 0 ? RtspSource.DEFAULT_PORT : uri.getPort());
    }

    private static ProbeResult answered(Answer a, RtspSource source) {
        if (a.sdp() == null) {
            return a.options().statusCode() / 100 == 2 ? ProbeResult.ok(a.roundTripMillis())
                    : new ProbeResult(ProbeOutcome.PROTOCOL, a.roundTripMillis(),
                            "RTSP " + endpoint(source) + " answered OPTIONS with " + a.options().statusLine());
        }
        if (a.sdp().firstSupportedVideo().isEmpty()) {
            return new ProbeResult(ProbeOutcome.STREAM_MISSING, a.roundTripMillis(),
                    "RTSP " + endpoint(source) + " DESCRIBE offers no H.264/H.265 video track");
        }
        return new ProbeResult(ProbeOutcome.OK, a.roundTripMillis(), "answered DESCRIBE");
    }
}
