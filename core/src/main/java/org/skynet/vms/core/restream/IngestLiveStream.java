package org.skynet.vms.core.restream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtsp.AccessUnitListener;
import org.skynet.vms.adapters.rtsp.server.LiveStream;
import org.skynet.vms.core.recording.IngestLease;
import org.skynet.vms.recorder.ingest.AccessUnitSink;
import org.skynet.vms.recorder.ingest.FanOut;

/**
 * One RTSP client's live stream: a sink on the camera's ingest {@link FanOut}, held by an
 * {@link IngestLease}. The parameter sets come from the session when it is streaming, else from the
 * first access unit. Start and stop are told to a {@link Watch} (which must not block).
 */
final class IngestLiveStream implements LiveStream {
    /** Told when delivery starts and when a started stream closes. */
    interface Watch {
        void started();

        void stopped();
    }

    private final IngestLease lease;
    private final Watch watch;
    private final CompletableFuture<VideoParameters> parameters = new CompletableFuture<>();
    private final AccessUnitSink parameterWatch = (unit, arrival) -> parametersKnown(unit.parameters());
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile AccessUnitSink viewer;

    IngestLiveStream(IngestLease lease, Watch watch) {
        this.lease = lease;
        this.watch = watch;
        fanOut().add(parameterWatch);
        VideoParameters now = lease.session().videoParameters();
        if (now != null) {
            parametersKnown(now);
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
        viewer = (unit, arrival) -> listener.onAccessUnit(unit);
        fanOut().add(viewer);
        watch.started();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        fanOut().remove(parameterWatch);
        AccessUnitSink v = viewer;
        if (v != null) {
            fanOut().remove(v);
            watch.stopped();
        }
        lease.close();
    }

    private void parametersKnown(VideoParameters p) {
        if (p != null && parameters.complete(p)) {
            fanOut().remove(parameterWatch);
        }
    }

    private FanOut fanOut() {
        return lease.session().fanOut();
    }
}
