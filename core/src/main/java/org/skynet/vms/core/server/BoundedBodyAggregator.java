package org.skynet.vms.core.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator with our error body: a request larger than the limit is answered with 413 and
 * the JSON error model, then the connection is closed (the rest of the body is not read).
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;

    BoundedBodyAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String uri = oversized instanceof io.netty.handler.codec.http.HttpRequest r ? r.uri() : "?";
        ApiResponse body = ErrorMapper.body(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "LIMIT_EXCEEDED",
                "request body is larger than the limit of " + maxBodyBytes + " bytes", null);
        ResponseWriter.write(ctx, new ResponseWriter.RequestLine(String.valueOf(ctx.channel().remoteAddress()),
                "?", uri, System.nanoTime()), false, body);
        if (HttpUtil.is100ContinueExpected(oversized)) {
            ctx.channel().closeFuture().addListener(ChannelFutureListener.CLOSE);
        }
    }
}
