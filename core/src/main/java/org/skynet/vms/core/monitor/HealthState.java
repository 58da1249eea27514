package org.skynet.vms.core.monitor;

/**
 * The health of one camera as the duty room sees it. Only {@link CameraHealthStates} assigns it.
 */
public enum HealthState {
    /** Registered, not probed yet. */
    UNKNOWN,
    /** Answers in time, stream offered, clock in sync. */
    ONLINE,
    /** Answers, but slowly, without its stream, or with a drifting clock. */
    DEGRADED,
    /** Answers, but refuses the credentials we have. */
    AUTH_FAILED,
    /** Did not answer for several consecutive probes. */
    OFFLINE,
    /** Muted by a technician until a given time, with a reason; not probed into alarms. */
    MAINTENANCE;

    /** Whether a camera in this state raises an alarm. */
    public boolean isAlarming() {
        return this == OFFLINE || this == AUTH_FAILED;
    }
}
