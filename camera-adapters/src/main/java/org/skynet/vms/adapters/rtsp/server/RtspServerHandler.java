package org.skynet.vms.adapters.rtsp.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtsp.TransportHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The re-stream server's logic for one connection: OPTIONS (no credentials), then DESCRIBE, SETUP (RTP
 * over TCP interleaved only; anything else gets 461), PLAY, GET_PARAMETER (keep-alive) and TEARDOWN,
 * each with Digest credentials checked against {@link StreamAccess#ha1}. The path is
 * {@code /cameras/{id}} (with {@code /trackID=0} for SETUP). One camera and one session per connection.
 *
 * <p>Requests that need the database (credentials, admission) run on {@code blocking}; until the answer
 * is written, reading stops and pipelined requests wait in a short queue, so answers keep the requests'
 * order and per-connection state has one writer. Event loop only otherwise.
 */
final class RtspServerHandler extends RtspConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RtspServerHandler.class);
    static final int SESSION_TIMEOUT_SECONDS = 60;
    static final String PUBLIC_METHODS = "OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN";
    private static final Pattern PATH = Pattern.compile("/cameras/([A-Za-z0-9._-]{1,64})(/" + SdpWriter.TRACK + ")?/?");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Pipelined requests held while one is answered; more close the connection. */
    static final int MAX_QUEUED_REQUESTS = 8;

    private final StreamAccess access;
    private final Executor blocking;
    private final Duration parametersTimeout;
    private final String nonce;
    private String cameraId;
    private LiveStream stream;
    /** Requests that arrived while one was being answered (pipelined); answered in order. */
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private boolean busy;
    private VideoParameters parameters;
    private RestreamSession session;
    private boolean playing;

    /**
     * @param blocking          runs {@link StreamAccess} calls (database) off the event loop
     * @param parametersTimeout how long DESCRIBE waits for an on-demand stream's parameter sets before 503
     */
    RtspServerHandler(StreamAccess access, Executor blocking, Duration parametersTimeout) {
        this.access = access;
        this.blocking = blocking;
        this.parametersTimeout = parametersTimeout;
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        this.nonce = HexFormat.of().formatHex(bytes);
    }

    @Override
    protected void request(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!busy) {
            handle(ctx, request);
        } else if (queued.size() < MAX_QUEUED_REQUESTS) {
            queued.add(request.retain());
        } else {
            LOG.debug("closing RTSP client {}: more than {} requests pipelined", ctx.channel(), MAX_QUEUED_REQUESTS);
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
        release();
        super.channelInactive(ctx);
    }

    private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        String cseq = request.headers().get(RtspHeaderNames.CSEQ);
        if (!request.decoderResult().isSuccess()) {
            reply(ctx, cseq, RtspAnswers.empty(HttpResponseStatus.BAD_REQUEST), ChannelFutureListener.CLOSE);
            return;
        }
        HttpMethod method = request.method();
        if (method.equals(RtspMethods.OPTIONS)) {
            FullHttpResponse ok = RtspAnswers.empty(HttpResponseStatus.OK);
            ok.headers().set("Public", PUBLIC_METHODS);
            reply(ctx, cseq, ok, null);
            return;
        }
        Map<String, String> credentials = DigestAuth.credentials(request.headers().get(RtspHeaderNames.AUTHORIZATION));
        String username = credentials.get("username");
        Matcher path = PATH.matcher(path(request.uri()));
        String id = path.matches() ? path.group(1) : null;
        Request r = new Request(method, cseq, request.uri(), request.headers().get(RtspHeaderNames.SESSION),
                request.headers().get(RtspHeaderNames.TRANSPORT));
        String remote = remoteAddress(ctx);
        boolean admit = stream == null && id != null;
        busy = true;
        ctx.channel().config().setAutoRead(false);
        CompletableFuture.supplyAsync(() -> {
            boolean authentic = username != null && access.ha1(username)
                    .map(ha1 -> DigestAuth.verify(credentials, method.name(), nonce, ha1)).orElse(false);
            if (!authentic) {
                return null;
            }
            return admit ? access.admit(username, id, remote) : StreamAccess.Admission.granted(null);
        }, blocking).whenCompleteAsync((admission, error) -> guarded(ctx, () -> {
            if (error != null) {
                LOG.warn("RTSP {} from {} failed: {}", method, remote, error.toString());
                reply(ctx, cseq, RtspAnswers.empty(HttpResponseStatus.INTERNAL_SERVER_ERROR), null);
            } else if (admission == null) {
                FullHttpResponse unauthorized = RtspAnswers.empty(RtspResponseStatuses.UNAUTHORIZED);
                unauthorized.headers().set("WWW-Authenticate", DigestAuth.challenge(access.realm(), nonce));
                reply(ctx, cseq, unauthorized, null);
            } else if (admission.outcome() != StreamAccess.Outcome.GRANTED) {
                reply(ctx, cseq, RtspAnswers.empty(HttpResponseStatus.valueOf(admission.outcome().status())), null);
            } else {
                if (admission.stream() != null) {
                    if (!ctx.channel().isActive()) {
                        admission.stream().close();
                        done(ctx);
                        return;
                    }
                    stream = admission.stream();
                    cameraId = id;
                }
                authenticated(ctx, r, id);
                return;
            }
            done(ctx);
        }), ctx.executor());
    }

    private record Request(HttpMethod method, String cseq, String uri, String session, String transport) {
    }

    /** Answers an authenticated, admitted request; ends with {@link #done} (DESCRIBE once its answer is out). */
    private void authenticated(ChannelHandlerContext ctx, Request r, String id) {
        HttpMethod method = r.method();
        if (method.equals(RtspMethods.DESCRIBE) && id != null && id.equals(cameraId)) {
            describe(ctx, r);
            return;
        }
        boolean sameCamera = id != null && id.equals(cameraId);
        if (method.equals(RtspMethods.GET_PARAMETER)) {
            reply(ctx, r.cseq(), withSession(RtspAnswers.empty(HttpResponseStatus.OK)), null);
        } else if (method.equals(RtspMethods.TEARDOWN)) {
            reply(ctx, r.cseq(), withSession(RtspAnswers.empty(HttpResponseStatus.OK)), ChannelFutureListener.CLOSE);
            release();
        } else if (!sameCamera && !(method.equals(RtspMethods.PLAY) && session != null)) {
            reply(ctx, r.cseq(), RtspAnswers.empty(RtspResponseStatuses.NOT_FOUND), null);
        } else if (method.equals(RtspMethods.SETUP)) {
            setup(ctx, r);
        } else if (method.equals(RtspMethods.PLAY)) {
            play(ctx, r);
        } else {
            reply(ctx, r.cseq(), RtspAnswers.empty(RtspResponseStatuses.METHOD_NOT_ALLOWED), null);
        }
        done(ctx);
    }

    /** The request in flight is answered: take the next queued one, or read again. */
    private void done(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest next;
        while (!busy && (next = queued.poll()) != null) {
            try {
                handle(ctx, next);
            } finally {
                next.release();
            }
        }
        if (!busy) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void describe(ChannelHandlerContext ctx, Request r) {
        stream.parameters().orTimeout(parametersTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenCompleteAsync((p, error) -> guarded(ctx, () -> {
                    if (error != null) {
                        LOG.info("RTSP DESCRIBE of {}: no stream parameters within {} ms", cameraId,
                                parametersTimeout.toMillis());
                        reply(ctx, r.cseq(), RtspAnswers.empty(HttpResponseStatus.SERVICE_UNAVAILABLE), null);
                        done(ctx);
                        return;
                    }
                    parameters = p;
                    String host = ctx.channel().localAddress() instanceof InetSocketAddress a
                            ? a.getAddress().getHostAddress() : "0.0.0.0";
                    String sdp = SdpWriter.describe(p.codec(), SdpWriter.fmtp(p), p.frameRateFps(), p.width(),
                            p.height(), host, cameraId, RANDOM.nextInt(1 << 30), "Skynet VMS");
                    reply(ctx, r.cseq(), RtspAnswers.describe(sdp, base(r.uri()) + "/"), null);
                    done(ctx);
                }), ctx.executor());
    }

    private void setup(ChannelHandlerContext ctx, Request r) {
        if (parameters == null) {
            reply(ctx, r.cseq(), RtspAnswers.empty(RtspResponseStatuses.METHOD_NOT_VALID), null);
            return;
        }
        if (session != null) {
            boolean same = r.session() != null && sessionMatches(r.session());
            reply(ctx, r.cseq(), same ? setupAnswer()
                    : RtspAnswers.empty(RtspResponseStatuses.AGGREGATE_OPERATION_NOT_ALLOWED), null);
            return;
        }
        TransportHeader transport = RtspAnswers.transport(r.transport());
        if (transport == null || transport.lowerTransport() != TransportHeader.LowerTransport.TCP
                || (transport.interleaved() != null && transport.interleaved().rtp() > 254)) {
            reply(ctx, r.cseq(), RtspAnswers.empty(RtspResponseStatuses.UNSUPPORTED_TRANSPORT), null);
            return;
        }
        int channel = transport.interleaved() == null ? 0 : transport.interleaved().rtp();
        session = new RestreamSession(Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE),
                ctx.pipeline().context(RtspServerInitializer.FRAMER), channel, parameters.codec());
        reply(ctx, r.cseq(), setupAnswer(), null);
    }

    private void play(ChannelHandlerContext ctx, Request r) {
        if (session == null || r.session() == null || !sessionMatches(r.session())) {
            reply(ctx, r.cseq(), RtspAnswers.empty(RtspResponseStatuses.SESSION_NOT_FOUND), null);
            return;
        }
        FullHttpResponse ok = withSession(RtspAnswers.empty(HttpResponseStatus.OK));
        ok.headers().set("Range", "npt=0.000-");
        ok.headers().set("RTP-Info", "url=" + base(r.uri()) + "/" + SdpWriter.TRACK + ";seq="
                + session.nextSequenceNumber());
        RestreamSession s = session;
        reply(ctx, r.cseq(), ok, f -> {
            if (f.isSuccess() && session == s && !playing) {
                playing = true;
                stream.start(s);
            }
        });
    }

    private FullHttpResponse setupAnswer() {
        FullHttpResponse ok = RtspAnswers.empty(HttpResponseStatus.OK);
        ok.headers().set("Transport", session.transportHeader());
        ok.headers().set("Session", session.id() + ";timeout=" + SESSION_TIMEOUT_SECONDS);
        return ok;
    }

    private FullHttpResponse withSession(FullHttpResponse response) {
        if (session != null) {
            response.headers().set("Session", session.id());
        }
        return response;
    }

    private void release() {
        if (session != null) {
            if (session.droppedUnits() > 0) {
                LOG.info("RTSP client of {} fell behind: {} access units dropped to keyframes", cameraId,
                        session.droppedUnits());
            }
            session.close();
            session = null;
        }
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    private boolean sessionMatches(String header) {
        return RtspAnswers.sessionMatches(header, session.id());
    }

    /** The path of a request URI (absolute or not), or {@code ""} when it does not parse. */
    private static String path(String uri) {
        try {
            String path = new URI(uri).getRawPath();
            return path == null ? "" : path;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    /** The request URI without the track suffix and trailing slash: the stream's URL. */
    private static String base(String uri) {
        String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return u.endsWith("/" + SdpWriter.TRACK) ? u.substring(0, u.length() - SdpWriter.TRACK.length() - 1) : u;
    }

    /** Runs a continuation on the event loop; a failure in it closes the connection instead of vanishing. */
    private static void guarded(ChannelHandlerContext ctx, Runnable continuation) {
        try {
            continuation.run();
        } catch (RuntimeException e) {
            ctx.fireExceptionCaught(e);
        }
    }

    private static String remoteAddress(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "";
    }

    private static void reply(ChannelHandlerContext ctx, String cseq, FullHttpResponse response,
            ChannelFutureListener afterWrite) {
        var future = ctx.writeAndFlush(RtspAnswers.stamped(response, cseq, "Skynet VMS"));
        if (afterWrite != null) {
            future.addListener(afterWrite);
        }
    }
}
