package org.skynet.vms.recorder.ingest;

import java.time.Instant;
import org.skynet.vms.adapters.media.AccessUnit;

/**
 * A consumer of one camera's access units behind a {@link FanOut}: segment writer, pre-roll buffer,
 * live viewer. Called on the RTSP event loop, which serves many cameras: it must return at once,
 * never block or do I/O; hand work to its own executor and drop (counting it) when that falls behind.
 */
@FunctionalInterface
public interface AccessUnitSink {
    /**
     * @param unit    the unit; shared by every sink, never modify its data
     * @param arrival when it arrived, by our clock
     */
    void accept(AccessUnit unit, Instant arrival);
}
