package org.skynet.vms.adapters.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.skynet.vms.adapters.rtsp.sdp.SdpException;
import org.skynet.vms.adapters.rtsp.sdp.SdpParser;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;
import org.skynet.vms.errors.ErrorKind;

/**
 * A connected RTSP control connection, before any session: the Init state of RFC 2326 Appendix A.
 * {@link #options()} and {@link #describe()} are what a health probe needs; {@link #describe()}
 * leads on to {@link DescribedSession}, SETUP and PLAY.
 *
 * <p>Futures complete on the connection's event loop: callbacks chained on them must not block.
 * They fail with {@link RtspException} (wrapped in a {@code CompletionException} by {@code join}).
 */
public final class RtspConnection {
    private final Channel channel;
    private final RtspSource source;
    private final RtspSessionHandler session;
    private final Clock clock;
    private final Function<RtspSource, CompletableFuture<RtspConnection>> connector;

    /**
     * @param connector opens further connections to the same server, for requests on a session whose
     *                  connection the server closed
     */
    RtspConnection(Channel channel, RtspSource source, Clock clock,
            Function<RtspSource, CompletableFuture<RtspConnection>> connector) {
        this.channel = channel;
        this.source = source;
        this.session = channel.pipeline().get(RtspSessionHandler.class);
        this.clock = clock;
        this.connector = connector;
    }

    /** The source this connection talks to. */
    public RtspSource source() {
        return source;
    }

    /** Sends OPTIONS for the source URL; the response's {@code Public} header lists the methods. */
    public CompletableFuture<RtspResponse> options() {
        return session.send(RtspRequest.of("OPTIONS", source.requestUrl()));
    }

    /**
     * Sends DESCRIBE and parses the SDP. Fails with {@code PROTOCOL} when the body is not a usable
     * session description.
     */
    public CompletableFuture<DescribedSession> describe() {
        String url = source.requestUrl();
        return session.send(RtspRequest.of("DESCRIBE", url).with("Accept", "application/sdp"))
                .thenApply(r -> new DescribedSession(this, sessionDescription(r, url)));
    }

    /**
     * Time from writing the last answered request to reading its response, on the event loop (the camera's
     * answer time, without the connect and without queueing on our side); -1 before the first response.
     */
    public long lastRoundTripNanos() {
        return session.lastRoundTripNanos();
    }

    /**
     * Closes the connection without TEARDOWN (use {@link PlayingSession#close()} for a playing one).
     *
     * @return completes when the socket is closed
     */
    public CompletableFuture<Void> close() {
        session.close();
        return ChannelFutures.toCompletable(channel.closeFuture()).thenApply(c -> null);
    }

    /**
     * Closes the connection at once with a TCP reset instead of the FIN handshake ({@code SO_LINGER} 0), so no
     * TIME_WAIT socket is left on our side. For short connections whose answers we already have (health
     * probes): at thousands of probes a second, TIME_WAIT sockets fill the ephemeral ports towards cameras
     * that share an address (behind one NAT gateway), and every connect then searches that port space.
     *
     * @return completes when the socket is closed
     */
    public CompletableFuture<Void> reset() {
        if (channel.isOpen()) {
            try {
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
            } catch (ChannelException closedMeanwhile) {
                // the camera closed it first: there is nothing left to reset
            }
        }
        return close();
    }

    /** Completes when the connection ends: normally after {@link #close()}, else with the failure. */
    public CompletableFuture<Void> terminated() {
        return session.terminated();
    }

    Channel channel() {
        return channel;
    }

    RtspSessionHandler session() {
        return session;
    }

    Clock clock() {
        return clock;
    }

    /**
     * Sends one request for session {@code sessionId} on a new connection, then closes that one
     * (RFC 2326 §12.37: the Session header, not the connection, names the session).
     */
    CompletableFuture<RtspResponse> sendOnNewConnection(RtspRequest request, String sessionId) {
        return connector.apply(source).thenCompose(c -> c.session.send(request.with("Session", sessionId))
                .whenComplete((r, e) -> c.close()));
    }

    /**
     * Parses a DESCRIBE response's SDP against its base URL: Content-Base, else Content-Location,
     * else the request URL (RFC 2326 C.1.1). A missing Content-Type is tolerated; another type than
     * {@code application/sdp}, or no body, is a {@code PROTOCOL} error.
     */
    static SessionDescription sessionDescription(RtspResponse response, String requestUrl) {
        String type = response.header("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("application/sdp")) {
            throw RtspException.forRequest(ErrorKind.PROTOCOL, "DESCRIBE", -1, requestUrl,
                    "Content-Type " + type + " is not application/sdp");
        }
        if (response.body().isBlank()) {
            throw RtspException.forRequest(ErrorKind.PROTOCOL, "DESCRIBE", -1, requestUrl, "response without SDP");
        }
        try {
            URI base = baseUri(response, requestUrl);
            return SdpParser.parse(response.body(), base);
        } catch (SdpException e) {
            throw RtspException.forRequest(ErrorKind.PROTOCOL, "DESCRIBE", -1, requestUrl,
                    "unusable SDP: " + e.getMessage());
        }
    }

    private static URI baseUri(RtspResponse response, String requestUrl) {
        String base = response.header("Content-Base");
        if (base == null || base.isBlank()) {
            base = response.header("Content-Location");
        }
        if (base == null || base.isBlank()) {
            base = requestUrl;
        }
        base = base.trim();
        // Lenient: a Content-Base without the scheme ("192.0.2.10/live/") is meant as rtsp://; see
        // testdata/rtsp/noscheme_describe.txt.
        if (!base.toLowerCase(Locale.ROOT).startsWith("rtsp://")) {
            base = "rtsp://" + base;
        }
        try {
            return new URI(base);
        } catch (URISyntaxException e) {
            throw RtspException.forRequest(ErrorKind.PROTOCOL, "DESCRIBE", -1, requestUrl,
                    "malformed Content-Base at index " + e.getIndex());
        }
    }
}
