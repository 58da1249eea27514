package org.skynet.vms.recorder.ingest;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A consumer that an {@link IngestSession} owns for the session's whole life (segment writer, pre-roll
 * buffer and clips), and tells when the upstream stream breaks and when the session stops. Live viewers
 * that come and go are plain {@link AccessUnitSink}s on the {@link FanOut} instead.
 */
public interface IngestConsumer extends AccessUnitSink {
    /**
     * The stream broke (camera ended it, stall, reconnect): whatever is open ends here; the next unit
     * will come from a new connection. Control thread; must not block.
     */
    void streamEnded(Instant now);

    /** The session stops: close everything; completes when the files are closed. Control thread. */
    CompletableFuture<Void> close();
}
