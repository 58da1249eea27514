package org.skynet.vms.adapters.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The recent events of one simulated camera, numbered from 0, and the pull requests waiting for the
 * next one. Keeps the last {@link #CAPACITY} events; a subscriber further behind loses the older
 * ones (as a real camera's bounded queue would). Waiters are one-shot {@link Runnable}s run on the
 * firing thread after the lock is released; they must only hand work over (e.g. to an event loop).
 * Thread-safe.
 */
public final class SimEventLog {
    /** Events kept per camera. */
    public static final int CAPACITY = 64;

    private final ArrayDeque<SimEvent> recent = new ArrayDeque<>();
    private final List<Runnable> waiters = new ArrayList<>();
    /** Number of the next event to be fired. */
    private long next;

    /** Appends an event and wakes every waiter. */
    public void fire(SimEvent event) {
        List<Runnable> woken;
        synchronized (this) {
            if (recent.size() == CAPACITY) {
                recent.pollFirst();
            }
            recent.addLast(event);
            next++;
            woken = List.copyOf(waiters);
            waiters.clear();
        }
        woken.forEach(Runnable::run);
    }

    /** The number the next fired event will get; a new subscriber starts reading there. */
    public synchronized long next() {
        return next;
    }

    /**
     * Up to {@code limit} kept events numbered {@code from} or later, oldest first. Events already dropped
     * from the log are skipped.
     */
    public synchronized Read read(long from, int limit) {
        long start = Math.max(from, next - recent.size());
        List<SimEvent> out = new ArrayList<>();
        long n = next - recent.size();
        for (SimEvent e : recent) {
            if (out.size() == limit) {
                break;
            }
            if (n++ >= start) {
                out.add(e);
            }
        }
        return new Read(out, start + out.size());
    }

    /**
     * The result of {@link #read}.
     *
     * @param events the events read
     * @param next the number to read from next time
     */
    public record Read(List<SimEvent> events, long next) {
    }

    /**
     * Registers {@code waiter} to run once when an event numbered {@code from} or later is fired.
     *
     * @return false, registering nothing, when such an event is already there
     */
    public synchronized boolean await(long from, Runnable waiter) {
        if (next > from) {
            return false;
        }
        waiters.add(waiter);
        return true;
    }

    /** Pull requests waiting now (for tests and diagnostics). */
    public synchronized int waiting() {
        return waiters.size();
    }

    /** Forgets a waiter that is no longer interested (timed out, connection closed). */
    public synchronized void cancel(Runnable waiter) {
        waiters.remove(waiter);
    }
}
