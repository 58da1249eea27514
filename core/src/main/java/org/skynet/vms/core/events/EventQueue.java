package org.skynet.vms.core.events;

import java.util.ArrayDeque;

/**
 * The bounded outbox of one connection. {@link #offer} never blocks: when full, the oldest message is
 * dropped, and the next {@link #poll} returns a {@code resync} message (how many were dropped) before the
 * newer ones, so the client knows to reload the state over REST. Thread-safe.
 */
final class EventQueue {
    private final int capacity;
    private final ArrayDeque<String> messages = new ArrayDeque<>();
    private long dropped;
    private long droppedTotal;
    private boolean draining;

    EventQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
    }

    /**
     * Adds a message.
     *
     * @return true when the caller must start a drain (none is running or pending)
     */
    synchronized boolean offer(String json) {
        if (messages.size() == capacity) {
            messages.pollFirst();
            dropped++;
            droppedTotal++;
        }
        messages.addLast(json);
        if (draining) {
            return false;
        }
        draining = true;
        return true;
    }

    /** The next message to send, or null when empty (the drain then ends). */
    synchronized String poll() {
        if (dropped > 0) {
            String resync = "{\"type\":\"resync\",\"dropped\":" + dropped
                    + ",\"reason\":\"this connection was too slow; reload states and alarms over REST\"}";
            dropped = 0;
            return resync;
        }
        String m = messages.pollFirst();
        if (m == null) {
            draining = false;
        }
        return m;
    }

    synchronized int size() {
        return messages.size();
    }

    /** Messages dropped on this connection since it opened. */
    synchronized long droppedTotal() {
        return droppedTotal;
    }
}
