package org.skynet.vms.adapters.sim.rtsp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import org.skynet.vms.adapters.rtsp.TransportHeader;
import org.skynet.vms.adapters.rtsp.server.RtspAnswers;
import org.skynet.vms.adapters.rtsp.server.RtspConnectionHandler;
import org.skynet.vms.adapters.rtsp.server.SdpWriter;
import org.skynet.vms.adapters.sim.CameraChannels;
import org.skynet.vms.adapters.sim.FaultKind;
import org.skynet.vms.adapters.sim.RtspAuthScheme;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP server logic of one connection to a simulated camera: OPTIONS, DESCRIBE, SETUP (TCP
 * interleaved or UDP unicast; anything else gets 461), PLAY, PAUSE, GET_PARAMETER, TEARDOWN. Every
 * method but OPTIONS needs credentials. One {@link ReplaySession} per connection. Interleaved frames
 * from the client (RTCP receiver reports) are released unread. Event loop only; one instance per
 * connection.
 *
 * <p>Answers use the header spelling of RFC 2326 ({@code CSeq}, {@code RTP-Info}): Netty's constants
 * are lower case, which the RFC allows but some clients match case-sensitively.
 */
final class RtspReplayHandler extends RtspConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RtspReplayHandler.class);
    static final int SESSION_TIMEOUT_SECONDS = 60;
    private static final String PUBLIC_METHODS = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, GET_PARAMETER, TEARDOWN";

    private final ClipLibrary clips;
    private final Clock clock;
    private final RtspAuthVerifier auth;
    private ReplaySession session;

    RtspReplayHandler(ClipLibrary clips, Clock clock, RtspAuthScheme scheme) {
        this.clips = clips;
        this.clock = clock;
        this.auth = new RtspAuthVerifier(scheme);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (session != null) {
            session.close();
            session = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void request(ChannelHandlerContext ctx, FullHttpRequest request) {
        SimulatedCamera camera = CameraChannels.cameraOf(ctx.channel());
        if (camera.is(FaultKind.DOWN)) {
            ctx.close();
            return;
        }
        if (!request.decoderResult().isSuccess()) {
            reply(ctx, camera, cseq(request), RtspAnswers.empty(HttpResponseStatus.BAD_REQUEST),
                    ChannelFutureListener.CLOSE);
            return;
        }
        HttpMethod method = request.method();
        if (method.equals(RtspMethods.OPTIONS)) {
            camera.optionsAnswered();
            FullHttpResponse ok = RtspAnswers.empty(HttpResponseStatus.OK);
            ok.headers().set("Public", PUBLIC_METHODS);
            reply(ctx, camera, cseq(request), ok, null);
            return;
        }
        if (!auth.verify(request.headers().get(RtspHeaderNames.AUTHORIZATION), method.name(), camera.username(),
                camera.devicePassword())) {
            FullHttpResponse unauthorized = RtspAnswers.empty(RtspResponseStatuses.UNAUTHORIZED);
            unauthorized.headers().set("WWW-Authenticate", auth.challenge());
            reply(ctx, camera, cseq(request), unauthorized, null);
            return;
        }
        RtspTarget target = RtspTarget.parse(request.uri());
        if (method.equals(RtspMethods.DESCRIBE)) {
            camera.describeReceived();
            describe(ctx, camera, request, target);
        } else if (method.equals(RtspMethods.SETUP)) {
            setup(ctx, camera, request, target);
        } else if (method.equals(RtspMethods.PLAY)) {
            play(ctx, camera, request, target);
        } else if (method.equals(RtspMethods.PAUSE) || method.equals(RtspMethods.GET_PARAMETER)
                || method.equals(RtspMethods.TEARDOWN)) {
            sessionControl(ctx, camera, request);
        } else {
            reply(ctx, camera, cseq(request), RtspAnswers.empty(RtspResponseStatuses.METHOD_NOT_ALLOWED), null);
        }
    }

    private void describe(ChannelHandlerContext ctx, SimulatedCamera camera, FullHttpRequest request,
            RtspTarget target) {
        if (target == null || target.track() != null) {
            reply(ctx, camera, cseq(request), RtspAnswers.empty(RtspResponseStatuses.NOT_FOUND), null);
            return;
        }
        RtpClip clip = clips.clip(camera, target.profile());
        String sdp = SdpWriter.describe(clip.codec(), clip.fmtp(), clip.frameRate(), clip.width(), clip.height(),
                camera.host(), camera.id(), ThreadLocalRandom.current().nextInt(1 << 30), "Skynet SIM");
        reply(ctx, camera, cseq(request), RtspAnswers.describe(sdp, camera.rtspUrl(target.profile()) + "/"), null);
    }

    private void setup(ChannelHandlerContext ctx, SimulatedCamera camera, FullHttpRequest request,
            RtspTarget target) {
        String cseq = cseq(request);
        if (target == null) {
            reply(ctx, camera, cseq, RtspAnswers.empty(RtspResponseStatuses.NOT_FOUND), null);
            return;
        }
        String requestedSession = request.headers().get(RtspHeaderNames.SESSION);
        if (session != null) {
            // one track, one session per connection: a repeated SETUP of it is answered again
            boolean same = requestedSession != null && sessionMatches(requestedSession);
            reply(ctx, camera, cseq, same ? setupAnswer()
                    : RtspAnswers.empty(RtspResponseStatuses.NOT_ENOUGH_BANDWIDTH), null);
            return;
        }
        TransportHeader transport = RtspAnswers.transport(request.headers().get(RtspHeaderNames.TRANSPORT));
        RtpClip clip = clips.clip(camera, target.profile());
        if (transport != null && transport.lowerTransport() == TransportHeader.LowerTransport.TCP) {
            TransportHeader.PortPair channels = transport.interleaved() == null
                    ? new TransportHeader.PortPair(0, 1) : transport.interleaved();
            if (channels.rtp() < 255) {
                start(ctx, camera, cseq, new InterleavedRtpSink(ctx.pipeline().context(RtspReplayInitializer.FRAMER),
                        channels.rtp()), clip);
                return;
            }
        } else if (transport != null && transport.clientPort() != null) {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            TransportHeader.PortPair ports = transport.clientPort();
            UdpRtpSink.open(ctx.channel().eventLoop(), camera.host(),
                    new InetSocketAddress(remote.getAddress(), ports.rtp()), ports.rtcp())
                    .whenComplete((sink, e) -> {
                        if (e != null) {
                            LOG.debug("cannot bind UDP for {}: {}", camera.id(), e.toString());
                            reply(ctx, camera, cseq, RtspAnswers.empty(HttpResponseStatus.INTERNAL_SERVER_ERROR), null);
                        } else if (!ctx.channel().isActive() || session != null) {
                            sink.close();
                        } else {
                            start(ctx, camera, cseq, sink, clip);
                        }
                    });
            return;
        }
        reply(ctx, camera, cseq, RtspAnswers.empty(RtspResponseStatuses.UNSUPPORTED_TRANSPORT), null);
    }

    private void start(ChannelHandlerContext ctx, SimulatedCamera camera, String cseq, RtpSink sink, RtpClip clip) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        session = new ReplaySession(id, ctx.channel(), sink, camera, clip);
        reply(ctx, camera, cseq, setupAnswer(), null);
    }

    private FullHttpResponse setupAnswer() {
        FullHttpResponse ok = RtspAnswers.empty(HttpResponseStatus.OK);
        ok.headers().set("Transport", session.sink().transportHeader(session.ssrc()));
        ok.headers().set("Session", session.id() + ";timeout=" + SESSION_TIMEOUT_SECONDS);
        return ok;
    }

    private void play(ChannelHandlerContext ctx, SimulatedCamera camera, FullHttpRequest request,
            RtspTarget target) {
        if (!hasSession(request)) {
            reply(ctx, camera, cseq(request), RtspAnswers.empty(RtspResponseStatuses.SESSION_NOT_FOUND), null);
            return;
        }
        ReplaySession s = session;
        FullHttpResponse ok = RtspAnswers.empty(HttpResponseStatus.OK);
        ok.headers().set("Session", s.id());
        ok.headers().set("Range", "npt=0.000-");
        String base = target == null ? camera.rtspMainUrl() : camera.rtspUrl(target.profile());
        ok.headers().set("RTP-Info", "url=" + base + "/" + SdpWriter.TRACK + ";seq=" + s.nextSeq()
                + ";rtptime=" + s.nextTimestamp());
        reply(ctx, camera, cseq(request), ok, f -> {
            if (f.isSuccess() && session == s) {
                s.play(clock.instant());
            }
        });
    }

    private void sessionControl(ChannelHandlerContext ctx, SimulatedCamera camera, FullHttpRequest request) {
        HttpMethod method = request.method();
        boolean keepAliveWithoutSession = method.equals(RtspMethods.GET_PARAMETER)
                && !request.headers().contains(RtspHeaderNames.SESSION);
        if (!keepAliveWithoutSession && !hasSession(request)) {
            reply(ctx, camera, cseq(request), RtspAnswers.empty(RtspResponseStatuses.SESSION_NOT_FOUND), null);
            return;
        }
        FullHttpResponse ok = RtspAnswers.empty(HttpResponseStatus.OK);
        if (session != null) {
            ok.headers().set("Session", session.id());
        }
        if (method.equals(RtspMethods.PAUSE)) {
            session.pause();
        } else if (method.equals(RtspMethods.TEARDOWN)) {
            session.close();
            session = null;
        }
        reply(ctx, camera, cseq(request), ok, null);
    }

    private boolean hasSession(FullHttpRequest request) {
        String header = request.headers().get(RtspHeaderNames.SESSION);
        return session != null && header != null && sessionMatches(header);
    }

    private boolean sessionMatches(String header) {
        return RtspAnswers.sessionMatches(header, session.id());
    }

    private static String cseq(FullHttpRequest request) {
        return request.headers().get(RtspHeaderNames.CSEQ);
    }

    private static void reply(ChannelHandlerContext ctx, SimulatedCamera camera, String cseq,
            FullHttpResponse response, ChannelFutureListener afterWrite) {
        CameraChannels.answer(ctx, camera, RtspAnswers.stamped(response, cseq, "Skynet SIM"), afterWrite);
    }
}
