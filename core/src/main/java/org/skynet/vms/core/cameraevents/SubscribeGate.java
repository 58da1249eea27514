package org.skynet.vms.core.cameraevents;

import java.util.ArrayDeque;

/**
 * Lets at most {@code limit} subscribe handshakes run at once; the rest wait in arrival order. After a
 * network outage every watched camera re-subscribes, and this keeps that from becoming a storm of
 * thousands of simultaneous connections. Thread-safe.
 */
final class SubscribeGate {
    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    SubscribeGate(int limit) {
        this.limit = limit;
    }

    /** Runs {@code handshake} now if a slot is free, else when one is released. It must {@link #release()} once. */
    void enter(Runnable handshake) {
        synchronized (this) {
            if (running >= limit) {
                waiting.addLast(handshake);
                return;
            }
            running++;
        }
        handshake.run();
    }

    /** Frees a slot, starting the next waiting handshake in it. */
    void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                running--;
                return;
            }
        }
        next.run();
    }
}
