package org.skynet.vms.core.monitor;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.recorder.ingest.IngestSnapshot;
import org.skynet.vms.recorder.ingest.IngestState;

/**
 * The health of recorded cameras, read from their ingest sessions instead of probes: a camera that is being
 * recorded is watched through its live stream and needs no extra probe. Each {@link #observe} looks at every
 * session once (every second) and turns what happened since the last look into {@link ProbeResult}s for the
 * state machine, so hysteresis and alarms work as for probes:
 *
 * <ul>
 * <li>STREAMING with access units arriving since the last look: OK ("live stream flowing").</li>
 * <li>each new failure of the session (it entered BACKING_OFF or FAILED): a stall ("stalled: no access unit
 *     for 5 s") is STREAM_MISSING (DEGRADED, a MINOR alarm: stream loss), a refused or lost connection
 *     UNREACHABLE, no answer TIMEOUT, refused credentials AUTH_FAILED, a missing or unsupported stream
 *     STREAM_MISSING, anything else PROTOCOL. Three in a row make the camera OFFLINE, as three failed probes do.</li>
 * <li>CONNECTING, or STREAMING before the first access unit: nothing yet.</li>
 * </ul>
 *
 * A camera is {@linkplain #watched watched through its stream} while its session is CONNECTING, STREAMING or
 * BACKING_OFF; once the session is FAILED (it will not retry) or gone (recording stopped), probes take over.
 * Results carry no latency (-1): a stream has no request/answer time.
 *
 * <p>Not thread-safe: the monitor thread calls it.
 */
final class LiveStreamHealth {
    private Map<String, IngestSnapshot> last = new HashMap<>();

    /** Looks at every session once; returns the result each camera's session implies since the last look. */
    Map<String, ProbeResult> observe(Collection<IngestSnapshot> sessions) {
        Map<String, ProbeResult> out = new HashMap<>();
        Map<String, IngestSnapshot> now = new HashMap<>();
        for (IngestSnapshot s : sessions) {
            now.put(s.cameraId(), s);
            result(last.get(s.cameraId()), s).ifPresent(r -> out.put(s.cameraId(), r));
        }
        last = now;
        return out;
    }

    /** Whether a camera is watched through its live stream now (and must not be probed). */
    boolean watched(String cameraId) {
        IngestSnapshot s = last.get(cameraId);
        return s != null && (s.state() == IngestState.CONNECTING || s.state() == IngestState.STREAMING
                || s.state() == IngestState.BACKING_OFF);
    }

    private static Optional<ProbeResult> result(IngestSnapshot before, IngestSnapshot s) {
        if (s.state() == IngestState.STREAMING) {
            boolean flowing = s.frames() > (before == null ? 0 : before.frames());
            return flowing ? Optional.of(new ProbeResult(ProbeOutcome.OK, -1, "live stream flowing")) : Optional.empty();
        }
        boolean failedAnew = (s.state() == IngestState.BACKING_OFF || s.state() == IngestState.FAILED)
                && (before == null || before.state() != s.state() || !before.since().equals(s.since()));
        return failedAnew ? failure(s.reason()) : Optional.empty();
    }

    /**
     * The result of a session failure from its reason, which {@code IngestStatus.failed} writes as
     * "KIND: message"; a reason without a kind (the "starting" of a new session) is no failure.
     */
    static Optional<ProbeResult> failure(String reason) {
        int colon = reason == null ? -1 : reason.indexOf(": ");
        if (colon < 0) {
            return Optional.empty();
        }
        ErrorKind kind;
        try {
            kind = ErrorKind.valueOf(reason.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String message = reason.substring(colon + 2);
        ProbeOutcome outcome = message.startsWith("stalled") ? ProbeOutcome.STREAM_MISSING : switch (kind) {
            case AUTH_FAILED -> ProbeOutcome.AUTH_FAILED;
            case NOT_FOUND, UNSUPPORTED -> ProbeOutcome.STREAM_MISSING;
            case UNREACHABLE -> ProbeOutcome.UNREACHABLE;
            case TIMEOUT -> ProbeOutcome.TIMEOUT;
            default -> ProbeOutcome.PROTOCOL;
        };
        return Optional.of(new ProbeResult(outcome, -1, "live stream: " + message));
    }
}
