package org.skynet.vms.core.live;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.Authenticator;
import org.skynet.vms.core.server.ErrorMapper;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.core.server.ResponseWriter;
import org.skynet.vms.core.users.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns {@code GET /api/cameras/{id}/live} with {@code Upgrade: websocket} into a live video connection.
 * Before the upgrade, on the given executor (it reads the database): the caller is authenticated (session
 * cookie or {@code Authorization: Bearer}; 401 otherwise) and the camera resolved for that caller
 * ({@link LiveService#camera}; 404 for an unknown camera), so a bad request gets a plain HTTP error, never
 * a socket that hangs. After the upgrade the viewer joins the camera's stream, and its start and end are
 * written to the audit log ({@code live.start}, {@code live.stop} with the time range). Other requests
 * pass on untouched. Sits in the HTTP pipeline before the API dispatcher.
 */
@ChannelHandler.Sharable
public final class LiveUpgradeHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(LiveUpgradeHandler.class);
    private static final Pattern PATH = Pattern.compile("/api/cameras/([^/]+)/live");
    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final int PING_SECONDS = 30;

    private final LiveService live;
    private final Authenticator authenticator;
    private final AuditLog audit;
    private final Clock clock;
    private final Executor executor;

    /** @param executor where authentication, camera lookup and audit run, e.g. the API workers */
    public LiveUpgradeHandler(LiveService live, Authenticator authenticator, AuditLog audit, Clock clock,
            Executor executor) {
        this.live = live;
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Matcher m = msg instanceof FullHttpRequest r ? PATH.matcher(new QueryStringDecoder(r.uri()).path()) : null;
        if (m == null || !m.matches()) {
            ctx.fireChannelRead(msg);
            return;
        }
        FullHttpRequest req = (FullHttpRequest) msg;
        String path = new QueryStringDecoder(req.uri()).path();
        String cameraId = QueryStringDecoder.decodeComponent(m.group(1));
        ResponseWriter.RequestLine line = new ResponseWriter.RequestLine(remote(ctx), req.method().name(), req.uri(),
                System.nanoTime());
        if (!req.method().equals(HttpMethod.GET)
                || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            req.release();
            ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.BAD_REQUEST, "INVALID_ARGUMENT",
                    path + " is a WebSocket: send GET with Upgrade: websocket", null));
            return;
        }
        ApiRequest api = new ApiRequest(req.method(), path, Map.of("id", cameraId), Map.of(), req.headers().copy(),
                new byte[0], (InetSocketAddress) ctx.channel().remoteAddress(), null);
        try {
            executor.execute(() -> {
                AtomicReference<ApiResponse> refused = new AtomicReference<>();
                String user = null;
                try {
                    Principal who = authenticator.authenticate(api).orElseThrow(HttpError::unauthenticated);
                    live.camera(who, cameraId);
                    user = who.username();
                } catch (RuntimeException e) {
                    refused.set(ErrorMapper.toResponse(e, line.toString()));
                }
                String username = user;
                ctx.executor().execute(() -> upgrade(ctx, req, line, cameraId, username, refused.get()));
            });
        } catch (RejectedExecutionException e) {
            req.release();
            ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "UNAVAILABLE", "the server is shutting down or overloaded; try again", null));
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, ResponseWriter.RequestLine line,
            String cameraId, String user, ApiResponse refused) {
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
            Instant start = clock.instant();
            String address = remote(ctx);
            AtomicReference<LiveViewer> viewer = new AtomicReference<>();
            AtomicBoolean closed = new AtomicBoolean();
            Runnable onClose = () -> {
                if (closed.compareAndSet(false, true)) {
                    try {
                        executor.execute(() -> stopped(viewer, cameraId, user, start, address));
                    } catch (RejectedExecutionException e) {
                        LOG.warn("{}: server shutting down; live view of {} since {} not audited", cameraId, user, start);
                    }
                }
            };
            ctx.pipeline().addAfter(ctx.name(), "livePing", new IdleStateHandler(0, PING_SECONDS, 0, TimeUnit.SECONDS));
            ctx.pipeline().addAfter("livePing", "live", new LiveFrameHandler(handshaker, onClose));
            handshaker.handshake(ctx.channel(), req).addListener(f -> {
                if (!f.isSuccess()) {
                    ctx.close();
                    return;
                }
                ResponseWriter.logAccess(line, 101, 0);
                executor.execute(() -> started(ctx, viewer, cameraId, user, address));
            });
        } finally {
            req.release();
        }
    }

    private void started(ChannelHandlerContext ctx, AtomicReference<LiveViewer> viewer, String cameraId, String user,
            String address) {
        try {
            audit.record(user, "live.start", cameraId, null, address);
            synchronized (viewer) {
                if (ctx.channel().isActive()) {
                    viewer.set(live.watch(cameraId, ctx.channel()));
                }
            }
        } catch (RuntimeException e) {
            LOG.info("{}: live view for {} refused: {}", cameraId, user, e.getMessage());
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR,
                    cut(String.valueOf(e.getMessage())))).addListener(f -> ctx.close());
        }
    }

    private void stopped(AtomicReference<LiveViewer> viewer, String cameraId, String user, Instant start,
            String address) {
        long dropped = 0;
        try {
            synchronized (viewer) {
                if (viewer.get() != null) {
                    live.release(viewer.get());
                    dropped = viewer.get().droppedFragments();
                }
            }
        } finally {
            audit.record(user, "live.stop", cameraId, "from=" + start + " to=" + clock.instant()
                    + " fragmentsDropped=" + dropped, address);
        }
    }

    /** Close reasons must fit a control frame (123 bytes). */
    private static String cut(String reason) {
        return reason.length() <= 100 ? reason : reason.substring(0, 100);
    }

    private static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }
}
