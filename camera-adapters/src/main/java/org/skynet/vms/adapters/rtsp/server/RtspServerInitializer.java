package org.skynet.vms.adapters.rtsp.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.adapters.rtsp.InterleavedFrameDecoder;

/**
 * Pipeline of one re-stream client, from the socket inwards: {@link InterleavedFrameDecoder} (splits
 * the client's {@code '$'} RTCP receiver reports from RTSP text), Netty's {@link RtspDecoder} /
 * {@link RtspEncoder} and {@link HttpObjectAggregator}, an idle timer, then {@link RtspServerHandler}.
 * RTP leaves through the framer's context, below the RTSP encoder.
 *
 * <p>Limits: request line 4 KiB, headers 8 KiB, body {@link #MAX_BODY_BYTES}; a client silent for
 * {@link #IDLE_SECONDS} (no request, no RTCP) is closed: that is the session timeout.
 */
public final class RtspServerInitializer extends ChannelInitializer<Channel> {
    /** Pipeline name of the framer; RTP is written from its context. */
    static final String FRAMER = "framer";
    /** The session timeout announced is 60 s; a client is dropped after twice that without a word. */
    static final int IDLE_SECONDS = 2 * RtspServerHandler.SESSION_TIMEOUT_SECONDS;
    static final int MAX_BODY_BYTES = 8 * 1024;

    private final StreamAccess access;
    private final Executor blocking;
    private final Duration parametersTimeout;

    /**
     * @param blocking          runs {@link StreamAccess} calls off the event loop
     * @param parametersTimeout how long DESCRIBE waits for a stream's parameter sets
     */
    public RtspServerInitializer(StreamAccess access, Executor blocking, Duration parametersTimeout) {
        this.access = access;
        this.blocking = blocking;
        this.parametersTimeout = parametersTimeout;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline().addLast(FRAMER, new InterleavedFrameDecoder())
                .addLast(new RtspDecoder(4096, 8192, MAX_BODY_BYTES))
                .addLast(new RtspEncoder())
                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast(new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                .addLast(new RtspServerHandler(access, blocking, parametersTimeout));
    }
}
