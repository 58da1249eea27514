package org.skynet.vms.core.coverage;

/**
 * Which cameras are online right now, as the health monitor sees them. The engine asks it for one
 * camera at a time while computing; it must answer without blocking and may be called from several
 * computing threads at once during a full computation.
 */
@FunctionalInterface
public interface LiveStates {
    /** Nobody online: live coverage is zero everywhere. */
    LiveStates NONE = cameraId -> false;

    /** Whether the camera's monitor state is ONLINE. */
    boolean isOnline(String cameraId);
}
