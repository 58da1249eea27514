package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void blocksAfterMaxFailuresUntilTheOldestAgesOut() {
        LoginThrottle t = new LoginThrottle(3, WINDOW, 100);
        assertFalse(t.failed("192.0.2.1", T0));
        assertFalse(t.failed("192.0.2.1", T0.plusSeconds(60)));
        assertEquals(Optional.empty(), t.retryAfter("192.0.2.1", T0.plusSeconds(61)));
        assertTrue(t.failed("192.0.2.1", T0.plusSeconds(120)), "the third failure blocks");

        assertEquals(Optional.of(Duration.ofSeconds(170)), t.retryAfter("192.0.2.1", T0.plusSeconds(130)));
        assertEquals(Optional.empty(), t.retryAfter("192.0.2.2", T0.plusSeconds(130)), "other addresses are not affected");
        assertEquals(Optional.empty(), t.retryAfter("192.0.2.1", T0.plus(WINDOW)), "the first failure has aged out");
    }

    @Test
    void successForgetsFailures() {
        LoginThrottle t = new LoginThrottle(2, WINDOW, 100);
        t.failed("192.0.2.1", T0);
        t.succeeded("192.0.2.1");
        assertFalse(t.failed("192.0.2.1", T0));
        assertEquals(Optional.empty(), t.retryAfter("192.0.2.1", T0));
    }

    @Test
    void trackedAddressesAreBounded() {
        LoginThrottle t = new LoginThrottle(1, WINDOW, 2);
        t.failed("192.0.2.1", T0);
        t.failed("192.0.2.2", T0);
        t.failed("192.0.2.3", T0);
        assertEquals(Optional.empty(), t.retryAfter("192.0.2.1", T0), "the least recently seen address was dropped");
        assertTrue(t.retryAfter("192.0.2.3", T0).isPresent());
    }
}
