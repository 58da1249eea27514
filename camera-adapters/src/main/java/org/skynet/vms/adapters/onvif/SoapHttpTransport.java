package org.skynet.vms.adapters.onvif;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.EventLoopTransport;
import org.skynet.vms.errors.ErrorKind;

/**
 * Sends one SOAP 1.2 POST per connection over Netty's HTTP client codec and hands back the whole
 * response. Non-blocking; shares the caller's {@link EventLoopGroup} (it does not own or close it).
 *
 * <p>Limits: the response entity may not exceed {@code maxResponseBytes} ({@code LIMIT_EXCEEDED}),
 * headers are capped at 8 KiB, and the whole exchange (connect, send, receive) must finish within
 * the timeout ({@code TIMEOUT}). Only {@code http} URLs are supported. Error messages carry the URL
 * without user info.
 */
public final class SoapHttpTransport {
    /** Default largest response entity: 1 MiB, the same as the XML parser's limit. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = OnvifXml.DEFAULT_MAX_BYTES;

    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_BYTES = 8192;

    private final EventLoopGroup group;
    private final int maxResponseBytes;

    public SoapHttpTransport(EventLoopGroup group, int maxResponseBytes) {
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        this.group = group;
        this.maxResponseBytes = maxResponseBytes;
    }

    /**
     * Posts a SOAP envelope.
     *
     * @param url an {@code http} URL; user info in it is ignored and never sent or logged
     * @param action the SOAP action URI for the Content-Type {@code action} parameter
     * @param authorization an HTTP {@code Authorization} value, if any
     * @param timeout deadline for the whole exchange
     * @return completes with the response of any status, or exceptionally with an
     *     {@link OnvifException} of kind {@code UNREACHABLE}, {@code TIMEOUT}, {@code LIMIT_EXCEEDED}
     *     or {@code PROTOCOL}
     */
    public CompletableFuture<SoapHttpResponse> post(URI url, String action, byte[] envelope,
            Optional<String> authorization, Duration timeout) {
        CompletableFuture<SoapHttpResponse> result = new CompletableFuture<>();
        String context = "POST " + redact(url);
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            result.completeExceptionally(new OnvifException(ErrorKind.UNSUPPORTED,
                    context + ": only http:// URLs with a host are supported"));
            return result;
        }
        int port = url.getPort() < 0 ? 80 : url.getPort();
        long timeoutMillis = Math.max(1, timeout.toMillis());
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(EventLoopTransport.of(group).socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(
                                new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192),
                                new HttpObjectAggregator(maxResponseBytes),
                                new SoapHttpResponseHandler(result, context));
                    }
                });
        // URI keeps the brackets of an IPv6 literal; the resolver wants the bare address.
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        ChannelFuture connect = bootstrap.connect(host, port);
        Channel channel = connect.channel();
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            if (result.completeExceptionally(new OnvifException(ErrorKind.TIMEOUT,
                    context + ": no complete response within " + timeoutMillis + " ms"))) {
                channel.close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> deadline.cancel(false));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                ErrorKind kind = f.cause() instanceof ConnectTimeoutException ? ErrorKind.TIMEOUT : ErrorKind.UNREACHABLE;
                result.completeExceptionally(new OnvifException(kind, context + ": cannot connect: "
                        + f.cause().getMessage(), f.cause()));
                return;
            }
            f.channel().writeAndFlush(request(url, port, action, envelope, authorization));
        });
        return result;
    }

    private static FullHttpRequest request(URI url, int port, String action, byte[] envelope,
            Optional<String> authorization) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, target(url),
                Unpooled.wrappedBuffer(envelope));
        req.headers()
                .set(HttpHeaderNames.HOST, port == 80 ? url.getHost() : url.getHost() + ":" + port)
                .set(HttpHeaderNames.CONTENT_TYPE, "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
                .set(HttpHeaderNames.CONTENT_LENGTH, envelope.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        authorization.ifPresent(a -> req.headers().set(HttpHeaderNames.AUTHORIZATION, a));
        return req;
    }

    /** The request target: path and query, as used on the request line and in Digest's {@code uri}. */
    static String target(URI url) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    }

    /** The URL without user info, for messages and logs. */
    public static String redact(URI url) {
        StringBuilder sb = new StringBuilder();
        if (url.getScheme() != null) {
            sb.append(url.getScheme()).append("://");
        }
        if (url.getHost() != null) {
            sb.append(url.getHost());
        }
        if (url.getPort() >= 0) {
            sb.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            sb.append(url.getRawPath());
        }
        return sb.toString();
    }
}
