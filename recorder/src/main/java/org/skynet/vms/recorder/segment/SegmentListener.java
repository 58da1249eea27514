package org.skynet.vms.recorder.segment;

/**
 * Hears about segment files as they are written; the recording catalogue implements it. Called on the
 * writer's thread, synchronously, after the bytes are on disk (and forced, when fsync is on): a slow
 * listener slows recording, so hand heavy work (database writes) to another executor. Exceptions a
 * listener throws reach the writer's caller.
 */
public interface SegmentListener {
    /** A listener that ignores everything. */
    SegmentListener NONE = new SegmentListener() {
    };

    /** A new file was created and its init segment written. */
    default void opened(SegmentFile file) {
    }

    /** A fragment was appended (and forced to disk when fsync is on). */
    default void fragmentWritten(SegmentFile file) {
    }

    /** The file is complete; {@code file.sha256()} and {@code file.closeReason()} are set. */
    default void closed(SegmentFile file) {
    }

    /**
     * The file was opened, but writing its first fragment failed (disk full), so it held no video and
     * was deleted; forget it.
     */
    default void discarded(SegmentFile file) {
    }
}
