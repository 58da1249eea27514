package org.skynet.vms.core.monitor;

import java.time.Instant;
import java.util.List;

/**
 * Uptime of one camera (or a sum over several) in a period.
 *
 * <p>Definition: {@code fraction = upMillis / countedMillis}, where {@code upMillis} is the time spent
 * ONLINE or DEGRADED, and {@code countedMillis} is the period minus the time spent in MAINTENANCE and
 * in UNKNOWN (not yet observed: before the first transition, or just after maintenance). A camera
 * without any counted time has no fraction (null). The state at the start of the period is the
 * target of the last transition before it.
 *
 * @param upMillis      time ONLINE or DEGRADED
 * @param countedMillis time in ONLINE, DEGRADED, OFFLINE or AUTH_FAILED
 */
public record Uptime(long upMillis, long countedMillis) {
    public static final Uptime NONE = new Uptime(0, 0);

    /** upMillis / countedMillis, or null when nothing was counted. */
    public Double fraction() {
        return countedMillis == 0 ? null : (double) upMillis / countedMillis;
    }

    public Uptime plus(Uptime o) {
        return new Uptime(upMillis + o.upMillis, countedMillis + o.countedMillis);
    }

    /**
     * Uptime of one camera over [{@code from}, {@code to}) from its transitions in time order (the
     * last one before {@code from}, if any, then those inside the period).
     */
    public static Uptime of(List<StateChange> transitions, Instant from, Instant to) {
        HealthState state = HealthState.UNKNOWN;
        Instant cursor = from;
        long up = 0;
        long counted = 0;
        for (StateChange t : transitions) {
            if (t.at().isBefore(from)) {
                state = t.to();
                continue;
            }
            Instant at = t.at().isAfter(to) ? to : t.at();
            long span = at.toEpochMilli() - cursor.toEpochMilli();
            up += isUp(state) ? span : 0;
            counted += isCounted(state) ? span : 0;
            cursor = at;
            state = t.to();
        }
        long span = Math.max(0, to.toEpochMilli() - cursor.toEpochMilli());
        up += isUp(state) ? span : 0;
        counted += isCounted(state) ? span : 0;
        return new Uptime(up, counted);
    }

    private static boolean isUp(HealthState s) {
        return s == HealthState.ONLINE || s == HealthState.DEGRADED;
    }

    private static boolean isCounted(HealthState s) {
        return s != HealthState.MAINTENANCE && s != HealthState.UNKNOWN;
    }
}
