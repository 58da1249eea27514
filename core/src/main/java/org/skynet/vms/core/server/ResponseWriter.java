package org.skynet.vms.core.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link ApiResponse} to a channel with the security headers and keep-alive handling every
 * response gets, and writes one access-log line. Safe to call from any thread (Netty hands the write
 * to the channel's event loop).
 */
public final class ResponseWriter {
    private static final Logger access = LoggerFactory.getLogger("access");

    private ResponseWriter() {
    }

    public static void write(ChannelHandlerContext ctx, RequestLine line, boolean keepAlive, ApiResponse response) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.wrappedBuffer(response.body()));
        if (response.contentType() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            res.headers().set(h.getKey(), h.getValue());
        }
        SecurityHeaders.apply(res.headers(), ctx.pipeline().get(SslHandler.class) != null);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var future = ctx.writeAndFlush(res);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        logAccess(line, response.status().code(), response.body().length);
    }

    public static void logAccess(RequestLine line, int status, long bytes) {
        if (access.isInfoEnabled()) {
            access.info("{} \"{} {}\" {} {} {}ms", line.remote(), line.method(), line.uri(), status, bytes,
                    (System.nanoTime() - line.startNanos()) / 1_000_000);
        }
    }

    /** What the access log says about a request, captured before the request buffer is released. */
    public record RequestLine(String remote, String method, String uri, long startNanos) {
        @Override
        public String toString() {
            return method + " " + uri;
        }
    }
}
