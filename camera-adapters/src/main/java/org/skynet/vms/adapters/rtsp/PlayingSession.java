package org.skynet.vms.adapters.rtsp;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.BitstreamException;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtp.VideoDepacketizer;
import org.skynet.vms.adapters.rtp.h264.H264Depacketizer;
import org.skynet.vms.adapters.rtp.h265.H265Depacketizer;
import org.skynet.vms.adapters.rtsp.sdp.MediaDescription;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream that is playing (the Playing state of RFC 2326 Appendix A): the handle users of
 * {@link RtspClient#open} hold. Access units go to the listener; this object answers what the
 * stream is ({@link #videoParameters()}), how it is doing ({@link #stats()}), when it ended
 * ({@link #terminated()}), and ends it ({@link #close()}: TEARDOWN, then close).
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public final class PlayingSession {
    private static final Logger LOG = LoggerFactory.getLogger(PlayingSession.class);

    private final RtspConnection connection;
    private final SessionDescription description;
    private final MediaDescription video;
    private final AccessUnitListener listener;
    private final VideoDepacketizer depacketizer;
    private final TrackReceiver receiver;
    private volatile VideoParameters parameters;
    /** Session id and timer of the keep-alive on fresh connections; set once the server closed ours. */
    private String detachedSessionId;
    private ScheduledFuture<?> detachedKeepAlive;

    PlayingSession(RtspConnection connection, SessionDescription description, MediaDescription video, RtpPath path,
            AccessUnitListener listener) {
        this.connection = connection;
        this.description = description;
        this.video = video;
        this.listener = listener;
        this.depacketizer = switch (video.codec()) {
            case H264 -> new H264Depacketizer(this::deliver);
            case H265 -> new H265Depacketizer(this::deliver);
        };
        try {
            depacketizer.setParameterSets(video.parameterSets());
            parameters = depacketizer.parameters();
        } catch (BitstreamException e) {
            LOG.debug("{}: SDP parameter sets unusable, waiting for in-band ones: {}", connection.source().uri(),
                    e.getMessage());
        }
        this.receiver = new TrackReceiver(depacketizer, connection.clock());
        if (path instanceof RtpPath.Udp udp) {
            connection.terminated().whenComplete((v, e) -> udp.ports().close());
        }
    }

    /** The parsed SDP of the stream. */
    public SessionDescription description() {
        return description;
    }

    /** The SDP section of the video track being received. */
    public MediaDescription video() {
        return video;
    }

    /**
     * Codec, size and frame rate from the latest SPS (SDP or in-band), or {@code null} before any
     * valid one was seen.
     */
    public VideoParameters videoParameters() {
        return parameters;
    }

    /** A snapshot of the counters, taken on the event loop. */
    public CompletableFuture<StreamStats> stats() {
        CompletableFuture<StreamStats> out = new CompletableFuture<>();
        connection.channel().eventLoop().execute(() -> out.complete(receiver.stats()));
        return out;
    }

    /**
     * Completes when the stream ends: normally after {@link #close()}, exceptionally with an
     * {@link RtspException} when the camera stopped sending ({@code TIMEOUT}), closed the connection
     * ({@code UNREACHABLE}), refused a keep-alive or sent garbage ({@code PROTOCOL}).
     */
    public CompletableFuture<Void> terminated() {
        return connection.terminated();
    }

    /**
     * Sends TEARDOWN (waiting at most the response timeout, ignoring its outcome) and closes the
     * connection. If the server already closed the RTSP connection (UDP only), TEARDOWN goes on a
     * new one.
     *
     * @return completes when the socket is closed
     */
    public CompletableFuture<Void> close() {
        connection.session().ending();
        CompletableFuture<String> detachedId = new CompletableFuture<>();
        connection.channel().eventLoop().execute(() -> detachedId.complete(detachedSessionId));
        RtspRequest teardown = RtspRequest.of("TEARDOWN", description.controlUri().toASCIIString());
        return detachedId
                .thenCompose(id -> id == null ? connection.session().send(teardown)
                        : connection.sendOnNewConnection(teardown, id))
                .handle((r, e) -> null)
                .thenCompose(v -> connection.close());
    }

    /**
     * The server closed the RTSP connection while RTP goes on over UDP (VLC does this after PLAY):
     * keep the session alive with GET_PARAMETER on a new connection each time. Whether the stream
     * lives is then judged by the no-data timeout alone. Event loop only.
     */
    void controlConnectionLost() {
        SessionHeader session = connection.session().session();
        detachedSessionId = session.id();
        long millis = session.keepAliveInterval().toMillis();
        String url = description.controlUri().toASCIIString();
        detachedKeepAlive = connection.channel().eventLoop().scheduleAtFixedRate(() -> connection
                .sendOnNewConnection(RtspRequest.of("GET_PARAMETER", url), detachedSessionId)
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debug("{}: keep-alive on a new connection failed: {}", url, e.getMessage());
                    }
                }), millis, millis, TimeUnit.MILLISECONDS);
        connection.terminated().whenComplete((v, e) -> detachedKeepAlive.cancel(false));
    }

    TrackReceiver receiver() {
        return receiver;
    }

    private void deliver(AccessUnit unit) {
        if (unit.parametersChanged()) {
            parameters = unit.parameters();
        }
        try {
            listener.onAccessUnit(unit);
        } catch (RuntimeException e) {
            LOG.warn("{}: access unit listener failed, unit lost", connection.source().uri(), e);
        }
    }
}
