package org.skynet.vms.core.events;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.Authenticator;
import org.skynet.vms.core.server.ErrorMapper;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.core.server.ResponseWriter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Principal;

/**
 * Turns {@code GET /api/events} with {@code Upgrade: websocket} into an event connection. The caller is
 * authenticated first, like any API call (session cookie or {@code Authorization: Bearer}), on the given
 * executor because that reads the database; without a valid session the answer is 401 and no upgrade.
 * Other requests pass on untouched. Sits in the HTTP pipeline before the API dispatcher.
 */
@ChannelHandler.Sharable
public final class EventsUpgradeHandler extends ChannelInboundHandlerAdapter {
    /** The path of the event WebSocket. */
    public static final String PATH = "/api/events";
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final int PING_SECONDS = 30;

    private final EventHub hub;
    private final Authenticator authenticator;
    private final Executor executor;

    /** @param executor where the (blocking) authentication runs, e.g. the API workers */
    public EventsUpgradeHandler(EventHub hub, Authenticator authenticator, Executor executor) {
        this.hub = hub;
        this.authenticator = authenticator;
        this.executor = executor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || !PATH.equals(new QueryStringDecoder(req.uri()).path())) {
            ctx.fireChannelRead(msg);
            return;
        }
        ResponseWriter.RequestLine line = new ResponseWriter.RequestLine(remote(ctx), req.method().name(), req.uri(),
                System.nanoTime());
        if (!req.method().equals(HttpMethod.GET)
                || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            req.release();
            ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.BAD_REQUEST, "INVALID_ARGUMENT",
                    PATH + " is a WebSocket: send GET with Upgrade: websocket", null));
            return;
        }
        ApiRequest api = new ApiRequest(req.method(), PATH, Map.of(), Map.of(), req.headers().copy(), new byte[0],
                (InetSocketAddress) ctx.channel().remoteAddress(), null);
        try {
            executor.execute(() -> {
                Optional<Principal> who;
                try {
                    who = authenticator.authenticate(api);
                } catch (RuntimeException e) {
                    who = Optional.empty();
                }
                Optional<Principal> principal = who;
                ctx.executor().execute(() -> upgrade(ctx, req, line, principal));
            });
        } catch (RejectedExecutionException e) {
            req.release();
            ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "UNAVAILABLE", "the server is shutting down or overloaded; try again", null));
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, ResponseWriter.RequestLine line,
                         Optional<Principal> principal) {
        try {
            if (principal.isEmpty()) {
                ResponseWriter.write(ctx, line, false, ErrorMapper.toResponse(HttpError.unauthenticated(), line.toString()));
                return;
            }
            String scheme = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null ? "wss" : "ws";
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                    scheme + "://" + req.headers().get(HttpHeaderNames.HOST) + PATH, null, false, MAX_FRAME_BYTES)
                    .newHandshaker(req);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            EventSession session = hub.open(ctx.channel(), principal.get().username(),
                    DistrictScope.of(principal.get()));
            ctx.pipeline().addAfter(ctx.name(), "eventsPing", new IdleStateHandler(0, PING_SECONDS, 0, TimeUnit.SECONDS));
            ctx.pipeline().addAfter("eventsPing", "events", new EventFrameHandler(hub, session, handshaker));
            handshaker.handshake(ctx.channel(), req).addListener(f -> {
                if (f.isSuccess()) {
                    ResponseWriter.logAccess(line, 101, 0);
                } else {
                    hub.closed(session);
                    ctx.close();
                }
            });
        } finally {
            req.release();
        }
    }

    private static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }
}
