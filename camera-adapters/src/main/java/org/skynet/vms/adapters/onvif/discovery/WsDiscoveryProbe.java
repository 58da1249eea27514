package org.skynet.vms.adapters.onvif.discovery;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.onvif.OnvifException;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Sends a WS-Discovery Probe for NetworkVideoTransmitters over UDP and collects the ProbeMatches
 * that arrive until a deadline: either multicast to {@code 239.255.255.250:3702} out of one chosen
 * interface, or unicast to one address and port (a known camera, or a test responder).
 *
 * <p>Answers come back unicast to the probing socket, so the socket does not join the group.
 * Datagrams that are malformed or answer another Probe are dropped; the same endpoint answering
 * twice counts once. Non-blocking; uses the caller's {@link EventLoopGroup} without owning it.
 */
public final class WsDiscoveryProbe {
    /** The WS-Discovery IPv4 multicast group and port. */
    public static final InetSocketAddress MULTICAST_GROUP = new InetSocketAddress("239.255.255.250", 3702);

    private static final int MULTICAST_TTL = 1;

    private final EventLoopGroup group;

    public WsDiscoveryProbe(EventLoopGroup group) {
        this.group = group;
    }

    /**
     * Multicasts a Probe to {@link #MULTICAST_GROUP} out of {@code networkInterface} (TTL 1: the
     * local segment only).
     *
     * @param networkInterface the interface to probe on; it must have an IPv4 address
     * @param timeout how long to collect answers
     * @return the distinct matches in order of arrival; {@code UNREACHABLE} if the socket cannot
     *     be opened or the Probe not sent
     */
    public CompletableFuture<List<ProbeMatch>> probeMulticast(NetworkInterface networkInterface, Duration timeout,
            UUID messageId) {
        return probeMulticast(networkInterface, MULTICAST_GROUP, timeout, messageId);
    }

    /**
     * Multicasts a Probe to another group or port than the standard one (tests, lab networks).
     *
     * @see #probeMulticast(NetworkInterface, Duration, UUID)
     */
    public CompletableFuture<List<ProbeMatch>> probeMulticast(NetworkInterface networkInterface,
            InetSocketAddress multicastGroup, Duration timeout, UUID messageId) {
        InetAddress local = networkInterface.inetAddresses()
                .filter(a -> a instanceof Inet4Address)
                .findFirst()
                .orElseThrow(() -> VmsException.invalid("networkInterface",
                        networkInterface.getName() + " has no IPv4 address"));
        Bootstrap b = bootstrap()
                .option(ChannelOption.IP_MULTICAST_IF, networkInterface)
                .option(ChannelOption.IP_MULTICAST_TTL, MULTICAST_TTL);
        return run(b, new InetSocketAddress(local, 0), multicastGroup, timeout, messageId);
    }

    /**
     * Sends a Probe to one address and port.
     *
     * @param target e.g. {@code 192.0.2.10:3702}
     * @param timeout how long to collect answers
     */
    public CompletableFuture<List<ProbeMatch>> probeUnicast(InetSocketAddress target, Duration timeout,
            UUID messageId) {
        return run(bootstrap(), new InetSocketAddress(0), target, timeout, messageId);
    }

    private Bootstrap bootstrap() {
        return new Bootstrap()
                .group(group)
                .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(WsDiscoveryMessages.MAX_MESSAGE_BYTES));
    }

    private CompletableFuture<List<ProbeMatch>> run(Bootstrap bootstrap, InetSocketAddress bindTo,
            InetSocketAddress target, Duration timeout, UUID messageId) {
        CompletableFuture<List<ProbeMatch>> result = new CompletableFuture<>();
        ProbeMatchCollector collector = new ProbeMatchCollector(WsDiscoveryMessages.messageUrn(messageId));
        bootstrap.handler(collector).bind(bindTo).addListener((ChannelFuture bound) -> {
            if (!bound.isSuccess()) {
                result.completeExceptionally(new OnvifException(ErrorKind.UNREACHABLE,
                        "WS-Discovery: cannot open a UDP socket on " + bindTo + ": " + bound.cause().getMessage(),
                        bound.cause()));
                return;
            }
            Channel ch = bound.channel();
            ch.eventLoop().schedule(() -> {
                ch.close();
                result.complete(collector.matches());
            }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            byte[] probe = WsDiscoveryMessages.probe(messageId);
            ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(probe), target)).addListener(sent -> {
                if (!sent.isSuccess()) {
                    ch.close();
                    result.completeExceptionally(new OnvifException(ErrorKind.UNREACHABLE,
                            "WS-Discovery: cannot send a Probe to " + target + ": " + sent.cause().getMessage(),
                            sent.cause()));
                }
            });
        });
        return result;
    }
}
