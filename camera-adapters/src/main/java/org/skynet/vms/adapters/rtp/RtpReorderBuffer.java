package org.skynet.vms.adapters.rtp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * Puts the RTP packets of one source back into sequence order over a small window, for RTP over UDP
 * where packets may overtake each other. Put it in front of a depacketizer, which otherwise drops a
 * late packet and with it the rest of the GOP. Over RTSP/TCP (interleaved) packets never reorder:
 * do not use it there.
 *
 * <p>A packet that arrives in order while nothing is held is passed straight through, uncopied.
 * Otherwise packets are copied into one of {@code windowPackets} preallocated slots and released in
 * order. The first packet fixes where the sequence starts. A hole is given up on (and the depacketizer sees a gap) once a packet arrives
 * {@code windowPackets} or more ahead of it, so a hole delays delivery by at most that many packets;
 * {@link #flush} releases everything held, e.g. at teardown. Late packets (up to 100 behind) are passed
 * on, for the depacketizer to count and discard; any other jump restarts the sequence. Memory: {@code windowPackets × maxPacketBytes}, taken
 * up front. Not thread-safe; one per source.
 */
public final class RtpReorderBuffer {
    /** Packets this far behind are late; further back is a sender restart (RFC 3550 A.1 MAX_MISORDER). */
    private static final int MAX_LATE = 100;

    /** Receives packets in order. */
    @FunctionalInterface
    public interface Output {
        /**
         * Takes one packet, {@code packet} from position to limit; the buffer may be reused after the
         * call returns (a depacketizer's {@code parseAndPush} fits).
         */
        void accept(ByteBuffer packet, Instant arrival);
    }

    private final Output output;
    private final int window;
    private final int maxPacketBytes;
    private final ByteBuffer[] slots;
    private final Instant[] arrivals;
    private final boolean[] held;
    private int heldCount;
    private boolean started;
    private int expected;
    private long reordered;

    /**
     * @param windowPackets  packets that may be held while waiting for a missing one: a power of two,
     *                       2–1024 (so slots stay distinct across the sequence number wrap)
     * @param maxPacketBytes largest packet accepted, up to {@link RtpPacket#MAX_PACKET_BYTES}
     * @param output         where packets go, in sequence order
     */
    public RtpReorderBuffer(int windowPackets, int maxPacketBytes, Output output) {
        if (windowPackets < 2 || windowPackets > 1024 || Integer.bitCount(windowPackets) != 1) {
            throw new IllegalArgumentException("windowPackets out of range: " + windowPackets);
        }
        if (maxPacketBytes < RtpPacket.HEADER_BYTES || maxPacketBytes > RtpPacket.MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("maxPacketBytes out of range: " + maxPacketBytes);
        }
        this.output = Objects.requireNonNull(output, "output");
        this.window = windowPackets;
        this.maxPacketBytes = maxPacketBytes;
        this.slots = new ByteBuffer[windowPackets];
        for (int i = 0; i < windowPackets; i++) {
            slots[i] = ByteBuffer.allocate(maxPacketBytes);
        }
        this.arrivals = new Instant[windowPackets];
        this.held = new boolean[windowPackets];
    }

    /**
     * Takes one RTP packet ({@code packet} from position to limit, position unchanged); releases it
     * and any held packets that are now in order.
     *
     * @throws RtpException when the packet is shorter than an RTP header or longer than the slots
     */
    public void offer(ByteBuffer packet, Instant arrival) {
        int pos = packet.position();
        if (packet.remaining() < RtpPacket.HEADER_BYTES || packet.remaining() > maxPacketBytes) {
            throw RtpException.malformed("RTP packet of " + packet.remaining() + " bytes outside 12.."
                    + maxPacketBytes, packet);
        }
        int seq = packet.getShort(pos + 2) & 0xffff;
        if (!started) {
            started = true;
            expected = seq;
        }
        int ahead = (seq - expected) & 0xffff;
        if (ahead >= 0x10000 - MAX_LATE) {
            output.accept(packet, arrival); // late: the depacketizer counts and drops it
            return;
        }
        if (ahead == 0 && heldCount == 0) {
            expected = (seq + 1) & 0xffff;
            output.accept(packet, arrival);
            return;
        }
        if (ahead >= window) {
            if (ahead >= 2 * window) {
                flush(); // a jump (sender restart): nothing held can still be completed
                expected = seq;
            } else {
                while (((seq - expected) & 0xffff) >= window) {
                    releaseOrSkip();
                }
            }
        }
        if (((seq - expected) & 0xffff) != 0 || heldCount > 0) {
            reordered++;
        }
        int slot = seq & (window - 1);
        if (!held[slot]) {
            ByteBuffer b = slots[slot];
            b.clear();
            b.put(packet.duplicate()).flip();
            arrivals[slot] = arrival;
            held[slot] = true;
            heldCount++;
        }
        releaseInOrder();
    }

    /** Releases every held packet in sequence order, skipping holes. */
    public void flush() {
        while (heldCount > 0) {
            releaseOrSkip();
        }
    }

    /** Packets that were not in order on arrival, or arrived while others were held. */
    public long reorderedPackets() {
        return reordered;
    }

    private void releaseInOrder() {
        while (heldCount > 0 && held[expected & (window - 1)]) {
            releaseOrSkip();
        }
    }

    /** Releases the expected packet if held (else gives up on it) and moves on by one. */
    private void releaseOrSkip() {
        int slot = expected & (window - 1);
        expected = (expected + 1) & 0xffff;
        if (held[slot]) {
            held[slot] = false;
            heldCount--;
            Instant arrival = arrivals[slot];
            arrivals[slot] = null;
            output.accept(slots[slot], arrival);
        }
    }
}
