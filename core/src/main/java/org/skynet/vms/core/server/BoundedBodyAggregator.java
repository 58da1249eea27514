package org.skynet.vms.core.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Netty's aggregator with our error body: a request larger than the limit is answered with 413 and
 * the JSON error model. As in Netty's own aggregator, a keep-alive connection stays open while the
 * rest of the oversized body is read and discarded: closing it while the client is still sending
 * would reset the connection and the client could lose the 413 before reading it.
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;

    BoundedBodyAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String uri = oversized instanceof HttpRequest r ? r.uri() : "?";
        String method = oversized instanceof HttpRequest r ? r.method().name() : "?";
        ApiResponse body = ErrorMapper.body(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "LIMIT_EXCEEDED",
                "request body is larger than the limit of " + maxBodyBytes + " bytes", null);
        boolean keepOpen = !(oversized instanceof FullHttpMessage)
                && (HttpUtil.is100ContinueExpected(oversized) || HttpUtil.isKeepAlive(oversized));
        ResponseWriter.write(ctx, new ResponseWriter.RequestLine(String.valueOf(ctx.channel().remoteAddress()),
                method, uri, System.nanoTime()), keepOpen, body);
    }
}
