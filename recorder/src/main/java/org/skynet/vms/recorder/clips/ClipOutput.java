package org.skynet.vms.recorder.clips;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.skynet.vms.adapters.media.AccessUnit;

/**
 * Where one clip's units go ({@link ClipWriter} in production). Called by {@link ClipAssembler} with its
 * lock held, possibly on an event loop: must not block.
 */
public interface ClipOutput {
    /** Opens one clip's output for a trigger. */
    @FunctionalInterface
    interface Factory {
        ClipOutput open(String cameraId, ClipTrigger trigger);
    }

    /** The next unit of the clip (pre-roll units first, in order). */
    void accept(AccessUnit unit, Instant arrival);

    /** The clip is complete; completes when its file is closed. */
    CompletableFuture<Void> end();
}
