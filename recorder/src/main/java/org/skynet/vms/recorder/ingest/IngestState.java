package org.skynet.vms.recorder.ingest;

/** Where one camera's ingest session is; only {@link IngestStatus} changes it. */
public enum IngestState {
    /** Opening the RTSP session (connect, DESCRIBE, SETUP, PLAY). */
    CONNECTING,
    /** PLAY succeeded; access units flow (or a stall is about to be noticed). */
    STREAMING,
    /** The last attempt failed with a retriable error; the next one is scheduled. */
    BACKING_OFF,
    /** A fatal error (wrong credentials, unsupported stream, bad URL): no more attempts until restarted. */
    FAILED,
    /** Stopped on purpose. */
    STOPPED
}
