package org.skynet.vms.adapters.media;

/** Whose clock an {@link AccessUnit#wallClock()} comes from. */
public enum WallClockSource {
    /** The camera's own clock: an RTCP sender report (NTP time paired with an RTP timestamp). */
    CAMERA,
    /** Our clock: when the stream's first packet arrived at the ingest (no sender report yet). */
    SERVER
}
