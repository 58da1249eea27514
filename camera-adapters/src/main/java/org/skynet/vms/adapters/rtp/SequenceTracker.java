package org.skynet.vms.adapters.rtp;

/**
 * Follows the 16-bit RTP sequence number of one source and reports gaps, after RFC 3550 Appendix A.1:
 * small backward steps are late or duplicate packets; a big jump is believed only when the next
 * packet continues from it (a restarted sender), otherwise the stray packet is dropped.
 * Not thread-safe; allocation-free.
 */
public final class SequenceTracker {
    /** {@link #accept} result: the packet is late or a duplicate (or a stray jump) and should be dropped. */
    public static final int DROP = -1;
    /** {@link #accept} result: the sequence restarted after a big jump; an unknown number of packets were lost. */
    public static final int RESYNC = Integer.MAX_VALUE;

    /** Largest forward jump taken as loss rather than a restart (RFC 3550 A.1 MAX_DROPOUT). */
    static final int MAX_DROPOUT = 3000;
    /** Largest backward step taken as reordering rather than a restart (RFC 3550 A.1 MAX_MISORDER). */
    static final int MAX_MISORDER = 100;

    private boolean started;
    private int expected;
    private int strayNext = -1;

    /**
     * Takes the next packet's sequence number.
     *
     * @return 0 when in order (or the first packet), n &gt; 0 when n packets are missing before this one,
     *         {@link #RESYNC} after a confirmed restart, or {@link #DROP}
     */
    public int accept(int sequenceNumber) {
        int seq = sequenceNumber & 0xffff;
        if (!started) {
            restart(seq);
            return 0;
        }
        int delta = (seq - expected) & 0xffff;
        if (delta < MAX_DROPOUT) {
            expected = (seq + 1) & 0xffff;
            strayNext = -1;
            return delta;
        }
        if (delta >= 0x10000 - MAX_MISORDER) {
            return DROP;
        }
        if (seq == strayNext) {
            restart(seq);
            return RESYNC;
        }
        strayNext = (seq + 1) & 0xffff;
        return DROP;
    }

    /** Forgets the source, e.g. after an SSRC change; the next packet is taken as the first. */
    public void reset() {
        started = false;
        strayNext = -1;
    }

    private void restart(int seq) {
        started = true;
        expected = (seq + 1) & 0xffff;
        strayNext = -1;
    }
}
