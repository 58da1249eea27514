package org.skynet.vms.adapters.rtp;

import java.time.Duration;
import java.time.Instant;

/**
 * Media time and wall time for one RTP source.
 *
 * <p>Media time: {@link #extend} turns 32-bit RTP timestamps into a 64-bit count that keeps
 * increasing across the 2^32 wrap (every 13.25 hours at 90 kHz). The first timestamp is taken as is;
 * each later one is placed within ±2^31 of the previous, so B-frame reordering and late packets step
 * back and wraps step forward.
 *
 * <p>Wall time: an anchor pairs an extended timestamp with an instant. The first packet's arrival
 * time is the anchor until an RTCP sender report gives the camera's own clock
 * ({@link #senderReport}), which then replaces it. Wall time is derived, never fed back into media
 * time. Not thread-safe; allocation-free on {@link #extend}.
 */
public final class RtpTimeline {
    private final int clockRateHz;
    private boolean started;
    private long last;
    private boolean anchored;
    private boolean anchoredBySenderReport;
    private long anchorTimestamp;
    private Instant anchorWallClock;

    /** @param clockRateHz RTP clock rate, e.g. 90 000 for video */
    public RtpTimeline(int clockRateHz) {
        if (clockRateHz <= 0) {
            throw new IllegalArgumentException("clockRateHz must be positive: " + clockRateHz);
        }
        this.clockRateHz = clockRateHz;
    }

    /** The RTP clock rate in Hz. */
    public int clockRateHz() {
        return clockRateHz;
    }

    /**
     * Extends a 32-bit timestamp and makes it the reference for the next one. The first call also
     * anchors wall time at {@code arrival} unless already anchored (a {@code null} arrival leaves it
     * unanchored).
     *
     * @param timestamp32 RTP timestamp, unsigned 32-bit
     * @param arrival     when the packet arrived, by our clock, or {@code null}
     * @return the extended timestamp in clock-rate units
     */
    public long extend(long timestamp32, Instant arrival) {
        last = extendNear(timestamp32);
        started = true;
        if (!anchored && arrival != null) {
            anchor(last, arrival, false);
        }
        return last;
    }

    /** Extends a timestamp relative to the last one without making it the reference. */
    public long extendNear(long timestamp32) {
        long ts = timestamp32 & 0xffff_ffffL;
        if (!started) {
            return ts;
        }
        int delta = (int) (ts - (last & 0xffff_ffffL));
        return last + delta;
    }

    /**
     * Anchors wall time with a sender report of this source. Ignored before the first packet, since
     * its RTP timestamp cannot be placed yet.
     */
    public void senderReport(RtcpSenderReport report) {
        if (started) {
            anchor(extendNear(report.rtpTimestamp()), report.ntpInstant(), true);
        }
    }

    /** Whether wall time currently comes from an RTCP sender report rather than arrival time. */
    public boolean anchoredBySenderReport() {
        return anchoredBySenderReport;
    }

    /** The wall-clock instant of an extended timestamp, or {@code null} when not anchored. */
    public Instant wallClock(long extendedTimestamp) {
        if (!anchored) {
            return null;
        }
        long ticks = extendedTimestamp - anchorTimestamp;
        // Exact integer maths for any realistic span (±292 years / clock rate); doubles beyond that.
        long nanos = Math.abs(ticks) < Long.MAX_VALUE / 1_000_000_000L
                ? ticks * 1_000_000_000L / clockRateHz
                : (long) (ticks * (1e9 / clockRateHz));
        return anchorWallClock.plus(Duration.ofNanos(nanos));
    }

    private void anchor(long timestamp, Instant wallClock, boolean fromSenderReport) {
        anchored = true;
        anchoredBySenderReport = fromSenderReport;
        anchorTimestamp = timestamp;
        anchorWallClock = wallClock;
    }
}
