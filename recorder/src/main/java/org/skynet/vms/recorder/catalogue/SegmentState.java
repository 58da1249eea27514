package org.skynet.vms.recorder.catalogue;

/** Whether a segment file is still being written. */
public enum SegmentState {
    /** A writer has (or had, before a crash) the file open; counters are as of the last fragment. */
    OPEN,
    /** Complete; the SHA-256 is set and the file never changes again. */
    CLOSED
}
