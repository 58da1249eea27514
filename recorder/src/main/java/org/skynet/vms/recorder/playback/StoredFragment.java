package org.skynet.vms.recorder.playback;

import java.time.Instant;

/**
 * Where one {@code moof}+{@code mdat} pair sits in a segment file, and when it plays.
 *
 * @param offset      file offset of the {@code moof}
 * @param moofBytes   size of the {@code moof}
 * @param totalBytes  size of the {@code moof} plus the {@code mdat}
 * @param samples     samples in the fragment
 * @param duration90k sum of the sample durations, 90 kHz ticks
 * @param startWall   the segment's wall start plus the fragment's {@code tfdt}
 */
record StoredFragment(long offset, int moofBytes, long totalBytes, int samples, long duration90k, Instant startWall) {

    /** The wall time where the fragment's last sample ends. */
    Instant endWall() {
        return startWall.plusNanos(duration90k * 100_000 / 9);
    }

    /** Whether the fragment plays at some instant of {@code [from, to)}. */
    boolean overlaps(Instant from, Instant to) {
        return startWall.isBefore(to) && endWall().isAfter(from);
    }
}
