package org.skynet.vms.recorder.ingest;

import java.time.Instant;

/**
 * A passing consumer of one camera's units through its {@link GopCache} (a live viewer, a re-stream):
 * gets every unit after the ones it was handed on joining, and hears when the stream breaks. Both calls
 * come on the RTSP event loop or the control thread: return at once, never block.
 */
public interface LiveSink extends AccessUnitSink {
    /** The upstream stream broke; units resume from a new connection, starting at a keyframe. */
    void streamEnded(Instant now);
}
