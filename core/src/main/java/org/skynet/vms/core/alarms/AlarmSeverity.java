package org.skynet.vms.core.alarms;

/** How urgent an alarm is, most urgent first. */
public enum AlarmSeverity {
    /** Many cameras at once (storm). */
    CRITICAL,
    /** One camera shows nothing (offline, credentials refused). */
    MAJOR,
    /** One camera is impaired (stream missing). */
    MINOR
}
