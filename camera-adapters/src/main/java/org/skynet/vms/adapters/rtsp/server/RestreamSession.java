package org.skynet.vms.adapters.rtsp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.rtp.RtpPacketizer;
import org.skynet.vms.adapters.rtp.h264.H264Packetizer;
import org.skynet.vms.adapters.rtp.h265.H265Packetizer;
import org.skynet.vms.adapters.rtsp.AccessUnitListener;
import org.skynet.vms.adapters.rtsp.InterleavedFrame;
import org.skynet.vms.adapters.rtsp.TransportHeader;

/**
 * One client's playing stream: access units from the ingest's thread are handed to the client's event
 * loop, packetized there (RFC 6184 / RFC 7798) and written as interleaved frames from the framer's
 * context, below the RTSP encoder.
 *
 * <p>Slow clients: at most {@link #MAX_PENDING_UNITS} units wait for the event loop; when that is full
 * or the socket is not writable, units are dropped up to the next keyframe, so the ingest thread never
 * waits and the client resumes with a decodable picture. Delivery starts at the first keyframe.
 */
final class RestreamSession implements AccessUnitListener {
    /** Units handed to the event loop and not yet written: about 2 s at 25 fps. */
    static final int MAX_PENDING_UNITS = 50;

    private final String id;
    private final ChannelHandlerContext out;
    private final int rtpChannel;
    private final RtpPacketizer packetizer;
    private final long ssrc;
    private final long timestampOffset;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong droppedUnits = new AtomicLong();
    /** Ingest thread only. */
    private boolean awaitingKeyframe = true;
    private volatile boolean closed;

    /**
     * @param out        the framer's context: frames are written below the RTSP encoder
     * @param rtpChannel interleaved channel of RTP; RTCP would use the next one
     */
    RestreamSession(String id, ChannelHandlerContext out, int rtpChannel, Codec codec) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.id = id;
        this.out = out;
        this.rtpChannel = rtpChannel;
        this.ssrc = random.nextLong(1L << 32);
        this.timestampOffset = random.nextLong(1L << 32);
        int firstSeq = random.nextInt(1 << 16);
        this.packetizer = codec == Codec.H265 ? new H265Packetizer(ssrc, firstSeq) : new H264Packetizer(ssrc, firstSeq);
    }

    String id() {
        return id;
    }

    /** Sequence number of the first packet to be sent, for {@code RTP-Info}. Event loop, before play. */
    int nextSequenceNumber() {
        return packetizer.nextSequenceNumber();
    }

    long droppedUnits() {
        return droppedUnits.get();
    }

    /** The {@code Transport} header of the SETUP answer. */
    String transportHeader() {
        return new TransportHeader(TransportHeader.LowerTransport.TCP,
                new TransportHeader.PortPair(rtpChannel, rtpChannel + 1), null, null, String.format("%08X", ssrc))
                .format();
    }

    /** Ingest thread: never blocks; drops to the next keyframe when the client falls behind. */
    @Override
    public void onAccessUnit(AccessUnit unit) {
        if (closed) {
            return;
        }
        if (pending.get() >= MAX_PENDING_UNITS || !out.channel().isWritable()) {
            awaitingKeyframe = true;
        }
        if (awaitingKeyframe && !unit.keyframe()) {
            droppedUnits.incrementAndGet();
            return;
        }
        awaitingKeyframe = false;
        pending.incrementAndGet();
        out.executor().execute(() -> {
            pending.decrementAndGet();
            send(unit);
        });
    }

    /** Event loop: no more units are written. */
    void close() {
        closed = true;
    }

    private void send(AccessUnit unit) {
        if (closed || !out.channel().isActive()) {
            return;
        }
        packetizer.packetize(unit, (unit.pts90k() + timestampOffset) & 0xffffffffL, (packet, length) -> {
            ByteBuf frame = out.alloc().buffer(InterleavedFrame.HEADER_BYTES + length);
            frame.writeByte('$').writeByte(rtpChannel).writeShort(length).writeBytes(packet, 0, length);
            out.write(frame, out.voidPromise());
        });
        out.flush();
    }
}
