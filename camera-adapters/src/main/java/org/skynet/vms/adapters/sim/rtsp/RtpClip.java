package org.skynet.vms.adapters.sim.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Objects;
import org.skynet.vms.adapters.media.Codec;

/**
 * A clip packetized once into RTP, shared by every camera and session that replays it. Each frame
 * is stored as ready-to-send TCP-interleaved packets ({@code '$'}, channel, length, 12-byte RTP
 * header, payload) with the marker bit and payload type as packetized; a session copies a frame and
 * patches only the channel, sequence numbers, timestamp and SSRC ({@link #writeFrame}).
 * Immutable and thread-safe.
 */
public final class RtpClip {
    /** RTP payload type every simulated stream uses (dynamic range, RFC 3551). */
    public static final int PAYLOAD_TYPE = 96;
    /** RTP clock rate of video (RFC 6184 / RFC 7798). */
    public static final int CLOCK_RATE_HZ = 90_000;
    static final int INTERLEAVE_HEADER_BYTES = 4;
    static final int RTP_HEADER_BYTES = 12;
    private static final int PACKET_OVERHEAD = INTERLEAVE_HEADER_BYTES + RTP_HEADER_BYTES;

    /**
     * One frame's RTP packets as a packetizer made them (12-byte header with marker and payload type
     * set; sequence number, timestamp and SSRC are overwritten per session).
     */
    public record Frame(boolean keyframe, List<byte[]> rtpPackets) {
        public Frame {
            if (rtpPackets.isEmpty()) {
                throw new IllegalArgumentException("a frame needs at least one RTP packet");
            }
            rtpPackets = List.copyOf(rtpPackets);
        }
    }

    private final Codec codec;
    private final int frameRate;
    private final int width;
    private final int height;
    private final String fmtp;
    private final byte[] data;
    private final int[] frameStart;
    private final int[] framePacketStart;
    private final int[] packetOffset;
    private final boolean[] keyframe;

    /**
     * @param codec codec of the payloads
     * @param frameRate frames per second, dividing 90,000 (e.g. 25 → 3600 ticks per frame)
     * @param width picture width, for the SDP and logs
     * @param height picture height
     * @param fmtp the SDP {@code a=fmtp} parameters after the payload type (parameter sets etc.)
     * @param frames the packetized frames in decoding order; the first must be a keyframe
     */
    public RtpClip(Codec codec, int frameRate, int width, int height, String fmtp, List<Frame> frames) {
        this.codec = Objects.requireNonNull(codec, "codec");
        if (frameRate <= 0 || CLOCK_RATE_HZ % frameRate != 0) {
            throw new IllegalArgumentException("frame rate must divide 90000: " + frameRate);
        }
        if (frames.isEmpty() || !frames.get(0).keyframe()) {
            throw new IllegalArgumentException("a clip must start with a keyframe");
        }
        this.frameRate = frameRate;
        this.width = width;
        this.height = height;
        this.fmtp = Objects.requireNonNull(fmtp, "fmtp");
        int packets = frames.stream().mapToInt(f -> f.rtpPackets().size()).sum();
        frameStart = new int[frames.size() + 1];
        framePacketStart = new int[frames.size() + 1];
        packetOffset = new int[packets];
        keyframe = new boolean[frames.size()];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        for (int f = 0; f < frames.size(); f++) {
            Frame frame = frames.get(f);
            frameStart[f] = out.size();
            framePacketStart[f] = p;
            keyframe[f] = frame.keyframe();
            for (byte[] packet : frame.rtpPackets()) {
                if (packet.length <= RTP_HEADER_BYTES || packet.length > 0xFFFF || (packet[0] & 0xC0) != 0x80) {
                    throw new IllegalArgumentException("not an RTP v2 packet that fits an interleaved frame: "
                            + packet.length + " bytes");
                }
                packetOffset[p++] = out.size() - frameStart[f];
                out.write('$');
                out.write(0);
                out.write(packet.length >> 8);
                out.write(packet.length);
                out.writeBytes(packet);
            }
        }
        frameStart[frames.size()] = out.size();
        framePacketStart[frames.size()] = p;
        data = out.toByteArray();
    }

    public Codec codec() {
        return codec;
    }

    public int frameRate() {
        return frameRate;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** SDP format parameters, e.g. {@code packetization-mode=1;sprop-parameter-sets=...}. */
    public String fmtp() {
        return fmtp;
    }

    public int frameCount() {
        return keyframe.length;
    }

    /** RTP timestamp increment per frame. */
    public int frameDuration90k() {
        return CLOCK_RATE_HZ / frameRate;
    }

    public boolean isKeyframe(int frame) {
        return keyframe[frame];
    }

    /** Number of RTP packets of a frame. */
    public int packetCount(int frame) {
        return framePacketStart[frame + 1] - framePacketStart[frame];
    }

    /** RTP payload bytes of a frame (the RTCP octet count), headers excluded. */
    public int payloadBytes(int frame) {
        return frameStart[frame + 1] - frameStart[frame] - PACKET_OVERHEAD * packetCount(frame);
    }

    /** Total bytes of the interleaved templates; what one shared copy of this clip costs. */
    public int templateBytes() {
        return data.length;
    }

    /**
     * Writes one frame as interleaved RTP packets into a new buffer, patched for one session.
     *
     * @param frame frame index in the clip
     * @param channel interleaved RTP channel
     * @param firstSeq sequence number of the frame's first packet (the rest follow, mod 2^16)
     * @param timestamp RTP timestamp of the frame
     * @param ssrc the session's SSRC
     * @return a buffer the caller owns and must write or release
     */
    public ByteBuf writeFrame(ByteBufAllocator alloc, int frame, int channel, int firstSeq, int timestamp, int ssrc) {
        int start = frameStart[frame];
        int length = frameStart[frame + 1] - start;
        ByteBuf buf = alloc.directBuffer(length);
        buf.writeBytes(data, start, length);
        int seq = firstSeq;
        for (int p = framePacketStart[frame]; p < framePacketStart[frame + 1]; p++) {
            int o = packetOffset[p];
            buf.setByte(o + 1, channel);
            buf.setShort(o + INTERLEAVE_HEADER_BYTES + 2, seq++);
            buf.setInt(o + INTERLEAVE_HEADER_BYTES + 4, timestamp);
            buf.setInt(o + INTERLEAVE_HEADER_BYTES + 8, ssrc);
        }
        return buf;
    }
}
