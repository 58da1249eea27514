package org.skynet.vms.core.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Added latency of live video: from an access unit's arrival from the camera to its fragment being
 * written to a viewer's socket, kept for the latest {@value #SAMPLES} fragments (all viewers) so
 * percentiles can be read (benchmarks, metrics). Thread-safe; recording is one short lock.
 */
public final class LiveLatency {
    private static final int SAMPLES = 65_536;

    private final Clock clock;
    private final long[] micros = new long[SAMPLES];
    private long count;

    public LiveLatency(Clock clock) {
        this.clock = clock;
    }

    /** Notes that a fragment of a unit that arrived at {@code arrival} is on the wire now. */
    void sent(Instant arrival) {
        long us = Duration.between(arrival, clock.instant()).toNanos() / 1000;
        synchronized (this) {
            micros[(int) (count++ % SAMPLES)] = us;
        }
    }

    /** The {@code p}-th percentile (0 to 100) of the kept samples in milliseconds, or -1 with none. */
    public synchronized double percentileMillis(double p) {
        int n = (int) Math.min(count, SAMPLES);
        if (n == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(micros, n);
        Arrays.sort(sorted);
        int rank = Math.max(0, Math.min(n - 1, (int) Math.ceil(p / 100 * n) - 1));
        return sorted[rank] / 1000.0;
    }

    /** Forgets the samples (e.g. after a warm-up). */
    public synchronized void reset() {
        count = 0;
    }
}
