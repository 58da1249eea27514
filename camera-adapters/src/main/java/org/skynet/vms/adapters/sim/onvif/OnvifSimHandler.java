package org.skynet.vms.adapters.sim.onvif;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.skynet.vms.adapters.sim.CameraChannels;
import org.skynet.vms.adapters.sim.FaultKind;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.StreamProfile;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one aggregated HTTP request on a simulated camera's ONVIF port: SOAP operations by the
 * local name of the Body's first element, and {@code GET /onvif/snapshot/{main|sub}.jpg}. A
 * PullMessages without waiting events is held ({@link LongPoll}) and answered later on the same event loop.
 * Operations other than the pre-authentication ones (GetSystemDateAndTime, GetCapabilities,
 * GetServices) need a valid UsernameToken, else a {@code ter:NotAuthorized} fault with HTTP 400
 * (SOAP 1.2 HTTP binding: sender faults are 400). Shared by all connections of a server.
 */
@ChannelHandler.Sharable
final class OnvifSimHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifSimHandler.class);
    private static final Set<String> PRE_AUTH = Set.of("GetSystemDateAndTime", "GetCapabilities", "GetServices");
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml; charset=utf-8";
    /** Longest a PullMessages is held; ONVIF devices commonly cap the Timeout near a minute. */
    static final Duration MAX_PULL_TIMEOUT = Duration.ofSeconds(60);

    private final OnvifAnswers answers;
    private final SoapRequestParser parser = new SoapRequestParser();
    private final PullPointSubscriptions subscriptions = new PullPointSubscriptions();
    private final Map<StreamProfile, byte[]> snapshots;
    private final Clock clock;

    OnvifSimHandler(OnvifAnswers answers, Map<StreamProfile, byte[]> snapshots, Clock clock) {
        this.answers = answers;
        this.snapshots = snapshots;
        this.clock = clock;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        SimulatedCamera camera = CameraChannels.cameraOf(ctx.channel());
        if (camera.is(FaultKind.DOWN)) {
            ctx.close();
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Consumer<FullHttpResponse> reply = response -> {
            HttpUtil.setKeepAlive(response, keepAlive);
            HttpUtil.setContentLength(response, response.content().readableBytes());
            CameraChannels.answer(ctx, camera, response, keepAlive ? null : ChannelFutureListener.CLOSE);
        };
        if (request.method().equals(HttpMethod.GET) && path.startsWith(OnvifPaths.SNAPSHOT_PREFIX)) {
            reply.accept(snapshot(path));
        } else if (request.method().equals(HttpMethod.POST) && path.startsWith("/onvif/")) {
            soap(ctx, camera, path, ByteBufUtil.getBytes(request.content()), reply);
        } else {
            reply.accept(plain(HttpResponseStatus.NOT_FOUND));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing ONVIF connection {}: {}", ctx.channel(), cause.toString());
        ctx.close();
    }

    private FullHttpResponse snapshot(String path) {
        String token = path.substring(OnvifPaths.SNAPSHOT_PREFIX.length()).replace(".jpg", "");
        StreamProfile profile = StreamProfile.fromToken(token);
        if (profile == null) {
            return plain(HttpResponseStatus.NOT_FOUND);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(snapshots.get(profile)));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "image/jpeg");
        return response;
    }

    /** Answers a SOAP request through {@code reply}, at once or, for a waiting PullMessages, later. */
    private void soap(ChannelHandlerContext ctx, SimulatedCamera camera, String path, byte[] body,
            Consumer<FullHttpResponse> reply) {
        Instant now = clock.instant();
        SoapRequest request;
        try {
            request = parser.parse(body);
        } catch (RuntimeException e) {
            reply.accept(fault("env:Sender", "ter:WellFormed", "malformed SOAP request"));
            return;
        }
        String op = request.operation();
        if (!PRE_AUTH.contains(op) && !UsernameTokenVerifier.verify(request.usernameToken(), camera.username(),
                camera.devicePassword(), camera.deviceTime(now))) {
            reply.accept(fault("env:Sender", "ter:NotAuthorized", "Sender not Authorized"));
            return;
        }
        try {
            if (op.equals("PullMessages")) {
                pullMessages(ctx, camera, subscriptionId(path), request, now, reply);
                return;
            }
            String answer = operation(camera, path, request, now);
            reply.accept(answer == null
                    ? fault("env:Receiver", "ter:ActionNotSupported", "operation " + op + " is not supported")
                    : soapResponse(HttpResponseStatus.OK, answers.envelope(answer)));
        } catch (VmsException e) {
            reply.accept(invalid(e));
        }
    }

    /**
     * PullMessages: answers at once when events are waiting, else holds the request until the camera fires
     * one or the request's Timeout (at most {@link #MAX_PULL_TIMEOUT}) passes, then answers with what there is.
     */
    private void pullMessages(ChannelHandlerContext ctx, SimulatedCamera camera, long id, SoapRequest request,
            Instant now, Consumer<FullHttpResponse> reply) {
        Duration timeout = request.timeout() == null ? Duration.ZERO : SimDurations.relative(request.timeout(), now,
                "Timeout");
        if (timeout.compareTo(MAX_PULL_TIMEOUT) > 0) {
            timeout = MAX_PULL_TIMEOUT;
        }
        long from = subscriptions.nextEvent(id, camera, now);
        Runnable answer = () -> {
            Instant at = clock.instant();
            try {
                List<SimEvent> events = subscriptions.take(id, camera, request.messageLimit(), at);
                reply.accept(soapResponse(HttpResponseStatus.OK, answers.envelope(answers.pullMessages(events,
                        camera.deviceTime(at), camera.deviceTime(subscriptions.terminationTime(id, camera, at)), camera))));
            } catch (VmsException e) {
                reply.accept(invalid(e));
            }
        };
        if (timeout.isZero() || timeout.isNegative()) {
            answer.run();
        } else {
            LongPoll.hold(ctx, camera.events(), from, timeout, answer);
        }
    }

    /** The body of the answer to an authorised request, or {@code null} for an unknown operation. */
    private String operation(SimulatedCamera camera, String path, SoapRequest request, Instant now) {
        return switch (request.operation()) {
            case "GetSystemDateAndTime" -> answers.getSystemDateAndTime(camera.deviceTime(now));
            case "GetDeviceInformation" -> answers.getDeviceInformation(camera);
            case "GetCapabilities" -> answers.getCapabilities(camera);
            case "GetServices" -> answers.getServices(camera);
            case "GetProfiles" -> answers.getProfiles(camera);
            case "GetStreamUri" -> answers.getStreamUri(camera, profile(request));
            case "GetSnapshotUri" -> answers.getSnapshotUri(camera, profile(request));
            case "GetEventProperties" -> answers.getEventProperties();
            case "CreatePullPointSubscription" -> {
                PullPointSubscriptions.Subscription s = subscriptions.create(camera, now,
                        lifetime(request, now, "InitialTerminationTime"));
                yield answers.createPullPointSubscription(camera, s.id, camera.deviceTime(now),
                        camera.deviceTime(s.terminationTime));
            }
            case "Renew" -> answers.renew(camera.deviceTime(now), camera.deviceTime(subscriptions.renew(
                    subscriptionId(path), camera, now, lifetime(request, now, "TerminationTime"))));
            case "Unsubscribe" -> {
                subscriptions.unsubscribe(subscriptionId(path), camera, now);
                yield answers.unsubscribe();
            }
            default -> null;
        };
    }

    private static Duration lifetime(SoapRequest request, Instant now, String field) {
        return request.terminationTime() == null ? null : SimDurations.relative(request.terminationTime(), now, field);
    }

    private FullHttpResponse invalid(VmsException e) {
        return fault("env:Sender", "ter:InvalidArgVal", e.getMessage());
    }

    private static StreamProfile profile(SoapRequest request) {
        StreamProfile p = request.profileToken() == null ? null : StreamProfile.fromToken(request.profileToken());
        if (p == null) {
            throw VmsException.invalid("ProfileToken", "no such profile: " + request.profileToken());
        }
        return p;
    }

    private static long subscriptionId(String path) {
        if (!path.startsWith(OnvifPaths.SUBSCRIPTION_PREFIX)) {
            throw VmsException.invalid("address", "not a subscription address: " + path);
        }
        try {
            return Long.parseLong(path.substring(OnvifPaths.SUBSCRIPTION_PREFIX.length()));
        } catch (NumberFormatException e) {
            throw VmsException.invalid("address", "not a subscription address: " + path);
        }
    }

    private FullHttpResponse fault(String code, String subcode, String reason) {
        return soapResponse(HttpResponseStatus.BAD_REQUEST, answers.envelope(answers.fault(code, subcode, reason)));
    }

    private static FullHttpResponse soapResponse(HttpResponseStatus status, String xml) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(xml, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, SOAP_CONTENT_TYPE);
        return response;
    }

    private static FullHttpResponse plain(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
        return response;
    }
}
