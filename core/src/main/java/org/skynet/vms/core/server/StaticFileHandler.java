package org.skynet.vms.core.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the console (classpath {@code META-INF/resources/console/}, at {@code /}) and WebJars
 * (classpath {@code META-INF/resources/webjars/}, at {@code /webjars/}). Files are read once and kept
 * in memory: the console is a few hundred kilobytes. Paths with {@code ..} or a backslash are refused.
 */
@ChannelHandler.Sharable
final class StaticFileHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(StaticFileHandler.class);

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp3", "audio/mpeg"));

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        ResponseWriter.RequestLine line = new ResponseWriter.RequestLine(
                ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "?",
                msg.method().name(), msg.uri(), System.nanoTime());
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        if (!msg.method().equals(HttpMethod.GET) && !msg.method().equals(HttpMethod.HEAD)) {
            ResponseWriter.write(ctx, line, keepAlive, ErrorMapper.body(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "METHOD_NOT_ALLOWED", msg.method() + " is not allowed on static files", null));
            return;
        }
        String path = new QueryStringDecoder(msg.uri()).path();
        String resource = resourceFor(path);
        Optional<byte[]> body = resource == null ? Optional.empty() : cache.computeIfAbsent(resource, StaticFileHandler::load);
        if (body.isEmpty()) {
            ResponseWriter.write(ctx, line, keepAlive, ErrorMapper.body(HttpResponseStatus.NOT_FOUND, "NOT_FOUND",
                    "no such file: " + path, null));
            return;
        }
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        String cacheControl = resource.contains("/webjars/") ? "public, max-age=86400" : "no-cache";
        ResponseWriter.write(ctx, line, keepAlive, new ApiResponse(HttpResponseStatus.OK,
                TYPES.getOrDefault(ext, "application/octet-stream"), body.get(), Map.of("Cache-Control", cacheControl)));
    }

    static String resourceFor(String path) {
        if (path.contains("..") || path.contains("\\") || path.contains("//")) {
            return null;
        }
        if (path.startsWith("/webjars/")) {
            return "META-INF/resources" + path;
        }
        String rel = path.equals("/") ? "index.html" : path.substring(1);
        if (rel.endsWith("/")) {
            rel = rel + "index.html";
        }
        return "META-INF/resources/console/" + rel;
    }

    private static Optional<byte[]> load(String resource) {
        if (resource.endsWith("/")) {
            return Optional.empty();
        }
        try (InputStream in = StaticFileHandler.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * The last handler of the HTTP pipeline: a peer that resets or breaks its connection (a load tool
     * stopping, a browser tab closed) gets a quiet close instead of Netty's "reached the tail" warning.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection {} closed after {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
