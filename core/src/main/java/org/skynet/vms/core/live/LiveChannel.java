package org.skynet.vms.core.live;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.media.WallClockSource;
import org.skynet.vms.recorder.ingest.GopSnapshot;
import org.skynet.vms.recorder.ingest.IngestSession;
import org.skynet.vms.recorder.ingest.LiveSink;
import org.skynet.vms.recorder.live.LiveFragmenter;

/**
 * One camera's live stream for all its viewers: a {@link LiveSink} on the camera's ingest session that
 * muxes each unit once ({@link LiveFragmenter}) and offers the same bytes to every {@link LiveViewer}.
 * A viewer that joins gets the codec message, the init segment and the session's cached group of
 * pictures re-muxed on the same timeline, then the live fragments after it. A time message (the wall clock
 * of a fragment's decode time) goes before every keyframe's fragment and at least once a second of media.
 *
 * <p>Threading: {@link #accept} on the RTSP event loop, {@link #streamEnded} on the ingest control
 * thread, {@link #add}/{@link #remove} on API workers; this object's lock orders them. The lock is
 * never held while asking the session for its cache (the cache calls {@link #accept} under its own).
 */
final class LiveChannel implements LiveSink {
    /** Attempts to line a GOP snapshot up with the units already muxed before waiting for a keyframe. */
    private static final int JOIN_ATTEMPTS = 5;
    /** Media time between time messages when no keyframe comes: one second. */
    private static final long TIME_EVERY_90K = 90_000;

    private volatile IngestSession session;
    private final LiveFragmenter fragmenter = new LiveFragmenter();
    private final List<LiveViewer> viewers = new CopyOnWriteArrayList<>();
    private VideoParameters parameters;
    private String codecMessage;
    private byte[] init;
    private boolean streaming;
    private AccessUnit lastMuxed;
    private long lastTime90k;

    LiveChannel(IngestSession session) {
        this.session = session;
    }

    IngestSession session() {
        return session;
    }

    /**
     * Moves to the camera's new session (its old one was stopped: recording started or ended), keeping the
     * viewers and the timeline; they get {@code reconnecting}, then the new session's group of pictures.
     */
    void rebind(IngestSession next) {
        IngestSession old = session;
        old.leave(this);
        synchronized (this) {
            session = next;
            streamEnded(Instant.now());
        }
        next.join(this);
    }

    @Override
    public synchronized void accept(AccessUnit unit, Instant arrival) {
        if (!streaming && !unit.keyframe()) {
            return;
        }
        if (unit.keyframe() && unit.parameters() != null && !unit.parameters().sameParameterSets(parameters)) {
            parameters = unit.parameters();
            codecMessage = LiveMessages.codec(parameters);
            init = fragmenter.init(parameters);
            viewers.forEach(v -> v.start(codecMessage, init));
        } else if (!streaming) {
            viewers.forEach(v -> v.state(LiveMessages.LIVE));
        }
        streaming = true;
        byte[] fragment = fragmenter.next(unit);
        lastMuxed = unit;
        String time = null;
        long decodeTime90k = fragmenter.decodeTime90k(unit);
        if (unit.keyframe() || decodeTime90k - lastTime90k >= TIME_EVERY_90K || decodeTime90k < lastTime90k) {
            time = time(unit, arrival);
            lastTime90k = decodeTime90k;
        }
        for (LiveViewer v : viewers) {
            v.offer(fragment, unit.keyframe(), arrival, time);
        }
    }

    @Override
    public synchronized void streamEnded(Instant now) {
        if (streaming) {
            viewers.forEach(v -> v.state(LiveMessages.RECONNECTING));
        }
        streaming = false;
        lastMuxed = null;
        fragmenter.streamEnded();
    }

    /** Adds a viewer: it gets the current group of pictures at once when there is one. */
    void add(LiveViewer viewer) {
        for (int attempt = 0; attempt < JOIN_ATTEMPTS; attempt++) {
            GopSnapshot gop = session.gopSnapshot();
            synchronized (this) {
                int last = indexOf(gop.units(), lastMuxed);
                if (last >= 0 || attempt == JOIN_ATTEMPTS - 1 || !streaming) {
                    join(viewer, last < 0 ? List.of() : gop.units().subList(0, last + 1));
                    return;
                }
            }
            Thread.yield();
        }
    }

    /** Removes a viewer; whether none is left. */
    synchronized boolean remove(LiveViewer viewer) {
        viewers.remove(viewer);
        return viewers.isEmpty();
    }

    private void join(LiveViewer viewer, List<AccessUnit> cached) {
        viewers.add(viewer);
        if (init != null) {
            viewer.start(codecMessage, init);
        }
        if (!streaming) {
            viewer.state(init == null ? LiveMessages.CONNECTING : LiveMessages.RECONNECTING);
            return;
        }
        List<byte[]> fragments = fragmenter.replay(cached);
        for (int i = 0; i < fragments.size(); i++) {
            AccessUnit unit = cached.get(i);
            viewer.offer(fragments.get(i), unit.keyframe(), null, unit.keyframe() ? time(unit, null) : null);
        }
    }

    /**
     * The time message of a muxed unit: its wall clock (camera or server, as the ingest anchored it), else
     * its arrival here (server); null when neither is known (a replayed unit the ingest did not anchor).
     */
    private String time(AccessUnit unit, Instant arrival) {
        if (unit.wallClock() != null) {
            return LiveMessages.time(fragmenter.decodeTime90k(unit), unit.wallClock(), unit.wallClockSource());
        }
        return arrival == null ? null
                : LiveMessages.time(fragmenter.decodeTime90k(unit), arrival, WallClockSource.SERVER);
    }

    private static int indexOf(List<AccessUnit> units, AccessUnit unit) {
        for (int i = units.size() - 1; i >= 0; i--) {
            if (units.get(i) == unit) {
                return i;
            }
        }
        return -1;
    }
}
