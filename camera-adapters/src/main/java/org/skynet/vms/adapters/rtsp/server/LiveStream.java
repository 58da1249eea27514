package org.skynet.vms.adapters.rtsp.server;

import java.util.concurrent.CompletableFuture;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtsp.AccessUnitListener;

/**
 * One client's view of a camera's live access units, granted by {@link StreamAccess#admit}. The
 * caller's implementation shares the camera's single upstream connection among all viewers.
 */
public interface LiveStream {
    /** Completes with the stream's parameter sets (for the SDP) once known; may wait for the first unit. */
    CompletableFuture<VideoParameters> parameters();

    /**
     * Starts delivering access units to {@code listener}, on the ingest's thread: the listener must
     * return at once and never block. Called at most once.
     */
    void start(AccessUnitListener listener);

    /** Stops delivery and releases the upstream share; idempotent. Never blocks. */
    void close();
}
