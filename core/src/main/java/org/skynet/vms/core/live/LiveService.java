package org.skynet.vms.core.live;

import io.netty.channel.Channel;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.skynet.vms.core.recording.RecordingService;
import org.skynet.vms.core.registry.Camera;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.server.HttpError;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Principal;
import org.skynet.vms.recorder.ingest.IngestState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live viewers per camera: the first viewer of a camera joins a {@link LiveChannel} to the camera's ingest
 * session (the recording one, or one opened for viewers by {@link RecordingService#viewerSession}), later
 * viewers share that channel, and when the last one leaves the channel leaves the session and a session
 * opened for viewers is closed. Blocking (database reads): call from API workers. Thread-safe.
 */
public final class LiveService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveService.class);
    /** Bytes a viewer may have written but not yet sent before it skips to the next keyframe. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 4L << 20;

    private final RecordingService recording;
    private final CameraRegistry registry;
    private final long maxQueuedBytes;
    private final LiveLatency latency;
    private final Map<String, LiveChannel> channels = new HashMap<>();
    private final ScheduledExecutorService rebinder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vms-live-rebind");
        t.setDaemon(true);
        return t;
    });

    public LiveService(RecordingService recording, CameraRegistry registry, long maxQueuedBytes, Clock clock) {
        this.recording = recording;
        this.registry = registry;
        this.maxQueuedBytes = maxQueuedBytes;
        this.latency = new LiveLatency(clock);
        rebinder.scheduleWithFixedDelay(this::rebindStopped, 1, 1, TimeUnit.SECONDS);
    }

    /** Camera-to-socket latency of the fragments sent lately. */
    public LiveLatency latency() {
        return latency;
    }

    /**
     * The camera {@code who} may watch, over the WebSocket or as still pictures: roles from {@link LiveAccess},
     * then the camera within the user's districts.
     *
     * @throws org.skynet.vms.errors.VmsException NOT_FOUND for an unknown camera or one outside the user's
     *     districts; {@link HttpError} 403 for a role that may not watch
     */
    public Camera camera(Principal who, String cameraId) {
        if (!LiveAccess.mayWatch(who.roles())) {
            throw HttpError.forbidden("live video needs one of the roles " + LiveAccess.WATCHERS);
        }
        return registry.get(cameraId, DistrictScope.of(who));
    }

    /**
     * Starts sending the camera's live stream on {@code channel} (an upgraded WebSocket).
     *
     * @throws org.skynet.vms.errors.VmsException NOT_FOUND, or UNREACHABLE when the camera has no stream
     */
    LiveViewer watch(String cameraId, Channel channel) {
        LiveViewer viewer = new LiveViewer(channel, cameraId, maxQueuedBytes, latency);
        LiveChannel live;
        synchronized (this) {
            live = channels.get(cameraId);
            if (live == null) {
                live = new LiveChannel(recording.viewerSession(cameraId));
                live.session().join(live);
                channels.put(cameraId, live);
            }
            live.add(viewer);
        }
        return viewer;
    }

    /** Stops a viewer; the last one of a camera releases its channel and a session opened for viewers. */
    synchronized void release(LiveViewer viewer) {
        LiveChannel live = channels.get(viewer.cameraId());
        if (live != null && live.remove(viewer)) {
            channels.remove(viewer.cameraId());
            live.session().leave(live);
            recording.releaseViewerSession(viewer.cameraId());
        }
    }

    /**
     * Moves the viewers of every camera whose session was stopped under them (recording started or ended)
     * to the camera's session now. Runs once a second on its own thread.
     */
    void rebindStopped() {
        List<LiveChannel> stopped;
        synchronized (this) {
            stopped = channels.values().stream()
                    .filter(c -> c.session().snapshot().state() == IngestState.STOPPED).toList();
        }
        for (LiveChannel channel : stopped) {
            String cameraId = channel.session().cameraId();
            try {
                synchronized (this) {
                    if (channels.get(cameraId) == channel) {
                        channel.rebind(recording.viewerSession(cameraId));
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: live viewers cannot follow the camera to a new session: {}", cameraId, e.getMessage());
            }
        }
    }

    /** Stops the rebind thread; viewers are closed with the server. */
    @Override
    public void close() {
        rebinder.shutdownNow();
    }
}
