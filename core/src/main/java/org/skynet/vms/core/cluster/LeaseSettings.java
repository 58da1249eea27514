package org.skynet.vms.core.cluster;

import java.time.Duration;

/**
 * Timings and balancing knobs of the camera leases ({@code docs/design/scale-out.md}).
 *
 * @param ttl            how long a lease lasts without renewal, in the database's clock (default 15 s)
 * @param renewInterval  how often a keeper heartbeats, renews and balances (default TTL / 3)
 * @param fenceMargin    how long before its leases can expire a node that could not renew stops writing,
 *                       measured on its own monotonic clock from the start of its last successful renewal
 *                       (default TTL / 5)
 * @param marginFraction how far above its target a node may be before it sheds cameras, as a fraction of the
 *                       target (default 0.10)
 * @param minMargin      that margin in cameras, at least (default 2)
 * @param claimPerRound  at most this many cameras claimed per round (default 250: a node starting alone does not
 *                       grab far more than its share before the others are up)
 * @param shedPerRound   at least this many cameras released per round when over the margin, if the excess is as
 *                       large (default 5; a quarter of the excess when that is more)
 * @param syncInterval   how often a keeper creates lease rows for newly recorded cameras, deletes those of
 *                       cameras no longer recorded and recounts them (default 30 s)
 */
public record LeaseSettings(Duration ttl, Duration renewInterval, Duration fenceMargin, double marginFraction,
        int minMargin, int claimPerRound, int shedPerRound, Duration syncInterval) {

    public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);

    public LeaseSettings {
        requirePositive("ttl", ttl);
        requirePositive("renewInterval", renewInterval);
        requirePositive("fenceMargin", fenceMargin);
        requirePositive("syncInterval", syncInterval);
        if (renewInterval.plus(fenceMargin).compareTo(ttl) >= 0) {
            throw new IllegalArgumentException("renewInterval (" + renewInterval + ") + fenceMargin (" + fenceMargin
                    + ") must be shorter than ttl (" + ttl + "), or a healthy node would fence itself");
        }
        if (marginFraction < 0 || minMargin < 0) {
            throw new IllegalArgumentException("marginFraction and minMargin must be at least 0");
        }
        if (claimPerRound < 1 || shedPerRound < 1) {
            throw new IllegalArgumentException("claimPerRound and shedPerRound must be at least 1");
        }
    }

    /** The defaults for a lease time-to-live: renewal every TTL/3, fence margin TTL/5. */
    public static LeaseSettings of(Duration ttl) {
        return new LeaseSettings(ttl, ttl.dividedBy(3), ttl.dividedBy(5), 0.10, 2, 250, 5, Duration.ofSeconds(30));
    }

    /** The defaults: TTL 15 s. */
    public static LeaseSettings defaults() {
        return of(DEFAULT_TTL);
    }

    /** How far over its target {@code target} a node may be before it sheds. */
    public int margin(int target) {
        return Math.max(minMargin, (int) Math.ceil(marginFraction * target));
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
