package org.skynet.vms.adapters.sim.rtsp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.skynet.vms.adapters.rtsp.EventLoopTransport;
import org.skynet.vms.adapters.rtsp.TransportHeader;

/**
 * RTP and RTCP as UDP datagrams (RFC 2326 §12.39 {@code client_port}/{@code server_port}) from two
 * sockets bound on the camera's loopback address, to the client's address and ports. Datagrams the
 * client sends (RTCP receiver reports) are read and dropped. Event loop only.
 */
final class UdpRtpSink implements RtpSink {
    private final Channel rtp;
    private final Channel rtcp;
    private final InetSocketAddress clientRtp;
    private final InetSocketAddress clientRtcp;

    private UdpRtpSink(Channel rtp, Channel rtcp, InetSocketAddress clientRtp, InetSocketAddress clientRtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.clientRtp = clientRtp;
        this.clientRtcp = clientRtcp;
    }

    /**
     * Binds the two sockets on {@code host} (ephemeral ports) on {@code loop}.
     *
     * @param client the client's address with its RTP port; RTCP goes to {@code clientRtcpPort}
     * @return the sink, or a failure when a bind fails (both sockets are then closed)
     */
    static CompletableFuture<UdpRtpSink> open(EventLoop loop, String host, InetSocketAddress client,
            int clientRtcpPort) {
        Bootstrap b = new Bootstrap().group(loop).channel(EventLoopTransport.of(loop).datagramChannel()).handler(DropInbound.INSTANCE);
        ChannelFuture rtpBind = b.bind(host, 0);
        ChannelFuture rtcpBind = b.bind(host, 0);
        CompletableFuture<UdpRtpSink> result = new CompletableFuture<>();
        rtpBind.addListener(f1 -> rtcpBind.addListener(f2 -> {
            if (rtpBind.isSuccess() && rtcpBind.isSuccess()) {
                result.complete(new UdpRtpSink(rtpBind.channel(), rtcpBind.channel(), client,
                        new InetSocketAddress(client.getAddress(), clientRtcpPort)));
            } else {
                rtpBind.channel().close();
                rtcpBind.channel().close();
                result.completeExceptionally(rtpBind.cause() != null ? rtpBind.cause() : rtcpBind.cause());
            }
        }));
        return result;
    }

    @Override
    public boolean writable() {
        return rtp.isWritable();
    }

    @Override
    public void writeFrame(RtpClip clip, int frame, int firstSeq, int timestamp, int ssrc) {
        ByteBuf frameBuf = clip.writeFrame(rtp.alloc(), frame, 0, firstSeq, timestamp, ssrc);
        try {
            while (frameBuf.isReadable()) {
                frameBuf.skipBytes(2);
                int length = frameBuf.readUnsignedShort();
                rtp.write(new DatagramPacket(frameBuf.readRetainedSlice(length), clientRtp), rtp.voidPromise());
            }
        } finally {
            frameBuf.release();
        }
    }

    @Override
    public void writeRtcp(byte[] packet) {
        rtcp.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), clientRtcp), rtcp.voidPromise());
    }

    @Override
    public void flush() {
        rtp.flush();
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }

    @Override
    public String transportHeader(int ssrc) {
        return new TransportHeader(TransportHeader.LowerTransport.UDP, null,
                new TransportHeader.PortPair(clientRtp.getPort(), clientRtcp.getPort()),
                new TransportHeader.PortPair(port(rtp), port(rtcp)), String.format("%08X", ssrc)).format();
    }

    private static int port(Channel ch) {
        return ((InetSocketAddress) ch.localAddress()).getPort();
    }

    /** Releases every datagram a client sends to the server ports. */
    @ChannelHandler.Sharable
    static final class DropInbound extends ChannelInboundHandlerAdapter {
        static final DropInbound INSTANCE = new DropInbound();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
