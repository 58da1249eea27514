package org.skynet.vms.adapters.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.skynet.vms.adapters.rtsp.TransportHeader.PortPair;
import org.skynet.vms.errors.ErrorKind;

/**
 * Two UDP channels for one track: RTP on an even port and RTCP on the next one (RFC 3550 §11),
 * bound on the local address of the RTSP connection and registered on its event loop, so the whole
 * session stays on one thread. Binding is asynchronous; an odd or taken port pair is retried.
 */
final class UdpPortPair {
    private static final int MAX_ATTEMPTS = 32;

    private final Channel rtp;
    private final Channel rtcp;

    private UdpPortPair(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    /**
     * Binds a pair next to {@code control}'s local address. The channels have no handlers yet; see
     * {@link #rtp()} and {@link #rtcp()}.
     */
    static CompletableFuture<UdpPortPair> bind(Channel control) {
        InetAddress local = ((InetSocketAddress) control.localAddress()).getAddress();
        return attempt(control, local, 1);
    }

    private static CompletableFuture<UdpPortPair> attempt(Channel control, InetAddress local, int n) {
        if (n > MAX_ATTEMPTS) {
            return CompletableFuture.failedFuture(new RtspException(ErrorKind.INTERNAL,
                    "no free even/odd UDP port pair on " + local.getHostAddress() + " after " + MAX_ATTEMPTS
                            + " attempts"));
        }
        return bindOne(control, new InetSocketAddress(local, 0)).thenCompose(first -> {
            int port = ((InetSocketAddress) first.localAddress()).getPort();
            if (port % 2 != 0 || port == 65535) {
                first.close();
                return attempt(control, local, n + 1);
            }
            return bindOne(control, new InetSocketAddress(local, port + 1))
                    .thenApply(second -> new UdpPortPair(first, second))
                    .exceptionallyCompose(e -> {
                        first.close();
                        return attempt(control, local, n + 1);
                    });
        });
    }

    private static CompletableFuture<Channel> bindOne(Channel control, InetSocketAddress address) {
        Bootstrap b = new Bootstrap().group(control.eventLoop())
                .channel(EventLoopTransport.of(control.eventLoop()).datagramChannel())
                .handler(new ChannelInboundHandlerAdapter());
        return ChannelFutures.toCompletable(b.bind(address));
    }

    /** The channel on the even port. */
    Channel rtp() {
        return rtp;
    }

    /** The channel on the odd port. */
    Channel rtcp() {
        return rtcp;
    }

    /** The local ports, for the {@code client_port} of SETUP. */
    PortPair ports() {
        return new PortPair(((InetSocketAddress) rtp.localAddress()).getPort(),
                ((InetSocketAddress) rtcp.localAddress()).getPort());
    }

    /** Closes both channels. */
    void close() {
        rtp.close();
        rtcp.close();
    }
}
