package org.skynet.vms.core.ha;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watch's three ways to step down, and not stepping down while checks succeed. Short real timings. */
class LeaderWatchTest {
    private static final Duration CHECK = Duration.ofMillis(50);
    private static final Duration STEP_DOWN = Duration.ofMillis(400);

    @Test
    void aFailedCheckStepsDownAtOnce() throws Exception {
        CompletableFuture<String> reason = new CompletableFuture<>();
        long start = System.nanoTime();
        try (LeaderWatch watch = LeaderWatch.start(() -> {
            throw new SQLException("An I/O error occurred while sending to the backend.");
        }, CHECK, STEP_DOWN, reason::complete)) {
            String why = reason.get(5, TimeUnit.SECONDS);
            assertTrue(why.contains("session failed: An I/O error"), why);
            assertTrue(System.nanoTime() - start < STEP_DOWN.toNanos(), "a failed check must not wait for the watchdog");
            assertTrue(watch.lost());
        }
    }

    @Test
    void aLockNoLongerHeldStepsDown() throws Exception {
        CompletableFuture<String> reason = new CompletableFuture<>();
        try (LeaderWatch watch = LeaderWatch.start(() -> false, CHECK, STEP_DOWN, reason::complete)) {
            assertTrue(reason.get(5, TimeUnit.SECONDS).contains("no longer holds"));
        }
    }

    @Test
    void aHungCheckStepsDownAfterTheStepDownTime() throws Exception {
        CompletableFuture<String> reason = new CompletableFuture<>();
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();
        try (LeaderWatch watch = LeaderWatch.start(() -> {
            never.await();
            return true;
        }, CHECK, STEP_DOWN, reason::complete)) {
            String why = reason.get(5, TimeUnit.SECONDS);
            long after = System.nanoTime() - start;
            assertTrue(why.contains("not confirmed for"), why);
            assertTrue(after >= STEP_DOWN.toNanos(), "stepped down early: " + after + " ns");
        }
    }

    @Test
    void confirmedChecksKeepTheLeader() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(1);
        CompletableFuture<String> reason = new CompletableFuture<>();
        try (LeaderWatch watch = LeaderWatch.start(() -> {
            if (checks.incrementAndGet() == 20) {
                enough.countDown();
            }
            return true;
        }, CHECK, STEP_DOWN, reason::complete)) {
            assertTrue(enough.await(10, TimeUnit.SECONDS), "20 checks (1 s) did not run");
            assertFalse(watch.lost(), "stepped down while every check succeeded: " + reason.getNow(null));
        }
    }
}
