package org.skynet.vms.core.onboarding;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.skynet.vms.adapters.rtsp.EventLoopTransport;

/**
 * The {@code reachable} check: resolve the host (on a blocking executor, since the JDK resolver blocks),
 * then open and close one TCP connection on a Netty event loop. The future always completes normally,
 * with PASS or a FAIL that says how it failed: DNS, refused, or timed out after N s.
 */
final class Reachability {
    private final EventLoopGroup group;
    private final Executor blocking;

    Reachability(EventLoopGroup group, Executor blocking) {
        this.group = group;
        this.blocking = blocking;
    }

    CompletableFuture<CheckResult> check(String host, int port, Duration timeout) {
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(() -> resolve(host), blocking)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(address -> connect(address, host, port, timeout, started))
                .exceptionally(e -> fail(dnsFailure(host, e, timeout)));
    }

    private CompletableFuture<CheckResult> connect(InetAddress address, String host, int port, Duration timeout,
            long started) {
        CompletableFuture<CheckResult> out = new CompletableFuture<>();
        String where = host + ":" + port;
        new Bootstrap().group(group).channel(EventLoopTransport.of(group).socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .handler(new ChannelInboundHandlerAdapter())
                .connect(new InetSocketAddress(address, port))
                .addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        f.channel().close();
                        long ms = (System.nanoTime() - started) / 1_000_000;
                        out.complete(new CheckResult(Check.REACHABLE.wireName(), CheckStatus.PASS,
                                "TCP port " + port + " on " + address.getHostAddress() + " accepts connections ("
                                        + ms + " ms)"));
                    } else {
                        out.complete(fail(connectFailure(where, f.cause(), timeout)));
                    }
                });
        return out;
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new CompletionException(e);
        }
    }

    private static String dnsFailure(String host, Throwable e, Duration timeout) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof TimeoutException) {
            return "DNS: no answer within " + seconds(timeout) + " looking up '" + host + "'";
        }
        return "DNS: the name '" + host + "' does not resolve; check the spelling or use the IP address";
    }

    static String connectFailure(String where, Throwable cause, Duration timeout) {
        if (cause instanceof ConnectTimeoutException) {
            return "timed out after " + seconds(timeout) + " connecting to " + where
                    + ": no answer (wrong address, camera off, or a firewall drops the traffic)";
        }
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        if (cause instanceof ConnectException && msg.toLowerCase(java.util.Locale.ROOT).contains("refused")) {
            return "connection refused by " + where + ": nothing listens on that port (camera off, or wrong port)";
        }
        return "cannot connect to " + where + ": " + msg;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s",
                d.toMillis() / 1000.0);
    }

    private static CheckResult fail(String detail) {
        return new CheckResult(Check.REACHABLE.wireName(), CheckStatus.FAIL, detail);
    }
}
