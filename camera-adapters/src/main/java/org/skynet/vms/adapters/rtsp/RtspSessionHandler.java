package org.skynet.vms.adapters.rtsp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.skynet.vms.errors.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request/response half of an RTSP client connection: assigns {@code CSeq}s and matches
 * responses to them, answers 401 challenges through the {@link RtspAuthenticator}, enforces the
 * per-request response timeout, remembers the {@code Session} from SETUP and sends it back, and runs
 * the keep-alive timer while playing. Interleaved frames pass through to the next handler.
 *
 * <p>Failure is terminal: a timeout, a malformed message, an idle stream ({@link IdleStateEvent} from
 * an {@code IdleStateHandler} in front) or the peer closing fails every pending request, completes
 * {@link #terminated()} exceptionally and closes the channel. A non-2xx status fails only its own
 * request, with a kind from {@link RtspException#kindForStatus}.
 *
 * <p>Threading: state lives on the channel's event loop; {@link #send} may be called from any thread.
 */
public final class RtspSessionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RtspSessionHandler.class);

    /** Our {@code User-Agent}. */
    public static final String USER_AGENT = "SkynetVMS/0.1";
    /** Header names are written in RFC 2326 case: a few camera firmwares match them case-sensitively. */
    private static final String CSEQ = "CSeq";

    private final String target;
    private final RtspAuthenticator authenticator;
    private final Duration responseTimeout;
    private final Duration noDataTimeout;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /**
     * Set as soon as we end the session ({@link #ending}, {@link #close}), before the TEARDOWN or the close task
     * runs: a server that closes the connection first then is no failure.
     */
    private volatile boolean closing;

    private ChannelHandlerContext ctx;
    private Runnable onPeerClose;
    private long nextCseq = 1;
    private SessionHeader session;
    private ScheduledFuture<?> keepAliveTimer;
    private String keepAliveMethod = RtspMethods.GET_PARAMETER.name();
    private volatile long lastRoundTripNanos = -1;

    /**
     * @param target          the source URL without credentials, for messages
     * @param authenticator   answers 401 challenges
     * @param timeouts        the response timeout applies to each request; the no-data timeout is named
     *                        in stall errors
     */
    public RtspSessionHandler(String target, RtspAuthenticator authenticator, RtspTimeouts timeouts) {
        this.target = target;
        this.authenticator = authenticator;
        this.responseTimeout = timeouts.response();
        this.noDataTimeout = timeouts.noData();
    }

    /** One request in flight; re-sent with a new CSeq after a 401. */
    private static final class Pending {
        final RtspRequest request;
        final CompletableFuture<RtspResponse> future;
        int authRetries;
        long cseq = -1;
        long writtenNanos;
        ScheduledFuture<?> timer;

        Pending(RtspRequest request, CompletableFuture<RtspResponse> future) {
            this.request = request;
            this.future = future;
        }
    }

    /**
     * Sends a request. The future completes with a 2xx response, or fails with an
     * {@link RtspException}: the status's kind, {@code AUTH_FAILED} once the retry policy gives up,
     * {@code TIMEOUT}, {@code PROTOCOL}, or {@code UNREACHABLE} when the connection is gone.
     */
    public CompletableFuture<RtspResponse> send(RtspRequest request) {
        CompletableFuture<RtspResponse> future = new CompletableFuture<>();
        Pending p = new Pending(request, future);
        if (ctx == null) {
            future.completeExceptionally(failure(ErrorKind.INTERNAL, request, "handler not in a pipeline"));
        } else if (ctx.executor().inEventLoop()) {
            write(p);
        } else {
            ctx.executor().execute(() -> write(p));
        }
        return future;
    }

    /**
     * Time from writing the last answered request to reading its response, both taken on the event loop, so
     * it is the camera's answer time without the connect or the time a caller's request waited for the loop;
     * -1 before the first response.
     */
    public long lastRoundTripNanos() {
        return lastRoundTripNanos;
    }

    /** The session from the first SETUP response, or {@code null} before it. Event loop only. */
    public SessionHeader session() {
        return session;
    }

    /**
     * Completes normally after {@link #close} and exceptionally with the {@link RtspException} that
     * ended the connection otherwise.
     */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /**
     * Starts sending {@code GET_PARAMETER} (or {@code OPTIONS} when the camera does not implement it)
     * to {@code url} every {@link SessionHeader#keepAliveInterval()}. Call after PLAY succeeded.
     */
    public void startKeepAlive(String url) {
        ctx.executor().execute(() -> {
            if (keepAliveTimer != null || terminated.isDone()) {
                return;
            }
            Duration interval = session == null ? SessionHeader.DEFAULT_TIMEOUT.dividedBy(2)
                    : session.keepAliveInterval();
            keepAliveTimer = ctx.executor().scheduleAtFixedRate(() -> keepAlive(url), interval.toMillis(),
                    interval.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /**
     * Lets the session outlive this connection: when the server closes it, pending requests fail but
     * {@link #terminated()} stays open and {@code onPeerClose} runs instead. For RTP over UDP, where
     * RFC 2326 ties the session to its id, not to the TCP connection, and some servers (VLC) close
     * the connection after PLAY. Event loop only.
     */
    void keepSessionOnPeerClose(Runnable onPeerClose) {
        this.onPeerClose = onPeerClose;
    }

    /** Ends the stream with {@code TIMEOUT}: no media within the no-data timeout. Event loop only. */
    void streamStalled() {
        fail(RtspException.forRequest(ErrorKind.TIMEOUT, "PLAY", -1, target, "no data received within "
                + noDataTimeout.toMillis() + " ms"));
    }

    /** Ends the stream with {@code e}, e.g. a keep-alive refused on another connection. Event loop only. */
    void streamFailed(RtspException e) {
        fail(e);
    }

    /** Whether a camera lacking GET_PARAMETER was seen, so OPTIONS is used instead; for tests. */
    String keepAliveMethod() {
        return keepAliveMethod;
    }

    /**
     * We are ending the session (a TEARDOWN goes out next): from now on the server closing the connection, with
     * or without answering, ends it normally rather than as a failure. Any thread.
     */
    void ending() {
        closing = true;
    }

    /** Ends the connection on purpose: pending requests fail, {@link #terminated()} completes normally. */
    public void close() {
        ending();
        ctx.executor().execute(() -> {
            if (terminated.complete(null)) {
                stopAll(() -> new RtspException(ErrorKind.UNREACHABLE, target + ": connection closed by the client"));
            }
            ctx.close();
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (msg instanceof InterleavedFrame) {
            context.fireChannelRead(msg);
            return;
        }
        try {
            if (msg instanceof FullHttpResponse response) {
                response(response);
            } else if (msg instanceof FullHttpRequest request) {
                serverRequest(request);
            } else {
                LOG.debug("{}: ignoring unexpected {}", target, msg.getClass().getSimpleName());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof IdleStateEvent) {
            streamStalled();
        } else {
            context.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (!terminated.isDone()) {
            Supplier<RtspException> closed = () -> new RtspException(ErrorKind.UNREACHABLE,
                    target + ": connection closed by the server");
            if (closing) { // we are ending it (a server answering TEARDOWN may close first): no failure
                stopAll(closed);
            } else if (onPeerClose != null) {
                LOG.debug("{}: server closed the control connection; the session goes on", target);
                stopAll(closed);
                onPeerClose.run();
            } else {
                fail(closed.get());
            }
        }
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof RtspException e) {
            fail(new RtspException(e.kind(), target + ": " + e.getMessage(), e));
        } else if (cause instanceof IOException) {
            fail(new RtspException(ErrorKind.UNREACHABLE, target + ": " + cause.getMessage(), cause));
        } else {
            fail(new RtspException(ErrorKind.PROTOCOL, target + ": " + cause, cause));
        }
    }

    private void write(Pending p) {
        if (terminated.isDone() || !ctx.channel().isActive()) {
            p.future.completeExceptionally(failure(ErrorKind.UNREACHABLE, p.request, "connection already closed"));
            return;
        }
        long cseq = nextCseq++;
        p.cseq = cseq;
        RtspRequest r = p.request;
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, HttpMethod.valueOf(r.method()),
                r.url());
        req.headers().set(CSEQ, cseq);
        req.headers().set("User-Agent", USER_AGENT);
        if (session != null) {
            req.headers().set("Session", session.id());
        }
        String authorization = authenticator.authorization(r.method(), r.url());
        if (authorization != null) {
            req.headers().set("Authorization", authorization);
        }
        r.headers().forEach((k, v) -> req.headers().set(k, v));
        pending.put(cseq, p);
        p.writtenNanos = System.nanoTime();
        p.timer = ctx.executor().schedule(() -> timedOut(p), responseTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(req).addListener(f -> {
            if (!f.isSuccess()) {
                fail(new RtspException(ErrorKind.UNREACHABLE, RtspException.describe(r.method(), cseq, r.url())
                        + ": write failed: " + f.cause().getMessage(), f.cause()));
            }
        });
    }

    private void response(FullHttpResponse response) {
        DecoderResult result = response.decoderResult();
        if (!result.isSuccess()) {
            fail(RtspException.protocol(target + ": malformed RTSP response: " + result.cause().getMessage()));
            return;
        }
        Pending p = matching(response);
        if (p == null) {
            return;
        }
        p.timer.cancel(false);
        lastRoundTripNanos = System.nanoTime() - p.writtenNanos;
        RtspResponse copy = RtspResponse.of(response);
        int status = copy.statusCode();
        if (status == HttpResponseStatus.UNAUTHORIZED.code()) {
            boolean retry;
            try {
                retry = authenticator.unauthorized(copy.headers("WWW-Authenticate"), p.authRetries);
            } catch (RtspException e) {
                p.future.completeExceptionally(failure(ErrorKind.PROTOCOL, p, e.getMessage()));
                return;
            }
            if (retry) {
                p.authRetries++;
                write(p);
            } else {
                p.future.completeExceptionally(failure(ErrorKind.AUTH_FAILED, p, copy.statusLine()));
            }
            return;
        }
        if (status < 200 || status > 299) {
            p.future.completeExceptionally(failure(RtspException.kindForStatus(status), p, copy.statusLine()));
            return;
        }
        if (session == null && copy.header("Session") != null) {
            try {
                session = SessionHeader.parse(copy.header("Session"));
            } catch (RtspException e) {
                p.future.completeExceptionally(failure(ErrorKind.PROTOCOL, p, e.getMessage()));
                return;
            }
        }
        p.future.complete(copy);
    }

    /** The pending request a response answers, or {@code null} for a late or unknown one. */
    private Pending matching(FullHttpResponse response) {
        String cseqValue = response.headers().get(CSEQ);
        if (cseqValue == null) {
            // Lenient: a missing CSeq is unambiguous with one request in flight.
            if (pending.size() == 1) {
                return pending.remove(pending.keySet().iterator().next());
            }
            fail(RtspException.protocol(target + ": response without CSeq: " + response.status()));
            return null;
        }
        long cseq;
        try {
            cseq = Long.parseLong(cseqValue.trim());
        } catch (NumberFormatException e) {
            fail(RtspException.protocol(target + ": malformed CSeq '" + cseqValue + "' in " + response.status()));
            return null;
        }
        Pending p = pending.remove(cseq);
        if (p == null) {
            LOG.debug("{}: ignoring response for unknown CSeq {}", target, cseq);
        }
        return p;
    }

    /** Answers requests some servers send to the client, e.g. GET_PARAMETER as their keep-alive. */
    private void serverRequest(FullHttpRequest request) {
        HttpMethod m = request.method();
        HttpResponseStatus status = m.equals(RtspMethods.OPTIONS) || m.equals(RtspMethods.GET_PARAMETER)
                ? RtspResponseStatuses.OK : RtspResponseStatuses.NOT_IMPLEMENTED;
        DefaultFullHttpResponse reply = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status);
        String cseq = request.headers().get(CSEQ);
        if (cseq != null) {
            reply.headers().set(CSEQ, cseq.trim());
        }
        ctx.writeAndFlush(reply);
    }

    private void keepAlive(String url) {
        send(RtspRequest.of(keepAliveMethod, url)).whenComplete((r, e) -> {
            if (e instanceof RtspException re && re.kind() == ErrorKind.UNSUPPORTED
                    && keepAliveMethod.equals(RtspMethods.GET_PARAMETER.name())) {
                LOG.debug("{}: GET_PARAMETER refused, keeping alive with OPTIONS", target);
                keepAliveMethod = RtspMethods.OPTIONS.name();
            } else if (e instanceof RtspException re) {
                fail(re);
            }
        });
    }

    private void timedOut(Pending p) {
        if (pending.remove(p.cseq) != null) {
            RtspException e = failure(ErrorKind.TIMEOUT, p, "no response within " + responseTimeout.toMillis() + " ms");
            p.future.completeExceptionally(e);
            fail(e);
        }
    }

    private void fail(RtspException e) {
        if (terminated.completeExceptionally(e)) {
            LOG.debug("{}: connection failed: {}", target, e.getMessage());
            stopAll(() -> e);
            ctx.close();
        }
    }

    /** Stops the keep-alive and fails the pending requests; the failure is made only when one is pending. */
    private void stopAll(Supplier<RtspException> failure) {
        if (keepAliveTimer != null) {
            keepAliveTimer.cancel(false);
        }
        if (pending.isEmpty()) {
            return;
        }
        RtspException e = failure.get();
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : all) {
            p.timer.cancel(false);
            p.future.completeExceptionally(e);
        }
    }

    private RtspException failure(ErrorKind kind, Pending p, String detail) {
        return RtspException.forRequest(kind, p.request.method(), p.cseq, p.request.url(), detail);
    }

    private RtspException failure(ErrorKind kind, RtspRequest r, String detail) {
        return RtspException.forRequest(kind, r.method(), -1, r.url(), detail);
    }
}
