package org.skynet.vms.recorder.clips;

/**
 * Hears about clip files (the clip catalogue implements it). Called on the writer's thread after the
 * bytes are on disk: hand database writes to another executor. A clip is normally one file; a gap in
 * the stream (or a codec-parameter change) inside a clip starts a second file for the same trigger.
 */
public interface ClipListener {
    /** A clip file was created and its init segment written. */
    void opened(ClipFile clip);

    /** A clip file is complete: sha256, size and duration are final. */
    void closed(ClipFile clip);
}
