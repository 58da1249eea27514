package org.skynet.vms.core.cluster;

/**
 * Told by a {@link LeaseKeeper} which cameras its node must record. Called on the keeper's threads, one
 * call at a time, while the keeper holds its state lock: return quickly (hand the start or stop of a
 * recording to another thread). {@link #lost} comes before the lease is released in the database, and
 * when the node fences itself, before the lease can expire: stop writing the camera at once.
 */
public interface LeaseListener {
    /** The node now holds the camera under {@code epoch}: start recording it. */
    void acquired(String cameraId, long epoch);

    /** The node no longer holds the camera (shed, expired, taken or fenced): stop writing it now. */
    void lost(String cameraId, long epoch);
}
