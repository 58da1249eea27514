package org.skynet.vms.adapters.rtsp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.timeout.IdleStateEvent;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Receives RTP or RTCP datagrams on one UDP port and hands them to a {@link TrackReceiver}.
 * Datagrams from any address other than the camera's are dropped, so nobody else can inject media.
 * An {@link IdleStateEvent} (no datagrams within the no-data timeout) runs the stall action, which
 * ends the stream; it does not go through the RTSP connection, which the server may have closed.
 */
final class UdpRtpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final Consumer<ByteBuffer> sink;
    private final Runnable onStall;
    private final InetAddress camera;

    /**
     * @param sink    {@link TrackReceiver#rtp} or {@link TrackReceiver#rtcp}
     * @param onStall what to do when nothing arrived within the no-data timeout
     * @param camera  the only address accepted as sender
     */
    UdpRtpHandler(Consumer<ByteBuffer> sink, Runnable onStall, InetAddress camera) {
        this.sink = sink;
        this.onStall = onStall;
        this.camera = camera;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (camera.equals(packet.sender().getAddress())) {
            sink.accept(packet.content().nioBuffer());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            onStall.run();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
