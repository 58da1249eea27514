package org.skynet.vms.core.alarms;

/** Why an alarm was raised. */
public enum AlarmKind {
    /** The camera stopped answering (health OFFLINE). */
    OFFLINE,
    /** The camera refuses our credentials (health AUTH_FAILED). */
    AUTH_FAILED,
    /** The camera answers but does not offer its stream. */
    STREAM_MISSING,
    /** Many cameras of one district failed together; one alarm for all of them. */
    STORM,
    /** A recorder storage root cannot keep up: writing failed (disk full) or the quota is not met after a sweep. */
    STORAGE,
    /** A recorder node stopped heartbeating without saying goodbye (cluster mode only). */
    NODE_LOST,
    /** Cameras that should be recorded have had no recorder node for longer than the grace; one alarm for all (cluster mode only). */
    UNASSIGNED
}
