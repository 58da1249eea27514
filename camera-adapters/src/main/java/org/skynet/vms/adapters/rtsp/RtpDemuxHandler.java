package org.skynet.vms.adapters.rtsp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.HashMap;
import java.util.Map;
import org.skynet.vms.adapters.rtsp.TransportHeader.PortPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes interleaved frames to the {@link TrackReceiver} registered for their channel pair: the RTP
 * channel to {@link TrackReceiver#rtp}, the RTCP channel to {@link TrackReceiver#rtcp}. Frames of
 * channels nobody registered (tracks we did not set up, or data before PLAY) are released; the
 * first is logged at debug level. Last handler of the TCP pipeline; releases every frame.
 */
public final class RtpDemuxHandler extends SimpleChannelInboundHandler<InterleavedFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(RtpDemuxHandler.class);

    private final Map<Integer, TrackReceiver> rtp = new HashMap<>();
    private final Map<Integer, TrackReceiver> rtcp = new HashMap<>();
    private long unrouted;

    /** Sends frames of {@code channels} to {@code receiver}. Event loop only. */
    void register(PortPair channels, TrackReceiver receiver) {
        rtp.put(channels.rtp(), receiver);
        rtcp.put(channels.rtcp(), receiver);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, InterleavedFrame frame) {
        TrackReceiver r = rtp.get(frame.channel());
        if (r != null) {
            r.rtp(frame.payload().nioBuffer());
            return;
        }
        r = rtcp.get(frame.channel());
        if (r != null) {
            r.rtcp(frame.payload().nioBuffer());
            return;
        }
        if (unrouted++ == 0) {
            LOG.debug("dropping interleaved frames on unknown channel {}", frame.channel());
        }
    }
}
