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
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.skynet.vms.adapters.sim.CameraChannels;
import org.skynet.vms.adapters.sim.FaultKind;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.StreamProfile;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one aggregated HTTP request on a simulated camera's ONVIF port: SOAP operations by the
 * local name of the Body's first element, and {@code GET /onvif/snapshot/{main|sub}.jpg}.
 * Operations other than the pre-authentication ones (GetSystemDateAndTime, GetCapabilities,
 * GetServices) need a valid UsernameToken, else a {@code ter:NotAuthorized} fault with HTTP 400
 * (SOAP 1.2 HTTP binding: sender faults are 400). Shared by all connections of a server.
 */
@ChannelHandler.Sharable
final class OnvifSimHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifSimHandler.class);
    private static final Set<String> PRE_AUTH = Set.of("GetSystemDateAndTime", "GetCapabilities", "GetServices");
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml; charset=utf-8";

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
        FullHttpResponse response;
        if (request.method().equals(HttpMethod.GET) && path.startsWith(OnvifPaths.SNAPSHOT_PREFIX)) {
            response = snapshot(path);
        } else if (request.method().equals(HttpMethod.POST) && path.startsWith("/onvif/")) {
            response = soap(camera, path, ByteBufUtil.getBytes(request.content()));
        } else {
            response = plain(HttpResponseStatus.NOT_FOUND);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        CameraChannels.answer(ctx, camera, response, keepAlive ? null : ChannelFutureListener.CLOSE);
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

    private FullHttpResponse soap(SimulatedCamera camera, String path, byte[] body) {
        Instant now = clock.instant();
        SoapRequest request;
        try {
            request = parser.parse(body);
        } catch (RuntimeException e) {
            return fault("env:Sender", "ter:WellFormed", "malformed SOAP request");
        }
        String op = request.operation();
        if (!PRE_AUTH.contains(op) && !UsernameTokenVerifier.verify(request.usernameToken(), camera.username(),
                camera.devicePassword(), camera.deviceTime(now))) {
            return fault("env:Sender", "ter:NotAuthorized", "Sender not Authorized");
        }
        try {
            String answer = operation(camera, path, request, now);
            return answer == null
                    ? fault("env:Receiver", "ter:ActionNotSupported", "operation " + op + " is not supported")
                    : soapResponse(HttpResponseStatus.OK, answers.envelope(answer));
        } catch (VmsException e) {
            return fault("env:Sender", "ter:InvalidArgVal", e.getMessage());
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
            case "CreatePullPointSubscription" -> {
                PullPointSubscriptions.Subscription s = subscriptions.create(camera, now);
                yield answers.createPullPointSubscription(camera, s.id, now, s.terminationTime);
            }
            case "PullMessages" -> {
                long id = subscriptionId(path);
                int events = subscriptions.pull(id, camera, request.messageLimit(), now);
                yield answers.pullMessages(events, now, subscriptions.terminationTime(id, camera, now));
            }
            case "Renew" -> answers.renew(now, subscriptions.renew(subscriptionId(path), camera, now));
            case "Unsubscribe" -> {
                subscriptions.unsubscribe(subscriptionId(path), camera, now);
                yield answers.unsubscribe();
            }
            default -> null;
        };
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
