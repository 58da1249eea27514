package org.skynet.vms.core.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Told by a {@link LeaseKeeper} which cameras its node must record. Called on the keeper's threads, one
 * call at a time, while the keeper holds its state lock: return quickly (hand the start or stop of a
 * recording to another thread). {@link #lost} comes when the lease is taken, expired, or about to be (the node
 * fences itself): stop writing the camera at once. {@link #releasing} comes when the node gives a camera up
 * of its own accord (balancing): the lease stays the node's, under the same epoch, until the returned stage
 * completes, so the camera's last catalogue rows are still accepted; only then is it released.
 */
public interface LeaseListener {
    /** The node now holds the camera under {@code epoch}: start recording it. */
    void acquired(String cameraId, long epoch);

    /** The node no longer holds the camera (expired, taken or fenced): stop writing it now. */
    void lost(String cameraId, long epoch);

    /**
     * The node gives the camera up: stop recording it and complete once its files are closed and their rows
     * stored. Until then the node still holds it under {@code epoch}. By default, as {@link #lost}.
     */
    default CompletionStage<Void> releasing(String cameraId, long epoch) {
        lost(cameraId, epoch);
        return CompletableFuture.completedFuture(null);
    }
}
