package org.skynet.vms.core.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP pipeline: codec with bounded request line and headers, idle timeout, bounded body
 * aggregation (413 beyond the limit), then the sharable upgrade handlers in order (the event WebSocket
 * at {@code /api/events}, live video at {@code /api/cameras/{id}/live}), then API dispatch and static files.
 */
final class HttpServerInitializer extends ChannelInitializer<SocketChannel> {
    private final HttpSettings settings;
    private final ApiDispatchHandler api;
    private final List<ChannelHandler> upgrades;
    private final StaticFileHandler files = new StaticFileHandler();

    /** @param upgrades {@code @Sharable} handlers that take the requests they upgrade and pass the rest on */
    HttpServerInitializer(HttpSettings settings, ApiDispatchHandler api, List<ChannelHandler> upgrades) {
        this.settings = settings;
        this.api = api;
        this.upgrades = upgrades;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("idle", new IdleStateHandler(0, 0, settings.idleTimeoutSeconds(), TimeUnit.SECONDS));
        p.addLast("idleClose", new IdleCloseHandler());
        p.addLast("codec", new HttpServerCodec(settings.maxInitialLineBytes(), settings.maxHeaderBytes(), 8192));
        p.addLast("keepAlive", new HttpServerKeepAliveHandler());
        p.addLast("aggregator", new BoundedBodyAggregator(settings.maxBodyBytes()));
        p.addLast("chunked", new ChunkedWriteHandler());
        for (int i = 0; i < upgrades.size(); i++) {
            p.addLast(i == 0 ? "upgrades" : "upgrades" + i, upgrades.get(i));
        }
        p.addLast("api", api);
        p.addLast("files", files);
    }
}
