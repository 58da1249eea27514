package org.skynet.vms.core.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.skynet.vms.core.tls.TlsInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty HTTP server: one boss thread, a small event-loop group, and a bounded pool of API workers.
 * {@link #close()} shuts down gracefully: stop accepting, let in-flight requests finish (up to a
 * deadline), then close the event loops.
 */
public final class VmsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VmsServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup ioGroup;
    private final ThreadPoolExecutor workers;
    private final Channel serverChannel;

    private VmsServer(EventLoopGroup boss, EventLoopGroup ioGroup, ThreadPoolExecutor workers, Channel serverChannel) {
        this.boss = boss;
        this.ioGroup = ioGroup;
        this.workers = workers;
        this.serverChannel = serverChannel;
    }

    /** Binds and starts serving; throws if the port cannot be bound. */
    public static VmsServer start(HttpSettings settings, ApiRouter router) throws InterruptedException {
        return start(settings, router, null);
    }

    /**
     * Binds and starts serving, with a {@code @Sharable} handler placed before the API dispatcher that
     * takes the requests it upgrades (the event WebSocket) and passes the others on; null for none.
     */
    public static VmsServer start(HttpSettings settings, ApiRouter router, io.netty.channel.ChannelHandler upgrades)
            throws InterruptedException {
        return start(settings, router, upgrades, null);
    }

    /** As above, speaking TLS (HTTPS and WSS) with the given context when it is not null. */
    public static VmsServer start(HttpSettings settings, ApiRouter router, io.netty.channel.ChannelHandler upgrades,
            SslContext tls) throws InterruptedException {
        return start(settings, router, upgrades == null ? List.of() : List.of(upgrades), tls);
    }

    /** As above, with several upgrade handlers (event and live WebSockets), tried in order. */
    public static VmsServer start(HttpSettings settings, ApiRouter router,
            List<io.netty.channel.ChannelHandler> upgrades, SslContext tls) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "api-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        HttpServerInitializer http = new HttpServerInitializer(settings, new ApiDispatchHandler(router, workers), upgrades);
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, io)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(tls == null ? http : new TlsInitializer(tls, http));
            Channel ch = b.bind(settings.bindAddress(), settings.port()).sync().channel();
            log.info("HTTP server listening on {}", ch.localAddress());
            return new VmsServer(boss, io, workers, ch);
        } catch (Exception e) {
            workers.shutdownNow();
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The event loops, shared with other network work of the server (WebSocket pushes, probes). */
    public EventLoopGroup ioGroup() {
        return ioGroup;
    }

    public ExecutorService workers() {
        return workers;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("API requests still running after 10 s; stopping them");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        log.info("HTTP server stopped");
    }
}
