package org.skynet.vms.core.monitor;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.adapters.rtsp.RtspConnection;

/**
 * RTSP connections kept open between probes of the same camera, so a probe is one request on an open
 * connection instead of connect, request and close. Bounded: at most {@code maxIdle} connections are kept
 * (one per camera); a probe that finds the pool full closes its connection as before, so 160,000 cameras
 * never hold 160,000 sockets (those beyond the bound simply get no reuse, the pool does not churn). A kept
 * connection is closed once unused for {@code idle} (found by one sweep of the pool every quarter of {@code idle},
 * so after up to 1.25 × {@code idle}: a timer per connection, cancelled and set again on every probe, cost more
 * than the reuse saved in timer-queue work on the event loops), and dropped at once when the camera closes it.
 *
 * <p>Thread-safe: {@link #take} and {@link #offer} are called on any thread; the sweep runs on an event loop.
 */
final class ProbeConnections implements AutoCloseable {
    private final int maxIdle;
    private final long idleNanos;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong reused = new AtomicLong();
    private final ScheduledFuture<?> sweep;
    private volatile boolean closed;

    private record Kept(RtspConnection connection, long keptSinceNanos) {
    }

    /**
     * @param maxIdle most connections kept at once (0: none, every probe opens its own)
     * @param idle    a kept connection unused this long is closed (longer than the probe interval, or
     *                nothing is ever reused)
     */
    ProbeConnections(EventLoopGroup group, int maxIdle, Duration idle) {
        this.maxIdle = maxIdle;
        this.idleNanos = idle.toNanos();
        long every = Math.max(1, idleNanos / 4);
        this.sweep = maxIdle == 0 ? null
                : group.next().scheduleAtFixedRate(this::closeIdle, every, every, TimeUnit.NANOSECONDS);
    }

    /** The camera's kept connection, now in the caller's hands, or null. */
    RtspConnection take(String cameraId) {
        Kept k = kept.remove(cameraId);
        if (k == null) {
            return null;
        }
        size.decrementAndGet();
        reused.incrementAndGet();
        return k.connection;
    }

    /** Keeps a connection that just answered, or closes it when the pool is full or closed. */
    void offer(String cameraId, RtspConnection connection) {
        if (closed || size.incrementAndGet() > maxIdle) {
            size.decrementAndGet();
            connection.reset();
            return;
        }
        Kept previous = kept.put(cameraId, new Kept(connection, System.nanoTime()));
        if (previous != null) {
            size.decrementAndGet();
            previous.connection.reset();
        }
    }

    /**
     * Watches a connection just opened for the camera, once: when the camera closes it while it is kept, it is
     * dropped from the pool at once. (Registered per connection, not per {@link #offer}: a connection kept for days
     * is offered on every probe, and a callback each time would pile up on it.)
     */
    void watch(String cameraId, RtspConnection connection) {
        connection.terminated().whenComplete((v, e) -> {
            Kept k = kept.get(cameraId);
            if (k != null && k.connection == connection) {
                drop(cameraId, k);
            }
        });
    }

    /** Probes answered on a kept connection so far. */
    long reused() {
        return reused.get();
    }

    /** Connections kept now. */
    int size() {
        return size.get();
    }

    private void drop(String cameraId, Kept k) {
        if (k != null && kept.remove(cameraId, k)) {
            size.decrementAndGet();
            k.connection.reset();
        }
    }

    private void closeIdle() {
        long now = System.nanoTime();
        kept.forEach((cameraId, k) -> {
            if (now - k.keptSinceNanos >= idleNanos) {
                drop(cameraId, k);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        if (sweep != null) {
            sweep.cancel(false);
        }
        for (Map.Entry<String, Kept> e : List.copyOf(kept.entrySet())) {
            drop(e.getKey(), e.getValue());
        }
    }
}
