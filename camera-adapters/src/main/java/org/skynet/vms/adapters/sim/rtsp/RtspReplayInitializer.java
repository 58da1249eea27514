package org.skynet.vms.adapters.sim.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.InterleavedFrameDecoder;
import org.skynet.vms.adapters.sim.CameraChannels;
import org.skynet.vms.adapters.sim.ConnectionAdmissionHandler;
import org.skynet.vms.adapters.sim.PathDemultiplexer;
import org.skynet.vms.adapters.sim.RtspAuthScheme;

/**
 * Pipeline of one connection to a simulated camera's RTSP port, from the socket inwards:
 * {@link ConnectionAdmissionHandler}, {@link InterleavedFrameDecoder} (splits the client's
 * {@code '$'} RTCP frames from RTSP text), Netty's {@link RtspDecoder} / {@link RtspEncoder} and
 * {@link HttpObjectAggregator}, on a shared listener {@link PathDemultiplexer}, an idle timer, then
 * {@link RtspReplayHandler}. Interleaved RTP leaves
 * through the framer's context, below the RTSP encoder, which only takes RTSP messages.
 *
 * <p>Limits: request line 4 KiB, headers 8 KiB, body {@link #MAX_BODY_BYTES}; a connection silent
 * for {@link #IDLE_SECONDS} (no request, no RTCP) is closed, as a camera reaps a dead client's session.
 */
final class RtspReplayInitializer extends ChannelInitializer<Channel> {
    /** Pipeline name of the framer; RTP is written from its context. */
    static final String FRAMER = "framer";
    static final int IDLE_SECONDS = 2 * RtspReplayHandler.SESSION_TIMEOUT_SECONDS;
    static final int MAX_BODY_BYTES = 8 * 1024;

    private final ClipLibrary clips;
    private final Clock clock;
    private final RtspAuthScheme scheme;

    RtspReplayInitializer(ClipLibrary clips, Clock clock, RtspAuthScheme scheme) {
        this.clips = clips;
        this.clock = clock;
        this.scheme = scheme;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(ConnectionAdmissionHandler.INSTANCE)
                .addLast(FRAMER, new InterleavedFrameDecoder())
                .addLast(new RtspDecoder(4096, 8192, MAX_BODY_BYTES))
                .addLast(new RtspEncoder())
                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES));
        if (CameraChannels.multiplexed(ch)) {
            ch.pipeline().addLast(PathDemultiplexer.RTSP);
        }
        ch.pipeline().addLast(new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                .addLast(new RtspReplayHandler(clips, clock, scheme));
    }
}
