package org.skynet.vms.core.monitor;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline (no fixed sleeps in tests). */
public final class Await {
    private Await() {
    }

    /** True as soon as {@code condition} holds, false when {@code timeout} passed first. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(5_000_000);
        }
        return condition.getAsBoolean();
    }
}
