package org.skynet.vms.adapters.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.skynet.vms.adapters.rtsp.sdp.SessionDescription;
import org.skynet.vms.errors.ErrorKind;

/**
 * RTSP 1.0 client (RFC 2326) on Netty. One instance, on one shared {@link EventLoopGroup}, serves
 * any number of cameras: each connection is a channel on one event loop, and nothing blocks.
 *
 * <pre>{@code
 * RtspClient client = new RtspClient(group);
 * PlayingSession s = client.open(RtspSource.of("rtsp://admin:pw@192.0.2.10/Streaming/Channels/101"),
 *         unit -> recorder.write(unit)).join();
 * s.videoParameters();   // H264 1920x1080 @25.0fps ...
 * s.close();
 * }</pre>
 *
 * <p>Every step returns a {@link CompletableFuture} completed on the connection's event loop (do
 * not block in callbacks), failed with an {@link RtspException} whose {@link ErrorKind} says what
 * went wrong. Every wait is bounded by the source's {@link RtspTimeouts}. For the steps one by one,
 * use {@link #connect} and the phase types {@link RtspConnection} → {@link DescribedSession} →
 * {@link ReadySession} → {@link PlayingSession}.
 *
 * <p>Channels use the group's transport ({@link EventLoopTransport#of}): native epoll for a group built
 * with {@code EpollIoHandler}, NIO otherwise; {@link #withOwnEventLoops} picks epoll where available.
 */
public final class RtspClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final EventLoopTransport transport;
    private final Clock clock;
    private final boolean ownsGroup;

    /** A client on a shared group, which the caller shuts down. */
    public RtspClient(EventLoopGroup group) {
        this(group, Clock.systemUTC(), false);
    }

    /**
     * @param group the event loops, shared, shut down by the caller
     * @param clock our wall clock, for packet arrival times
     */
    public RtspClient(EventLoopGroup group, Clock clock) {
        this(group, clock, false);
    }

    private RtspClient(EventLoopGroup group, Clock clock, boolean ownsGroup) {
        this.group = group;
        this.transport = EventLoopTransport.of(group);
        this.clock = clock;
        this.ownsGroup = ownsGroup;
    }

    /**
     * A client with its own group of {@code threads} event loops ({@link EventLoopTransport#best()}: epoll
     * on Linux, else NIO), shut down by {@link #close()}.
     */
    public static RtspClient withOwnEventLoops(int threads) {
        return new RtspClient(new MultiThreadIoEventLoopGroup(threads, EventLoopTransport.best().ioHandlerFactory()),
                Clock.systemUTC(), true);
    }

    /**
     * Opens a TCP connection to the source. Fails with {@code TIMEOUT} after the connect timeout and
     * with {@code UNREACHABLE} when refused or unresolvable.
     */
    public CompletableFuture<RtspConnection> connect(RtspSource source) {
        RtspAuthenticator authenticator = RtspAuthenticator.of(source.credentials());
        long connectMillis = source.timeouts().connect().toMillis();
        Bootstrap b = new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RtspClientInitializer(source, authenticator));
        InetSocketAddress address = InetSocketAddress.createUnresolved(source.uri().getHost(), source.port());
        return ChannelFutures.toCompletable(b.connect(address))
                .handle((channel, e) -> {
                    if (e != null) {
                        throw connectFailure(source, e, source.timeouts().connect());
                    }
                    // A server that accepts and closes at once (a refusing camera behind a proxy, a
                    // full accept queue) leaves a channel whose pipeline is already torn down.
                    if (channel.pipeline().get(RtspSessionHandler.class) == null) {
                        throw new RtspException(ErrorKind.UNREACHABLE, "connect to " + source.uri()
                                + ": the server closed the connection as soon as it was accepted");
                    }
                    return new RtspConnection(channel, source, clock, this::connect);
                });
    }

    /**
     * A cheap probe: connect, OPTIONS, close. Authentication is answered if the camera asks.
     *
     * @return the OPTIONS response (its {@code Public} header lists the methods)
     */
    public CompletableFuture<RtspResponse> options(RtspSource source) {
        return oneShot(source, RtspConnection::options);
    }

    /**
     * A probe that proves credentials and stream path: connect, DESCRIBE, close.
     *
     * @return the parsed SDP
     */
    public CompletableFuture<SessionDescription> describe(RtspSource source) {
        return oneShot(source, c -> c.describe().thenApply(DescribedSession::description));
    }

    /**
     * Connects, DESCRIBEs, SETUPs the first H.264/H.265 video track and PLAYs it. On any failure the
     * connection is closed before the future fails.
     *
     * @param listener receives access units on the event loop
     */
    public CompletableFuture<PlayingSession> open(RtspSource source, AccessUnitListener listener) {
        return connect(source).thenCompose(c -> c.describe()
                .thenCompose(DescribedSession::setup)
                .thenCompose(ready -> ready.play(listener))
                .whenComplete((playing, e) -> {
                    if (e != null) {
                        c.close();
                    }
                }));
    }

    /** Shuts the event loops down if this client created them; otherwise does nothing. */
    @Override
    public void close() {
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private <T> CompletableFuture<T> oneShot(RtspSource source, Function<RtspConnection, CompletableFuture<T>> step) {
        return connect(source).thenCompose(c -> step.apply(c).whenComplete((r, e) -> c.close()));
    }

    private static RtspException connectFailure(RtspSource source, Throwable e, Duration timeout) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        String where = "connect to " + source.uri();
        if (cause instanceof ConnectTimeoutException) {
            return new RtspException(ErrorKind.TIMEOUT, where + ": no answer within " + timeout.toMillis() + " ms",
                    cause);
        }
        if (cause instanceof UnknownHostException) {
            return new RtspException(ErrorKind.UNREACHABLE, where + ": unknown host", cause);
        }
        if (cause instanceof ConnectException) {
            return new RtspException(ErrorKind.UNREACHABLE, where + ": " + cause.getMessage(), cause);
        }
        return new RtspException(ErrorKind.UNREACHABLE, where + ": " + cause, cause);
    }
}
