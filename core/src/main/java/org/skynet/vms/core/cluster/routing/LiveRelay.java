package org.skynet.vms.core.cluster.routing;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.Promise;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * One viewer's live stream relayed from a recorder node: a WebSocket client to the node's
 * {@code /api/cameras/{id}/live} (with the cluster token), on the viewer's own event loop, whose data frames
 * are written to the viewer as they are. Back-pressure: while the viewer cannot take more, the node's
 * socket is not read, so the node's viewer falls behind and skips to the next keyframe as any slow viewer.
 * When the node ends the stream the viewer is closed with the node's reason (or one naming the node).
 */
final class LiveRelay implements AutoCloseable {
    /** Largest message relayed: a keyframe fragment of a 4K camera fits with room to spare. */
    static final int MAX_FRAME_BYTES = 32 << 20;

    private final Channel upstream;

    private LiveRelay(Channel upstream) {
        this.upstream = upstream;
    }

    /**
     * Connects to {@code node} and waits for its handshake (at most twice {@code timeout}).
     *
     * @throws HttpError 502 {@code NODE_UNREACHABLE} naming the node when it cannot be reached or refuses
     */
    static LiveRelay open(RecorderNode node, String cameraId, Channel viewer, ClusterToken token, Duration timeout) {
        URI uri = URI.create(node.url().replaceFirst("^http", "ws") + "/api/cameras/"
                + URLEncoder.encode(cameraId, StandardCharsets.UTF_8) + "/live");
        Promise<Void> handshake = viewer.eventLoop().newPromise();
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                .customHeaders(new DefaultHttpHeaders().set(HttpHeaderNames.AUTHORIZATION, token.authorization()))
                .maxFramePayloadLength(MAX_FRAME_BYTES).handshakeTimeoutMillis(timeout.toMillis())
                .handleCloseFrames(false).build();
        Bootstrap b = new Bootstrap().group(viewer.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config), new Relay(node, viewer, handshake));
                    }
                });
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        ChannelFuture connect = b.connect(uri.getHost(), port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                handshake.tryFailure(f.cause());
            }
        });
        try {
            handshake.get(2 * timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new LiveRelay(connect.channel());
        } catch (ExecutionException | TimeoutException e) {
            connect.channel().close();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new HttpError(HttpResponseStatus.BAD_GATEWAY, "NODE_UNREACHABLE", node + ": no live stream of "
                    + cameraId + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        } catch (InterruptedException e) {
            connect.channel().close();
            Thread.currentThread().interrupt();
            throw new VmsException(ErrorKind.INTERNAL, "interrupted while connecting to " + node, e);
        }
    }

    @Override
    public void close() {
        upstream.close();
    }

    /** Relays the node's data frames to the viewer and ends the viewer with the node. */
    private static final class Relay extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final RecorderNode node;
        private final Channel viewer;
        private final Promise<Void> handshake;

        Relay(RecorderNode node, Channel viewer, Promise<Void> handshake) {
            super(false);
            this.node = node;
            this.viewer = viewer;
            this.handshake = handshake;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                handshake.trySuccess(null);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof PingWebSocketFrame || frame instanceof PongWebSocketFrame) {
                frame.release();
                return;
            }
            if (frame instanceof CloseWebSocketFrame close) {
                viewer.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
                ctx.close();
                return;
            }
            ChannelFuture written = viewer.writeAndFlush(frame);
            if (!viewer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
                written.addListener(f -> ctx.channel().config().setAutoRead(true));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshake.tryFailure(new IllegalStateException("connection closed before the WebSocket handshake"));
            if (viewer.isActive()) {
                viewer.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE,
                        "recorder node " + node.id() + " ended the live stream")).addListener(ChannelFutureListener.CLOSE);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            handshake.tryFailure(cause);
            ctx.close();
        }
    }
}
