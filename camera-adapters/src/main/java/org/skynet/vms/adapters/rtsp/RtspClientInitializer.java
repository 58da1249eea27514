package org.skynet.vms.adapters.rtsp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;

/**
 * Builds the pipeline of one RTSP client connection, from the socket inwards:
 * {@link InterleavedFrameDecoder} → Netty's {@link RtspDecoder} / {@link RtspEncoder} →
 * {@link HttpObjectAggregator} → {@link RtspSessionHandler} → {@link RtpDemuxHandler}. While playing
 * over TCP, an {@code IdleStateHandler} is added at the front for the no-data timeout.
 *
 * <p>Limits: {@value #MAX_INITIAL_LINE_BYTES} bytes for the status line,
 * {@link InterleavedFrameDecoder#DEFAULT_MAX_HEADER_BYTES} for headers and
 * {@link InterleavedFrameDecoder#DEFAULT_MAX_BODY_BYTES} for a body, enforced twice (by our splitter
 * and by Netty's decoder and aggregator).
 */
public final class RtspClientInitializer extends ChannelInitializer<Channel> {
    /** Longest status line accepted. */
    public static final int MAX_INITIAL_LINE_BYTES = 4096;

    /** Pipeline name of the session handler. */
    public static final String SESSION = "rtsp-session";
    /** Pipeline name of the interleaved splitter; the idle handler goes in front of it. */
    public static final String FRAMES = "rtsp-frames";

    private final RtspSource source;
    private final RtspAuthenticator authenticator;

    /**
     * @param source        the camera (its URL, without credentials, is used in messages)
     * @param authenticator answers challenges; one per connection
     */
    public RtspClientInitializer(RtspSource source, RtspAuthenticator authenticator) {
        this.source = source;
        this.authenticator = authenticator;
    }

    @Override
    protected void initChannel(Channel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast(FRAMES, new InterleavedFrameDecoder());
        p.addLast("rtsp-decoder", new RtspDecoder(MAX_INITIAL_LINE_BYTES,
                InterleavedFrameDecoder.DEFAULT_MAX_HEADER_BYTES, InterleavedFrameDecoder.DEFAULT_MAX_BODY_BYTES));
        p.addLast("rtsp-encoder", new RtspEncoder());
        p.addLast("rtsp-aggregator", new HttpObjectAggregator(InterleavedFrameDecoder.DEFAULT_MAX_BODY_BYTES));
        p.addLast(SESSION, new RtspSessionHandler(source.requestUrl(), authenticator, source.timeouts()));
        p.addLast("rtp-demux", new RtpDemuxHandler());
    }
}
