package org.skynet.vms.adapters.sim.onvif;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Open ONVIF pull-point subscriptions of all cameras of one server. Each remembers how many of its
 * camera's motion events it has delivered; PullMessages hands out the rest at once (no long poll).
 * Subscriptions lapse {@link #LIFETIME} after creation, their last pull or renewal (the requested
 * termination time is not honoured); lapsed ones are dropped
 * when a new one is created. At most {@link #MAX_SUBSCRIPTIONS} are open. Thread-safe.
 */
final class PullPointSubscriptions {
    static final Duration LIFETIME = Duration.ofMinutes(1);
    static final int MAX_SUBSCRIPTIONS = 200_000;

    private final Map<Long, Subscription> open = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** One subscription: which camera, how far it has read, until when it lives. */
    static final class Subscription {
        final long id;
        final String cameraId;
        long deliveredEvents;
        Instant terminationTime;

        Subscription(long id, String cameraId, long deliveredEvents, Instant terminationTime) {
            this.id = id;
            this.cameraId = cameraId;
            this.deliveredEvents = deliveredEvents;
            this.terminationTime = terminationTime;
        }
    }

    /**
     * Opens a subscription that sees the camera's motion events from now on.
     *
     * @throws VmsException LIMIT_EXCEEDED when {@link #MAX_SUBSCRIPTIONS} are open
     */
    Subscription create(SimulatedCamera camera, Instant now) {
        open.values().removeIf(s -> s.terminationTime.isBefore(now));
        if (open.size() >= MAX_SUBSCRIPTIONS) {
            throw new VmsException(ErrorKind.LIMIT_EXCEEDED, "too many pull-point subscriptions");
        }
        Subscription s = new Subscription(nextId.getAndIncrement(), camera.id(), camera.motionEvents(),
                now.plus(LIFETIME));
        open.put(s.id, s);
        return s;
    }

    /**
     * Takes up to {@code limit} undelivered motion events and renews the subscription.
     *
     * @return the number of events to send, 0 if none
     * @throws VmsException NOT_FOUND if the subscription is unknown, lapsed or another camera's
     */
    synchronized int pull(long id, SimulatedCamera camera, int limit, Instant now) {
        Subscription s = find(id, camera, now);
        long pending = camera.motionEvents() - s.deliveredEvents;
        int taken = (int) Math.min(pending, Math.max(1, limit));
        s.deliveredEvents += taken;
        s.terminationTime = now.plus(LIFETIME);
        return taken;
    }

    /** Extends a subscription by {@link #LIFETIME} from now. @throws VmsException NOT_FOUND as {@link #pull} */
    synchronized Instant renew(long id, SimulatedCamera camera, Instant now) {
        Subscription s = find(id, camera, now);
        s.terminationTime = now.plus(LIFETIME);
        return s.terminationTime;
    }

    /** Termination time of an open subscription. @throws VmsException NOT_FOUND as {@link #pull} */
    Instant terminationTime(long id, SimulatedCamera camera, Instant now) {
        return find(id, camera, now).terminationTime;
    }

    /** Closes a subscription. @throws VmsException NOT_FOUND as {@link #pull} */
    void unsubscribe(long id, SimulatedCamera camera, Instant now) {
        find(id, camera, now);
        open.remove(id);
    }

    int size() {
        return open.size();
    }

    private Subscription find(long id, SimulatedCamera camera, Instant now) {
        Subscription s = open.get(id);
        if (s == null || !s.cameraId.equals(camera.id()) || s.terminationTime.isBefore(now)) {
            throw VmsException.notFound("no pull-point subscription " + id + " on camera " + camera.id());
        }
        return s;
    }
}
