package org.skynet.vms.core.restream;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.server.RtspServerInitializer;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.recording.RecordingService;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.users.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP re-stream listener ({@code rtsp.port}, default {@value #DEFAULT_PORT}; 0 picks a free port)
 * on the server's event loops, with a small pool for the database work of authentication, admission
 * and audit. Closing stops accepting; client connections end with the event loops.
 */
public final class RestreamServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestreamServer.class);
    public static final int DEFAULT_PORT = 8554;
    /** How long DESCRIBE waits for a camera opened on demand to send its parameter sets. */
    static final Duration PARAMETERS_TIMEOUT = Duration.ofSeconds(10);
    private static final int BLOCKING_THREADS = 2;
    private static final int BLOCKING_QUEUE = 1_000;

    private final Channel serverChannel;
    private final ExecutorService blocking;

    private RestreamServer(Channel serverChannel, ExecutorService blocking) {
        this.serverChannel = serverChannel;
        this.blocking = blocking;
    }

    /**
     * Binds and starts serving.
     *
     * @param io event loops shared with the HTTP server (boss and children)
     * @throws InterruptedException while binding
     */
    public static RestreamServer start(EventLoopGroup io, String bindAddress, int port, UserStore users,
            CameraRegistry registry, RecordingService recording, AuditLog audit) throws InterruptedException {
        ThreadPoolExecutor blocking = new ThreadPoolExecutor(BLOCKING_THREADS, BLOCKING_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(BLOCKING_QUEUE), r -> {
                    Thread t = new Thread(r, "vms-restream");
                    t.setDaemon(true);
                    return t;
                });
        RestreamAccess access = new RestreamAccess(users, registry, recording, audit, blocking);
        try {
            Channel ch = new ServerBootstrap().group(io, io)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 256)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new RtspServerInitializer(access, blocking, PARAMETERS_TIMEOUT))
                    .bind(bindAddress, port).sync().channel();
            LOG.info("RTSP re-stream listening on {}", ch.localAddress());
            return new RestreamServer(ch, blocking);
        } catch (Exception e) {
            blocking.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("RTSP re-stream audit writes still pending after 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
