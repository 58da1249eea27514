package org.skynet.vms.recorder.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter and a cap: the delay before attempt {@code n} (0-based count of
 * failures so far) is {@code min(cap, initial × multiplier^n)} scaled by a random factor in
 * {@code [1 - jitter, 1 + jitter]}, then capped again. Jitter spreads the reconnects of many cameras
 * that lost the same switch at the same moment. Immutable and thread-safe.
 *
 * @param initial    delay after the first failure
 * @param cap        the longest delay
 * @param multiplier growth per failure, at least 1
 * @param jitter     relative spread in [0, 1)
 */
public record Backoff(Duration initial, Duration cap, double multiplier, double jitter) {

    /** 1 s, doubling, capped at 60 s, ±20 %. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2);

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(cap, "cap");
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= cap: " + initial + ", " + cap);
        }
        if (!(multiplier >= 1.0) || !(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter < 1: " + multiplier + ", " + jitter);
        }
    }

    /**
     * The delay before the next attempt after {@code failures} consecutive failures (at least 1 counts
     * as the first).
     *
     * @param random uniform values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}
     */
    public Duration delay(int failures, DoubleSupplier random) {
        int n = Math.max(0, failures - 1);
        double base = Math.min(cap.toNanos(), initial.toNanos() * Math.pow(multiplier, Math.min(n, 1000)));
        double factor = 1.0 + jitter * (2.0 * random.getAsDouble() - 1.0);
        return Duration.ofNanos((long) Math.min(cap.toNanos(), base * factor));
    }
}
