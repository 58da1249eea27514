package org.skynet.vms.core.tls;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.regex.Pattern;

/**
 * Answers every plain-HTTP request with {@code 301 Moved Permanently} to the same path on HTTPS, at the
 * host the client asked for (the {@code Host} header without its port, when it is a plain host name or
 * address) or else the configured one, then closes the connection. Nothing is served in clear text.
 */
@ChannelHandler.Sharable
final class HttpsRedirectHandler extends SimpleChannelInboundHandler<HttpRequest> {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private final String fallbackHost;
    private final int httpsPort;

    HttpsRedirectHandler(String fallbackHost, int httpsPort) {
        this.fallbackHost = fallbackHost;
        this.httpsPort = httpsPort;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpRequest req) {
        String uri = req.uri().startsWith("/") ? req.uri() : "/";
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.MOVED_PERMANENTLY);
        res.headers().set(HttpHeaderNames.LOCATION, location(req.headers().get(HttpHeaderNames.HOST), uri));
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        res.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }

    String location(String hostHeader, String uri) {
        String host = fallbackHost;
        if (hostHeader != null) {
            String h = hostHeader.startsWith("[") ? hostHeader.substring(0, hostHeader.indexOf(']') + 1)
                    : hostHeader.split(":", 2)[0];
            if (HOST.matcher(h).matches()) {
                host = h;
            }
        }
        return "https://" + host + (httpsPort == 443 ? "" : ":" + httpsPort) + uri;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
