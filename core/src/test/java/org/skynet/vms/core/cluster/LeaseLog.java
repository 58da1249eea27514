package org.skynet.vms.core.cluster;

import java.util.ArrayList;
import java.util.List;

/** A listener that keeps every lease event with the time it came, for assertions. */
final class LeaseLog implements LeaseListener {
    /** One event: acquired or lost, when ({@link System#nanoTime}). */
    record Event(boolean acquired, String cameraId, long epoch, long nanos) {
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void acquired(String cameraId, long epoch) {
        events.add(new Event(true, cameraId, epoch, System.nanoTime()));
    }

    @Override
    public synchronized void lost(String cameraId, long epoch) {
        events.add(new Event(false, cameraId, epoch, System.nanoTime()));
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    /** When the camera was last lost, or -1. */
    synchronized long lostAt(String cameraId) {
        long at = -1;
        for (Event e : events) {
            if (!e.acquired() && e.cameraId().equals(cameraId)) {
                at = e.nanos();
            }
        }
        return at;
    }

    /** When the camera was first acquired at or after {@code since}, or -1. */
    synchronized long acquiredAfter(String cameraId, long since) {
        for (Event e : events) {
            if (e.acquired() && e.cameraId().equals(cameraId) && e.nanos() - since >= 0) {
                return e.nanos();
            }
        }
        return -1;
    }
}
