package org.skynet.vms.core.monitor;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one owner of every camera's {@link HealthState}: nothing else assigns a state. One method per
 * event ({@link #probed}, {@link #maintenanceStarted}, {@link #maintenanceEnded}); each takes
 * {@code now} instead of reading a clock, and returns the transition it made, if any.
 *
 * <p>Hysteresis: a camera goes OFFLINE only after {@link HealthPolicy#failuresToOffline()} unanswered
 * probes in a row, and comes back from OFFLINE or AUTH_FAILED only after
 * {@link HealthPolicy#okToRecover()} good probes in a row, so a flapping camera changes state (and
 * raises an alarm) far less often than it flaps.
 *
 * <p>Threading: one writer at a time per camera (the monitor's probe completions for a camera are
 * serialised); any thread may read snapshots.
 */
public final class CameraHealthStates {
    private final HealthPolicy policy;
    private final Map<String, CameraHealth> states = new ConcurrentHashMap<>();

    public CameraHealthStates(HealthPolicy policy) {
        this.policy = Objects.requireNonNull(policy);
    }

    /** Starts watching a camera (UNKNOWN until its first probe); a known camera is left as it is. */
    public void tracked(String cameraId, Instant now) {
        states.putIfAbsent(cameraId, CameraHealth.unknown(cameraId, now));
    }

    /** Restores a state read back from the database at start-up. */
    public void restored(CameraHealth health) {
        states.put(health.cameraId(), health);
    }

    /** Stops watching a camera (deleted or disabled). */
    public void untracked(String cameraId) {
        states.remove(cameraId);
    }

    public Optional<CameraHealth> get(String cameraId) {
        return Optional.ofNullable(states.get(cameraId));
    }

    /** A weakly consistent view of all states, for counts and listings. */
    public Collection<CameraHealth> all() {
        return states.values();
    }

    /** Applies one probe result; returns the state change it caused, if any. */
    public Optional<StateChange> probed(String cameraId, Instant now, ProbeResult result) {
        CameraHealth h = current(cameraId, now);
        if (h.state() == HealthState.MAINTENANCE) {
            if (h.maintenanceUntil() != null && !now.isBefore(h.maintenanceUntil())) {
                h = new CameraHealth(cameraId, HealthState.UNKNOWN, "maintenance ended", now, h.lastLatencyMillis(), 0, 0, null);
            } else {
                states.put(cameraId, withCounters(h, result.latencyMillis(), h.consecutiveFailures(), h.consecutiveOk()));
                return Optional.empty();
            }
        }
        ProbeOutcome outcome = result.outcome();
        if (!outcome.answered()) {
            int failures = h.consecutiveFailures() + 1;
            if (failures >= policy.failuresToOffline() || h.state() == HealthState.OFFLINE) {
                return move(h, HealthState.OFFLINE, "no answer to " + failures + " probe" + (failures == 1 ? "" : "s")
                        + " in a row: " + result.detail(), now, result.latencyMillis(), failures, 0);
            }
            states.put(cameraId, withCounters(h, result.latencyMillis(), failures, 0));
            return Optional.empty();
        }
        if (outcome == ProbeOutcome.AUTH_FAILED) {
            return move(h, HealthState.AUTH_FAILED, "credentials refused: " + result.detail(), now,
                    result.latencyMillis(), 0, 0);
        }
        int ok = h.consecutiveOk() + 1;
        boolean recovering = h.state() == HealthState.OFFLINE || h.state() == HealthState.AUTH_FAILED;
        if (recovering && ok < policy.okToRecover()) {
            states.put(cameraId, withCounters(h, result.latencyMillis(), 0, ok));
            return Optional.empty();
        }
        if (outcome == ProbeOutcome.OK && result.latencyMillis() <= policy.slowMillis()) {
            String reason = result.latencyMillis() < 0 ? result.detail() : "answered in " + result.latencyMillis() + " ms";
            return move(h, HealthState.ONLINE, reason, now,
                    result.latencyMillis(), 0, ok);
        }
        return move(h, HealthState.DEGRADED, degradedReason(result), now, result.latencyMillis(), 0, ok);
    }

    /** A technician mutes a camera until {@code until}, with a reason. */
    public Optional<StateChange> maintenanceStarted(String cameraId, Instant now, String reason, Instant until) {
        CameraHealth h = current(cameraId, now);
        Optional<StateChange> change = move(h, HealthState.MAINTENANCE, "maintenance: " + reason, now,
                h.lastLatencyMillis(), 0, 0);
        CameraHealth moved = states.get(cameraId);
        states.put(cameraId, new CameraHealth(cameraId, moved.state(), moved.reason(), moved.since(),
                moved.lastLatencyMillis(), 0, 0, until));
        return change;
    }

    /** Maintenance ended early; the next probe decides the state. */
    public Optional<StateChange> maintenanceEnded(String cameraId, Instant now) {
        CameraHealth h = current(cameraId, now);
        if (h.state() != HealthState.MAINTENANCE) {
            return Optional.empty();
        }
        return move(h, HealthState.UNKNOWN, "maintenance ended", now, h.lastLatencyMillis(), 0, 0);
    }

    private CameraHealth current(String cameraId, Instant now) {
        return states.computeIfAbsent(cameraId, id -> CameraHealth.unknown(id, now));
    }

    private String degradedReason(ProbeResult r) {
        return switch (r.outcome()) {
            case STREAM_MISSING -> "stream missing: " + r.detail();
            case CLOCK_DRIFT -> "clock drift: " + r.detail();
            case ONVIF_SILENT -> "ONVIF not answering, RTSP does: " + r.detail();
            default -> "slow answer: " + r.latencyMillis() + " ms (limit " + policy.slowMillis() + " ms)";
        };
    }

    private Optional<StateChange> move(CameraHealth h, HealthState to, String reason, Instant now, long latency,
                                       int failures, int ok) {
        boolean changed = h.state() != to;
        Instant since = changed ? now : h.since();
        states.put(h.cameraId(), new CameraHealth(h.cameraId(), to, reason, since, latency, failures, ok,
                to == HealthState.MAINTENANCE ? h.maintenanceUntil() : null));
        return changed ? Optional.of(new StateChange(h.cameraId(), h.state(), to, reason, now, latency)) : Optional.empty();
    }

    private static CameraHealth withCounters(CameraHealth h, long latency, int failures, int ok) {
        return new CameraHealth(h.cameraId(), h.state(), h.reason(), h.since(), latency, failures, ok, h.maintenanceUntil());
    }
}
