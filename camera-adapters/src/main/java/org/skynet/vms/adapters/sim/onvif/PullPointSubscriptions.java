package org.skynet.vms.adapters.sim.onvif;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimEventLog;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Open ONVIF pull-point subscriptions of all cameras of one server. Each reads its camera's
 * {@link org.skynet.vms.adapters.sim.SimEventLog} from where it was created, so it sees the events fired
 * after that, each once. A subscription lives for the duration asked for in CreatePullPointSubscription
 * or Renew (clamped to {@link #MIN_LIFETIME}..{@link #MAX_LIFETIME}, {@link #DEFAULT_LIFETIME} when not
 * asked), counted again from each pull; lapsed ones are dropped when a new one is created. At most
 * {@link #MAX_SUBSCRIPTIONS} are open. Thread-safe.
 */
final class PullPointSubscriptions {
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(1);
    static final Duration MIN_LIFETIME = Duration.ofSeconds(1);
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    static final int MAX_SUBSCRIPTIONS = 200_000;

    private final Map<Long, Subscription> open = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** One subscription: which camera, the number of the next event to deliver, until when it lives. */
    static final class Subscription {
        final long id;
        final String cameraId;
        long nextEvent;
        Duration lifetime;
        Instant terminationTime;

        Subscription(long id, String cameraId, long nextEvent, Duration lifetime, Instant terminationTime) {
            this.id = id;
            this.cameraId = cameraId;
            this.nextEvent = nextEvent;
            this.lifetime = lifetime;
            this.terminationTime = terminationTime;
        }
    }

    /**
     * Opens a subscription that sees the camera's events from now on.
     *
     * @param lifetime the requested initial termination, relative to now; null for the default
     * @throws VmsException LIMIT_EXCEEDED when {@link #MAX_SUBSCRIPTIONS} are open
     */
    Subscription create(SimulatedCamera camera, Instant now, Duration lifetime) {
        open.values().removeIf(s -> s.terminationTime.isBefore(now));
        if (open.size() >= MAX_SUBSCRIPTIONS) {
            throw new VmsException(ErrorKind.LIMIT_EXCEEDED, "too many pull-point subscriptions");
        }
        Duration life = clamp(lifetime);
        Subscription s = new Subscription(nextId.getAndIncrement(), camera.id(), camera.events().next(), life,
                now.plus(life));
        open.put(s.id, s);
        return s;
    }

    /**
     * Takes up to {@code limit} (at least 1) undelivered events and extends the subscription by its lifetime.
     *
     * @return the events, oldest first, possibly none
     * @throws VmsException NOT_FOUND if the subscription is unknown, lapsed or another camera's
     */
    synchronized List<SimEvent> take(long id, SimulatedCamera camera, int limit, Instant now) {
        Subscription s = find(id, camera, now);
        SimEventLog.Read read = camera.events().read(s.nextEvent, Math.max(1, limit));
        s.nextEvent = read.next();
        s.terminationTime = now.plus(s.lifetime);
        return read.events();
    }

    /** The number of the next event this subscription delivers. @throws VmsException NOT_FOUND as {@link #take} */
    synchronized long nextEvent(long id, SimulatedCamera camera, Instant now) {
        return find(id, camera, now).nextEvent;
    }

    /**
     * Extends a subscription to now plus {@code lifetime} (clamped; the previous lifetime when null).
     *
     * @throws VmsException NOT_FOUND as {@link #take}
     */
    synchronized Instant renew(long id, SimulatedCamera camera, Instant now, Duration lifetime) {
        Subscription s = find(id, camera, now);
        if (lifetime != null) {
            s.lifetime = clamp(lifetime);
        }
        s.terminationTime = now.plus(s.lifetime);
        return s.terminationTime;
    }

    /** Termination time of an open subscription. @throws VmsException NOT_FOUND as {@link #take} */
    Instant terminationTime(long id, SimulatedCamera camera, Instant now) {
        return find(id, camera, now).terminationTime;
    }

    /** Closes a subscription. @throws VmsException NOT_FOUND as {@link #take} */
    void unsubscribe(long id, SimulatedCamera camera, Instant now) {
        find(id, camera, now);
        open.remove(id);
    }

    int size() {
        return open.size();
    }

    private static Duration clamp(Duration requested) {
        if (requested == null) {
            return DEFAULT_LIFETIME;
        }
        return requested.compareTo(MIN_LIFETIME) < 0 ? MIN_LIFETIME
                : requested.compareTo(MAX_LIFETIME) > 0 ? MAX_LIFETIME : requested;
    }

    private Subscription find(long id, SimulatedCamera camera, Instant now) {
        Subscription s = open.get(id);
        if (s == null || !s.cameraId.equals(camera.id()) || s.terminationTime.isBefore(now)) {
            throw VmsException.notFound("no pull-point subscription " + id + " on camera " + camera.id());
        }
        return s;
    }
}
