package org.skynet.vms.core.monitor;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.skynet.vms.errors.VmsException;

/**
 * Turns a failed probe into a {@link ProbeResult} with a plain-language detail: refused or reset →
 * UNREACHABLE ("connection refused by 127.0.0.1:8554"), no answer in time → TIMEOUT ("no answer
 * within 5 s"), 401/403 → AUTH_FAILED, 404 on the stream path → STREAM_MISSING, anything the camera
 * said that is not the protocol → PROTOCOL. Shared by the RTSP and ONVIF probers.
 */
final class ProbeFailures {
    private ProbeFailures() {
    }

    /**
     * @param what     the protocol, for the text ("RTSP", "ONVIF")
     * @param endpoint host:port probed
     */
    static ProbeResult of(Throwable error, String what, String endpoint, Duration timeout, long latencyMillis) {
        Throwable e = unwrap(error);
        if (e instanceof VmsException ve) {
            return switch (ve.kind()) {
                case TIMEOUT -> new ProbeResult(ProbeOutcome.TIMEOUT, latencyMillis,
                        what + " " + endpoint + ": no answer within " + seconds(timeout));
                case UNREACHABLE -> new ProbeResult(ProbeOutcome.UNREACHABLE, latencyMillis, unreachable(ve, what, endpoint));
                case AUTH_FAILED -> new ProbeResult(ProbeOutcome.AUTH_FAILED, latencyMillis,
                        what + " " + endpoint + " refused our credentials (" + ve.getMessage() + ")");
                case NOT_FOUND -> new ProbeResult(ProbeOutcome.STREAM_MISSING, latencyMillis,
                        what + " " + endpoint + " does not offer the stream (" + ve.getMessage() + ")");
                default -> new ProbeResult(ProbeOutcome.PROTOCOL, latencyMillis,
                        what + " " + endpoint + " answered something we cannot read: " + ve.getMessage());
            };
        }
        if (e instanceof ConnectException) {
            return new ProbeResult(ProbeOutcome.UNREACHABLE, latencyMillis, "connection refused by " + endpoint);
        }
        if (e instanceof IOException) {
            return new ProbeResult(ProbeOutcome.UNREACHABLE, latencyMillis, what + " " + endpoint + ": " + e.getMessage());
        }
        return new ProbeResult(ProbeOutcome.PROTOCOL, latencyMillis, what + " " + endpoint + ": probe failed: " + e);
    }

    /** "no answer within 5 s" when the whole probe ran out of time. */
    static ProbeResult timedOut(String what, String endpoint, Duration timeout) {
        return new ProbeResult(ProbeOutcome.TIMEOUT, timeout.toMillis(),
                what + " " + endpoint + ": no answer within " + seconds(timeout));
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String unreachable(VmsException ve, String what, String endpoint) {
        for (Throwable c = ve; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused by " + endpoint;
            }
        }
        String m = ve.getMessage() == null ? "" : ve.getMessage();
        if (m.contains("closed by the server") || m.contains("reset")) {
            return what + " " + endpoint + " closed the connection without answering";
        }
        return what + " " + endpoint + " unreachable: " + m;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
