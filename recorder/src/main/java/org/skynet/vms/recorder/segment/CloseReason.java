package org.skynet.vms.recorder.segment;

/** Why a segment file was closed; see {@code docs/design/time.md} for the gap rules. */
public enum CloseReason {
    /** It reached the segment target duration and a keyframe came. */
    ROTATED,
    /** The parameter sets (or the codec) changed; the next file has a new sample entry. */
    PARAMETERS_CHANGED,
    /** Media time went backwards, repeated, or jumped forward by more than the frame gap limit. */
    TIMESTAMP_JUMP,
    /** Wall time moved away from media time by more than the clock-jump limit. */
    CLOCK_JUMP,
    /** No access unit arrived for the stall timeout. */
    STALL,
    /** The caller ended the stream (stop, reconnect, shutdown). */
    STOPPED,
    /** Repaired after a crash by {@link SegmentRecovery}. */
    RECOVERED,
    /**
     * Writing failed (disk full, I/O error); the file was cut back to its last complete fragment and
     * stays playable.
     */
    WRITE_FAILED
}
