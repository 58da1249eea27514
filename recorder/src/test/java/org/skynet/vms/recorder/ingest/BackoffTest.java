package org.skynet.vms.recorder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.2);

    @Test
    void doublesFromInitialWithoutJitterAtTheMiddle() {
        assertEquals(Duration.ofMillis(100), backoff.delay(1, () -> 0.5));
        assertEquals(Duration.ofMillis(200), backoff.delay(2, () -> 0.5));
        assertEquals(Duration.ofMillis(400), backoff.delay(3, () -> 0.5));
        assertEquals(Duration.ofMillis(100), backoff.delay(0, () -> 0.5), "no failure yet counts as the first");
    }

    @Test
    void jitterStaysWithinItsBand() {
        Random r = new Random(42);
        for (int i = 0; i < 1000; i++) {
            long ms = backoff.delay(3, r::nextDouble).toMillis();
            assertTrue(ms >= 320 && ms <= 480, "delay " + ms);
        }
        assertEquals(Duration.ofMillis(80), backoff.delay(1, () -> 0.0));
        assertEquals(119, backoff.delay(1, () -> 0.999999).toMillis());
    }

    @Test
    void cappedEvenWithJitterAndHugeAttemptCounts() {
        assertEquals(Duration.ofSeconds(10), backoff.delay(30, () -> 0.999));
        assertEquals(Duration.ofSeconds(10), backoff.delay(Integer.MAX_VALUE, () -> 0.999));
        assertEquals(Duration.ofSeconds(8), backoff.delay(Integer.MAX_VALUE, () -> 0.0));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.0));
    }
}
