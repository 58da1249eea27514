package org.skynet.vms.core.recording;

/**
 * Which cameras this process records, their {@link RecordingMode} permitting: every camera with a mode
 * ({@link #ALL}, the single server), none ({@link #NONE}, core while recorder nodes record), or those whose
 * lease this recorder node holds (see {@code org.skynet.vms.core.cluster.LeasedCameras}). Whoever changes
 * the answer for a camera calls {@link RecordingService#refresh} for it. Thread-safe.
 */
@FunctionalInterface
public interface RecordedCameras {
    /** The single server records every camera with a mode. */
    RecordedCameras ALL = cameraId -> true;

    /** Core in cluster mode records nothing itself; recorder nodes do. */
    RecordedCameras NONE = cameraId -> false;

    /** Whether this process may record the camera now. */
    boolean records(String cameraId);
}
