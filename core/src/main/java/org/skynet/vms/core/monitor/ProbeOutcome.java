package org.skynet.vms.core.monitor;

/** What one probe of a camera found, from best to worst. */
public enum ProbeOutcome {
    /** Answered in time with everything expected. */
    OK(true),
    /** Answered, but slower than the slow threshold. */
    SLOW(true),
    /** Answered, but DESCRIBE did not offer the stream (or the live stream stalled). */
    STREAM_MISSING(true),
    /** Answered, but its clock is off by more than the allowed drift. */
    CLOCK_DRIFT(true),
    /** Serves its stream over RTSP, but its ONVIF service did not answer (the video works, managing it does not). */
    ONVIF_SILENT(true),
    /** Answered and refused our credentials. */
    AUTH_FAILED(true),
    /** Connection refused, reset or no route. */
    UNREACHABLE(false),
    /** Connected but no answer within the probe timeout. */
    TIMEOUT(false),
    /** Answered with something that is not the protocol (garbage, malformed). */
    PROTOCOL(false);

    private final boolean answered;

    ProbeOutcome(boolean answered) {
        this.answered = answered;
    }

    /** Whether the camera answered at all (the reverse counts towards OFFLINE). */
    public boolean answered() {
        return answered;
    }
}
