package org.skynet.vms.core.restream;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtsp.AccessUnitListener;
import org.skynet.vms.adapters.rtsp.server.LiveStream;
import org.skynet.vms.core.recording.RecordingService;
import org.skynet.vms.recorder.ingest.IngestSession;
import org.skynet.vms.recorder.ingest.LiveSink;

/**
 * One RTSP client's live stream on the camera's viewer session ({@link RecordingService#viewerSession}):
 * until PLAY a sink that only learns the parameter sets (when the session is not streaming yet), from PLAY
 * a sink joined through the session's GOP cache, so delivery starts at the last keyframe. Either sink keeps
 * the session's viewer count above zero. Start and stop are told to a {@link Watch} (which must not block).
 */
final class IngestLiveStream implements LiveStream {
    /** Told when delivery starts and when a started stream closes. */
    interface Watch {
        void started();

        void stopped();
    }

    private final RecordingService recording;
    private final String cameraId;
    private final IngestSession session;
    private final Watch watch;
    private final CompletableFuture<VideoParameters> parameters = new CompletableFuture<>();
    private final LiveSink parameterWatch = sink(null);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile LiveSink viewer;

    IngestLiveStream(RecordingService recording, String cameraId, IngestSession session, Watch watch) {
        this.recording = recording;
        this.cameraId = cameraId;
        this.session = session;
        this.watch = watch;
        session.join(parameterWatch);
        VideoParameters now = session.videoParameters();
        if (now != null) {
            parameters.complete(now);
        }
    }

    @Override
    public CompletableFuture<VideoParameters> parameters() {
        return parameters;
    }

    @Override
    public void start(AccessUnitListener listener) {
        if (closed.get() || viewer != null) {
            return;
        }
        viewer = sink(listener);
        session.join(viewer);
        session.leave(parameterWatch);
        watch.started();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        session.leave(parameterWatch);
        LiveSink v = viewer;
        if (v != null) {
            session.leave(v);
            watch.stopped();
        }
        recording.releaseViewerSession(cameraId);
    }

    /** A sink that learns the parameter sets and hands units to {@code listener} (none: parameters only). */
    private LiveSink sink(AccessUnitListener listener) {
        return new LiveSink() {
            @Override
            public void accept(AccessUnit unit, Instant arrival) {
                if (unit.parameters() != null) {
                    parameters.complete(unit.parameters());
                }
                if (listener != null) {
                    listener.onAccessUnit(unit);
                }
            }

            @Override
            public void streamEnded(Instant now) {
            }
        };
    }
}
