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
 * connection is closed after {@code idle} without use, and dropped at once when the camera closes it.
 *
 * <p>Thread-safe: {@link #take} and {@link #offer} are called on any thread; the idle timers run on the
 * event loops.
 */
final class ProbeConnections implements AutoCloseable {
    private final EventLoopGroup group;
    private final int maxIdle;
    private final long idleNanos;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong reused = new AtomicLong();
    private volatile boolean closed;

    private record Kept(RtspConnection connection, ScheduledFuture<?> expiry) {
    }

    /**
     * @param maxIdle most connections kept at once (0: none, every probe opens its own)
     * @param idle    a kept connection unused this long is closed (longer than the probe interval, or
     *                nothing is ever reused)
     */
    ProbeConnections(EventLoopGroup group, int maxIdle, Duration idle) {
        this.group = group;
        this.maxIdle = maxIdle;
        this.idleNanos = idle.toNanos();
    }

    /** The camera's kept connection, now in the caller's hands, or null. */
    RtspConnection take(String cameraId) {
        Kept k = kept.remove(cameraId);
        if (k == null) {
            return null;
        }
        size.decrementAndGet();
        k.expiry.cancel(false);
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
        Kept[] self = new Kept[1];
        ScheduledFuture<?> expiry = group.next().schedule(() -> drop(cameraId, self[0]), idleNanos, TimeUnit.NANOSECONDS);
        self[0] = new Kept(connection, expiry);
        Kept previous = kept.put(cameraId, self[0]);
        if (previous != null) {
            size.decrementAndGet();
            previous.expiry.cancel(false);
            previous.connection.reset();
        }
        connection.terminated().whenComplete((v, e) -> drop(cameraId, self[0]));
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
            k.expiry.cancel(false);
            k.connection.reset();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Map.Entry<String, Kept> e : List.copyOf(kept.entrySet())) {
            drop(e.getKey(), e.getValue());
        }
    }
}
