package org.skynet.vms.core.ha;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import org.skynet.vms.core.server.ErrorMapper;
import org.skynet.vms.core.server.ResponseWriter;

/**
 * The standby's answer to the API: every {@code /api} request except {@code GET /api/health} gets
 * 503 with error code {@code STANDBY} and {@code Retry-After: 5}, on the event loop (no database, no
 * session). Health requests and non-API paths go on down the pipeline.
 */
@ChannelHandler.Sharable
final class StandbyGate extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String HEALTH_PATH = "/api/health";

    StandbyGate() {
        super(false);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        String path = new QueryStringDecoder(msg.uri()).path();
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (!api || (path.equals(HEALTH_PATH) && msg.method().equals(HttpMethod.GET))) {
            ctx.fireChannelRead(msg);
            return;
        }
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
        ResponseWriter.RequestLine line = new ResponseWriter.RequestLine(remote, msg.method().name(), msg.uri(),
                System.nanoTime());
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        msg.release();
        ResponseWriter.write(ctx, line, keepAlive, ErrorMapper.body(HttpResponseStatus.SERVICE_UNAVAILABLE, "STANDBY",
                "this server is the standby; the active one answers the API (see GET /api/health)", null)
                .withHeader("Retry-After", "5"));
    }
}
