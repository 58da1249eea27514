package org.skynet.vms.adapters.rtp;

/** Receives RTP packets from a packetizer. */
@FunctionalInterface
public interface PacketSink {
    /**
     * Takes one whole RTP packet, {@code packet[0, length)}. The array is reused for the next packet:
     * copy what you keep before returning.
     */
    void accept(byte[] packet, int length);
}
