package org.skynet.vms.core.server;

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
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Turns a {@code GET} with {@code Upgrade: websocket} on one API path into a server-push WebSocket
 * connection, admitting the caller first: {@link #admit} runs on the given executor (it reads the
 * database) and a refusal is answered as a plain HTTP error, never a socket that hangs. Anything else on
 * the path gets 400; other paths pass on untouched. After the handshake a {@link PushFrameHandler} serves
 * the frames for the {@link PushSession} that {@link #open} returns. Sits in the HTTP pipeline before the
 * API dispatcher.
 *
 * @param <A> what admission yields, e.g. the caller
 */
@ChannelHandler.Sharable
public abstract class WebSocketUpgradeHandler<A> extends ChannelInboundHandlerAdapter {
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final int PING_SECONDS = 30;

    private final String name;
    private final Executor executor;

    /**
     * @param name     the frame handler's name in the pipeline (its idle pinger is {@code name + "Ping"})
     * @param executor where {@link #admit} runs, e.g. the API workers
     */
    protected WebSocketUpgradeHandler(String name, Executor executor) {
        this.name = name;
        this.executor = executor;
    }

    /** The path parameters when this handler serves {@code path}, {@code null} otherwise. */
    protected abstract Map<String, String> pathParameters(String path);

    /** Authenticates and checks the request on the executor; throws (e.g. {@link HttpError}) to refuse it. */
    protected abstract A admit(ApiRequest request);

    /** Starts the connection of an admitted caller, on the event loop, just before the handshake. */
    protected abstract PushSession open(ChannelHandlerContext ctx, A admitted);

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        String path = msg instanceof FullHttpRequest r ? new QueryStringDecoder(r.uri()).path() : null;
        Map<String, String> params = path == null ? null : pathParameters(path);
        if (params == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpRequest req = (FullHttpRequest) msg;
        ResponseWriter.RequestLine line = new ResponseWriter.RequestLine(remote(ctx), req.method().name(), req.uri(),
                System.nanoTime());
        if (!req.method().equals(HttpMethod.GET)
                || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            req.release();
            ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.BAD_REQUEST, "INVALID_ARGUMENT",
                    path + " is a WebSocket: send GET with Upgrade: websocket", null));
            return;
        }
        ApiRequest api = new ApiRequest(req.method(), path, params, Map.of(), req.headers().copy(), new byte[0],
                (InetSocketAddress) ctx.channel().remoteAddress(), null);
        try {
            executor.execute(() -> {
                A admitted = null;
                ApiResponse refused = null;
                try {
                    admitted = admit(api);
                } catch (RuntimeException e) {
                    refused = ErrorMapper.toResponse(e, line.toString());
                }
                A caller = admitted;
                ApiResponse refusal = refused;
                ctx.executor().execute(() -> upgrade(ctx, req, line, caller, refusal));
            });
        } catch (RejectedExecutionException e) {
            req.release();
            ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "UNAVAILABLE", "the server is shutting down or overloaded; try again", null));
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, ResponseWriter.RequestLine line, A admitted,
            ApiResponse refused) {
        try {
            if (refused != null) {
                ResponseWriter.write(ctx, line, false, refused);
                return;
            }
            String scheme = ctx.pipeline().get(SslHandler.class) != null ? "wss" : "ws";
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                    scheme + "://" + req.headers().get(HttpHeaderNames.HOST) + line.uri(), null, false, MAX_FRAME_BYTES)
                    .newHandshaker(req);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            PushSession session = open(ctx, admitted);
            ctx.pipeline().addAfter(ctx.name(), name + "Ping",
                    new IdleStateHandler(0, PING_SECONDS, 0, TimeUnit.SECONDS));
            ctx.pipeline().addAfter(name + "Ping", name, new PushFrameHandler(handshaker, session));
            handshaker.handshake(ctx.channel(), req).addListener(f -> {
                if (f.isSuccess()) {
                    ResponseWriter.logAccess(line, 101, 0);
                    session.upgraded();
                } else {
                    session.upgradeFailed();
                    ctx.close();
                }
            });
        } finally {
            req.release();
        }
    }

    /** The client's address as written to access and audit logs. */
    protected static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }
}
