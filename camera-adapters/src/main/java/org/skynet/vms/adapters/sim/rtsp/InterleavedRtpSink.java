package org.skynet.vms.adapters.sim.rtsp;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import org.skynet.vms.adapters.rtsp.TransportHeader;

/**
 * RTP and RTCP interleaved in the RTSP connection (RFC 2326 §10.12), written from the context of
 * the framer, below the RTSP encoder, which only takes RTSP messages.
 */
final class InterleavedRtpSink implements RtpSink {
    private final ChannelHandlerContext out;
    private final int rtpChannel;

    /** @param rtpChannel interleaved channel of RTP; RTCP uses the next one */
    InterleavedRtpSink(ChannelHandlerContext out, int rtpChannel) {
        this.out = out;
        this.rtpChannel = rtpChannel;
    }

    @Override
    public boolean writable() {
        return out.channel().isWritable();
    }

    @Override
    public void writeFrame(RtpClip clip, int frame, int firstSeq, int timestamp, int ssrc) {
        out.write(clip.writeFrame(out.alloc(), frame, rtpChannel, firstSeq, timestamp, ssrc), out.voidPromise());
    }

    @Override
    public void writeRtcp(byte[] packet) {
        byte[] header = {'$', (byte) (rtpChannel + 1), (byte) (packet.length >> 8), (byte) packet.length};
        out.write(Unpooled.wrappedBuffer(header, packet), out.voidPromise());
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        // nothing of its own: the RTSP connection belongs to the handler
    }

    @Override
    public String transportHeader(int ssrc) {
        return new TransportHeader(TransportHeader.LowerTransport.TCP,
                new TransportHeader.PortPair(rtpChannel, rtpChannel + 1), null, null, String.format("%08X", ssrc))
                .format();
    }
}
