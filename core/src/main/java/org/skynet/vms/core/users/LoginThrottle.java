package org.skynet.vms.core.users;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Limits password guessing per client address: after {@code maxFailures} failed logins within
 * {@code window}, further attempts from that address are refused until the oldest of those failures
 * is older than the window. Refused attempts cost no hashing, so a flood cannot eat the CPU either.
 * Per address rather than per username, so nobody can lock a known user (say {@code admin}) out.
 *
 * <p>In memory, per server: at most {@code maxAddresses} addresses are tracked (least recently seen
 * dropped first), so memory stays bounded under a spoofed-address flood. Takes {@code now} from the
 * caller. Thread-safe.
 */
public final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures;

    public LoginThrottle(int maxFailures, Duration window, int maxAddresses) {
        if (maxFailures < 1 || window.isNegative() || window.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("maxFailures, window and maxAddresses must be positive");
        }
        this.maxFailures = maxFailures;
        this.window = window;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxAddresses;
            }
        };
    }

    /** Empty when the address may try now; otherwise how long it must wait. */
    public synchronized Optional<Duration> retryAfter(String address, Instant now) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return Optional.empty();
        }
        expire(times, now);
        if (times.size() < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, times.peekFirst().plus(window)));
    }

    /** Counts a failed login; true when this failure is the one that blocks the address. */
    public synchronized boolean failed(String address, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        expire(times, now);
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
        return times.size() == maxFailures;
    }

    /** A successful login from the address forgets its failures. */
    public synchronized void succeeded(String address) {
        failures.remove(address);
    }

    private void expire(Deque<Instant> times, Instant now) {
        Instant oldestKept = now.minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(oldestKept)) {
            times.removeFirst();
        }
    }
}
