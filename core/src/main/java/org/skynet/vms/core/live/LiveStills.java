package org.skynet.vms.core.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.recording.RecordingService;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.ingest.IngestSession;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.ingest.IngestState;
import org.skynet.vms.recorder.snapshot.KeyframeDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live video as still pictures, for browsers that cannot play the camera's codec (H.265 in most of them):
 * the latest keyframe of the camera's one ingest session, decoded with FFmpeg and encoded as JPEG once per
 * keyframe ({@link StillSource}), however many viewers ask.
 *
 * <p>A viewer (user and address) that asks for a camera's still holds a lease on it, renewed by every ask:
 * the first lease of a camera joins its ingest session (the recording one, or one opened for viewers, as
 * for the WebSocket), and a lease not renewed for {@code idle} ends; the last one leaves the session, and a
 * session opened for viewers closes. The start and end of each viewer's watch are audited
 * ({@code live.start} / {@code live.stop}, detail {@code jpeg ...}), not every picture. When the session is
 * stopped under the viewers (recording started or ended) the source follows the camera to its new session.
 *
 * <p>Blocking (database, waiting for a decode): call from API workers. Thread-safe.
 */
public final class LiveStills implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveStills.class);
    /** Default time a viewer's lease lasts without an ask. */
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(10);
    /** Default widest JPEG in pixels; wider pictures are scaled down (aspect kept). */
    public static final int DEFAULT_MAX_WIDTH = 1920;
    /** Longest wait for a decode before the ask fails with TIMEOUT. */
    private static final Duration DECODE_WAIT = Duration.ofSeconds(10);

    /** One viewer of one camera. */
    private record Viewer(String cameraId, String user, String address) {
    }

    /** A viewer's watch: when it started, its last ask, how many pictures it got. */
    private static final class Lease {
        final Instant start;
        Instant lastAsk;
        long asks;

        Lease(Instant start) {
            this.start = start;
            this.lastAsk = start;
        }
    }

    private final RecordingService recording;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration idle;
    private final ExecutorService decodeExecutor;
    private final KeyframeDecoder decoder;
    private final AtomicLong decodes = new AtomicLong();
    private final Map<String, StillSource> sources = new HashMap<>();
    private final Map<Viewer, Lease> leases = new HashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vms-live-stills");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param idle          a viewer's lease ends this long after its last ask
     * @param maxWidth      widest JPEG in pixels
     * @param decodeThreads threads decoding keyframes (CPU: a 1080p H.265 keyframe takes some 20-50 ms)
     */
    public LiveStills(RecordingService recording, AuditLog audit, Clock clock, Duration idle, int maxWidth,
            int decodeThreads) {
        this.recording = recording;
        this.audit = audit;
        this.clock = clock;
        this.idle = idle;
        this.decodeExecutor = KeyframeDecoder.newExecutor(decodeThreads);
        this.decoder = new KeyframeDecoder(decodeExecutor, KeyframeDecoder.DEFAULT_MAX_INPUT_BYTES,
                KeyframeDecoder.DEFAULT_MAX_PIXELS, maxWidth);
        long period = Math.max(100, Math.min(1000, idle.toMillis() / 2));
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The latest still of a camera the caller may watch (check with {@link LiveService#camera} first), and
     * the renewal of the caller's lease on it.
     *
     * @throws StillUnavailable when there is no keyframe yet, with the reason (connecting, down, waiting)
     * @throws VmsException UNREACHABLE when the camera is disabled or has no RTSP URL; TIMEOUT, PROTOCOL or
     *     LIMIT_EXCEEDED when the keyframe could not be decoded
     */
    public LiveStill latest(String cameraId, String user, String address) {
        StillSource source = lease(new Viewer(cameraId, user, address));
        CompletableFuture<LiveStill> still = source.latest();
        if (still == null) {
            throw new StillUnavailable(cameraId + ": " + whyNoPicture(source.session().snapshot()));
        }
        try {
            return still.get(DECODE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new VmsException(ErrorKind.TIMEOUT, cameraId + ": the keyframe was not decoded within "
                    + DECODE_WAIT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VmsException v) {
                throw new VmsException(v.kind(), cameraId + ": " + v.getMessage(), v);
            }
            throw new VmsException(ErrorKind.INTERNAL, cameraId + ": decoding the keyframe failed: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VmsException(ErrorKind.INTERNAL, cameraId + ": interrupted waiting for the decode", e);
        }
    }

    /** Keyframe decodes started since the server started (one per keyframe asked for, not per viewer). */
    public long decodes() {
        return decodes.get();
    }

    /** Cameras with still viewers now. */
    public synchronized int cameras() {
        return sources.size();
    }

    private StillSource lease(Viewer viewer) {
        boolean started;
        StillSource source;
        synchronized (this) {
            source = sources.get(viewer.cameraId());
            if (source == null) {
                source = new StillSource(viewer.cameraId(), recording.viewerSession(viewer.cameraId()), decoder, decodes);
                source.session().join(source);
                sources.put(viewer.cameraId(), source);
            }
            Lease lease = leases.get(viewer);
            started = lease == null;
            if (started) {
                lease = new Lease(clock.instant());
                leases.put(viewer, lease);
            }
            lease.lastAsk = clock.instant();
            lease.asks++;
        }
        if (started) {
            audit.record(viewer.user(), "live.start", viewer.cameraId(), "jpeg", viewer.address());
        }
        return source;
    }

    /** Ends idle leases, releases cameras without viewers, follows stopped sessions. Runs on its own thread. */
    void sweep() {
        try {
            Instant now = clock.instant();
            Map<Viewer, Lease> ended = new HashMap<>();
            List<StillSource> stopped = new ArrayList<>();
            synchronized (this) {
                for (Iterator<Map.Entry<Viewer, Lease>> it = leases.entrySet().iterator(); it.hasNext();) {
                    Map.Entry<Viewer, Lease> e = it.next();
                    if (!e.getValue().lastAsk.plus(idle).isAfter(now)) {
                        ended.put(e.getKey(), e.getValue());
                        it.remove();
                    }
                }
                Set<String> watched = new HashSet<>();
                leases.keySet().forEach(v -> watched.add(v.cameraId()));
                for (Iterator<StillSource> it = sources.values().iterator(); it.hasNext();) {
                    StillSource source = it.next();
                    if (!watched.contains(source.cameraId())) {
                        it.remove();
                        source.session().leave(source);
                        recording.releaseViewerSession(source.cameraId());
                    } else if (source.session().snapshot().state() == IngestState.STOPPED) {
                        stopped.add(source);
                    }
                }
                for (StillSource source : stopped) {
                    try {
                        source.rebind(recording.viewerSession(source.cameraId()));
                    } catch (VmsException e) {
                        LOG.warn("{}: still viewers cannot follow the camera to a new session: {}", source.cameraId(),
                                e.getMessage());
                    }
                }
            }
            ended.forEach((v, lease) -> audit.record(v.user(), "live.stop", v.cameraId(), "jpeg from=" + lease.start
                    + " to=" + lease.lastAsk + " stills=" + lease.asks, v.address()));
        } catch (RuntimeException e) {
            LOG.warn("still-picture sweep failed: {}", e.toString());
        }
    }

    private static String whyNoPicture(IngestSnapshot s) {
        return switch (s.state()) {
            case STREAMING -> "no keyframe yet; the next one comes within the camera's keyframe interval";
            case CONNECTING -> "no picture yet; the camera's stream is being opened";
            case BACKING_OFF, FAILED -> "no picture; the camera's stream is down (" + s.reason() + ")"
                    + (s.nextAttemptAt() == null ? "" : ", next attempt at " + s.nextAttemptAt());
            case STOPPED -> "no picture; the camera's stream is moving to a new session";
        };
    }

    /** Stops the sweeper and the decode threads; sessions close with the recorder. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        decodeExecutor.shutdownNow();
    }
}
