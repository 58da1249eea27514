package org.skynet.vms.core.server;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Takes API requests ({@code /api/...}) off the event loop: copies what the handler needs out of the
 * Netty request, releases it, and runs the router on the API worker pool; the answer is written back
 * from there. Requests for other paths are passed on to the next handler (static files).
 */
@ChannelHandler.Sharable
final class ApiDispatchHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ApiRouter router;
    private final ExecutorService workers;

    ApiDispatchHandler(ApiRouter router, ExecutorService workers) {
        super(false);
        this.router = router;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        if (!msg.uri().startsWith("/api/") && !msg.uri().equals("/api")) {
            ctx.fireChannelRead(msg);
            return;
        }
        ResponseWriter.RequestLine line = new ResponseWriter.RequestLine(remote(ctx), msg.method().name(), msg.uri(),
                System.nanoTime());
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        ApiRequest request;
        try {
            if (!msg.decoderResult().isSuccess()) {
                ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.BAD_REQUEST,
                        "INVALID_ARGUMENT", "malformed HTTP request: " + msg.decoderResult().cause().getMessage(), null));
                return;
            }
            QueryStringDecoder qs = new QueryStringDecoder(msg.uri());
            request = new ApiRequest(msg.method(), qs.path(), Map.of(), qs.parameters(), msg.headers().copy(),
                    ByteBufUtil.getBytes(msg.content()), (InetSocketAddress) ctx.channel().remoteAddress(), null);
        } catch (IllegalArgumentException e) {
            ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.BAD_REQUEST,
                    "INVALID_ARGUMENT", "malformed request URI: " + e.getMessage(), null));
            return;
        } finally {
            msg.release();
        }
        try {
            workers.execute(() -> ResponseWriter.write(ctx, line, keepAlive, run(request, line)));
        } catch (RejectedExecutionException e) {
            ResponseWriter.write(ctx, line, false, ErrorMapper.body(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "UNAVAILABLE", "the server is shutting down or overloaded; try again", null));
        }
    }

    private ApiResponse run(ApiRequest request, ResponseWriter.RequestLine line) {
        try {
            return router.dispatch(request);
        } catch (Throwable t) {
            return ErrorMapper.toResponse(t, line.toString());
        }
    }

    private static String remote(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    }
}
