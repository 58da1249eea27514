package org.skynet.vms.core.monitor;

import java.time.Instant;

/**
 * An immutable snapshot of one camera's health.
 *
 * @param cameraId            registry id
 * @param state               current state
 * @param reason              why, in plain words ("no answer to 3 probes in a row: connect timed out after 5 s")
 * @param since               when the camera entered this state (UTC)
 * @param lastLatencyMillis   latency of the last probe, or -1 before the first or when watched through its live stream
 * @param consecutiveFailures probes in a row that got no answer
 * @param consecutiveOk       probes in a row that found the camera fine
 * @param maintenanceUntil    end of a maintenance window, or null
 */
public record CameraHealth(String cameraId, HealthState state, String reason, Instant since, long lastLatencyMillis,
                           int consecutiveFailures, int consecutiveOk, Instant maintenanceUntil) {

    /**
     * Whether the state machine is waiting for more probes before it decides: failures have started
     * but the camera is not OFFLINE yet, or an OFFLINE / AUTH_FAILED camera answered but has not
     * recovered yet. Such a camera is re-probed soon instead of one interval later, so detection and
     * recovery take one interval plus the confirming probes, not several intervals.
     */
    public boolean awaitingConfirmation() {
        boolean failing = consecutiveFailures > 0 && state != HealthState.OFFLINE && state != HealthState.MAINTENANCE;
        boolean recovering = consecutiveOk > 0 && (state == HealthState.OFFLINE || state == HealthState.AUTH_FAILED);
        return failing || recovering;
    }

    static CameraHealth unknown(String cameraId, Instant now) {
        return new CameraHealth(cameraId, HealthState.UNKNOWN, "not probed yet", now, -1, 0, 0, null);
    }
}
