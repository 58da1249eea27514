package org.skynet.vms.recorder.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.skynet.vms.adapters.media.AccessUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's group-of-pictures cache, the first sink of its {@link FanOut}: keeps the units since the
 * last keyframe so a new viewer starts with a picture at once, and relays every unit to its
 * {@link LiveSink}s. {@link #join} hands a sink the cached units and registers it in one step, so it
 * gets the group and every later unit exactly once: no gap, no repeat. Bounded: a group longer than
 * {@code maxUnits} or {@code maxBytes} is dropped and nothing is cached until the next keyframe.
 *
 * <p>Threading: {@link #accept} runs on the RTSP event loop, {@link #streamEnded} on the control thread,
 * {@link #join}, {@link #leave} and {@link #snapshot} on any thread; a short lock orders them.
 */
public final class GopCache implements AccessUnitSink {
    private static final Logger LOG = LoggerFactory.getLogger(GopCache.class);
    /** 20 s at 25 fps. */
    public static final int DEFAULT_MAX_UNITS = 500;
    /** Enough for 20 s at 12 Mbit/s. */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;

    private final String cameraId;
    private final int maxUnits;
    private final long maxBytes;
    private final List<LiveSink> sinks = new CopyOnWriteArrayList<>();
    private final List<AccessUnit> units = new ArrayList<>();
    private long bytes;

    public GopCache(String cameraId, int maxUnits, long maxBytes) {
        this.cameraId = cameraId;
        this.maxUnits = maxUnits;
        this.maxBytes = maxBytes;
    }

    /** Event loop: caches the unit (a keyframe starts a new group) and relays it to every sink. */
    @Override
    public synchronized void accept(AccessUnit unit, Instant arrival) {
        if (unit.keyframe()) {
            units.clear();
            bytes = 0;
        }
        if (!units.isEmpty() || unit.keyframe()) {
            if (units.size() < maxUnits && bytes + unit.sizeBytes() <= maxBytes) {
                units.add(unit);
                bytes += unit.sizeBytes();
            } else {
                units.clear();
                bytes = 0;
            }
        }
        for (LiveSink sink : sinks) {
            try {
                sink.accept(unit, arrival);
            } catch (RuntimeException e) {
                LOG.warn("{}: live consumer {} failed; unit skipped for it: {}", cameraId,
                        sink.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The stream broke: forgets the group (its successor starts at a new keyframe) and tells every sink. */
    public synchronized void streamEnded(Instant now) {
        units.clear();
        bytes = 0;
        for (LiveSink sink : sinks) {
            try {
                sink.streamEnded(now);
            } catch (RuntimeException e) {
                LOG.warn("{}: live consumer {} failed on stream end: {}", cameraId,
                        sink.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The units since the last keyframe now. */
    public synchronized GopSnapshot snapshot() {
        return units.isEmpty() ? GopSnapshot.EMPTY : new GopSnapshot(units.get(0).parameters(), units);
    }

    /**
     * Hands {@code sink} the cached group, oldest first (stamped {@code now}), then registers it for every
     * later unit, all in one step: the sink sees a keyframe first and no unit missing or twice.
     */
    public synchronized void join(LiveSink sink, Instant now) {
        for (AccessUnit unit : units) {
            sink.accept(unit, now);
        }
        sinks.add(sink);
    }

    /** Unregisters a sink; it gets no unit after this returns. */
    public synchronized void leave(LiveSink sink) {
        sinks.remove(sink);
    }

    /** Sinks registered now. */
    public int sinkCount() {
        return sinks.size();
    }
}
