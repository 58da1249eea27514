package org.skynet.vms.adapters.rtsp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * One RTP or RTCP packet carried inside the RTSP connection (RFC 2326 §10.12): {@code '$'}, a
 * one-byte channel id, a two-byte big-endian length, then the packet. By the usual SETUP
 * convention an even channel carries RTP and the next odd one its RTCP.
 *
 * <p>The frame owns {@code payload}: whoever receives it releases it (or passes it on).
 *
 * @param channel interleaved channel id, 0–255
 * @param payload the RTP or RTCP packet, without the 4-byte interleave header
 */
public record InterleavedFrame(int channel, ByteBuf payload) implements ReferenceCounted {

    /** Bytes of the {@code '$'}, channel and length header in front of each frame. */
    public static final int HEADER_BYTES = 4;

    /** The largest payload the 16-bit length field can describe. */
    public static final int MAX_PAYLOAD_BYTES = 0xFFFF;

    public InterleavedFrame {
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("channel " + channel + " outside 0-255");
        }
        if (payload.readableBytes() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload of " + payload.readableBytes() + " bytes exceeds 65535");
        }
    }

    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public InterleavedFrame retain() {
        payload.retain();
        return this;
    }

    @Override
    public InterleavedFrame retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public InterleavedFrame touch() {
        payload.touch();
        return this;
    }

    @Override
    public InterleavedFrame touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }

    @Override
    public String toString() {
        return "InterleavedFrame[channel=" + channel + ", " + payload.readableBytes() + " bytes]";
    }
}
