package org.skynet.vms.core.ha;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the active honest: every {@code check} it asks PostgreSQL whether the lock session still holds
 * the lock, and a watchdog on another thread calls the step-down action once when a check fails, says
 * the lock is gone, or none has succeeded for {@code stepDown} (a check hung on a cut network). The
 * step-down action is called at most once, from one of the watch's threads.
 */
public final class LeaderWatch implements AutoCloseable {
    /** The question the watch asks; {@link LeaderLock#stillHeld()} in production. */
    @FunctionalInterface
    public interface LockCheck {
        boolean stillHeld() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(LeaderWatch.class);
    private static final Duration WATCHDOG_TICK = Duration.ofMillis(100);

    private final LockCheck lock;
    private final Consumer<String> stepDown;
    private final long stepDownNanos;
    private final AtomicBoolean lost = new AtomicBoolean();
    private final ScheduledExecutorService threads;
    private volatile long confirmedNanos;

    private LeaderWatch(LockCheck lock, Consumer<String> stepDown, Duration stepDownAfter) {
        this.lock = lock;
        this.stepDown = stepDown;
        this.stepDownNanos = stepDownAfter.toNanos();
        this.confirmedNanos = System.nanoTime();
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "leader-watch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching a lock that was confirmed just now.
     *
     * @param check         how often to ask
     * @param stepDownAfter step down when no check has succeeded for this long
     * @param stepDown      what to do, given the reason; called once
     */
    public static LeaderWatch start(LockCheck lock, Duration check, Duration stepDownAfter, Consumer<String> stepDown) {
        LeaderWatch watch = new LeaderWatch(lock, stepDown, stepDownAfter);
        watch.threads.scheduleWithFixedDelay(watch::check, check.toNanos(), check.toNanos(), TimeUnit.NANOSECONDS);
        watch.threads.scheduleAtFixedRate(watch::watchdog, WATCHDOG_TICK.toNanos(), WATCHDOG_TICK.toNanos(),
                TimeUnit.NANOSECONDS);
        return watch;
    }

    /** Whether the step-down action has been called. */
    public boolean lost() {
        return lost.get();
    }

    private void check() {
        try {
            if (lock.stillHeld()) {
                confirmedNanos = System.nanoTime();
            } else {
                lose("PostgreSQL says this process no longer holds the leader lock");
            }
        } catch (Exception e) {
            lose("the leader lock session failed: " + e.getMessage());
        }
    }

    private void watchdog() {
        long silentNanos = System.nanoTime() - confirmedNanos;
        if (silentNanos > stepDownNanos) {
            lose("the leader lock was not confirmed for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms");
        }
    }

    private void lose(String reason) {
        if (lost.compareAndSet(false, true)) {
            log.error("stepping down: {}", reason);
            stepDown.accept(reason);
        }
    }

    /** Stops watching (graceful shutdown: the lock is about to be released on purpose). */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
