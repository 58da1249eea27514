package org.skynet.vms.core.monitor;

/**
 * Thresholds of the health state machine.
 *
 * @param failuresToOffline consecutive unanswered probes before OFFLINE (hysteresis against one lost packet)
 * @param okToRecover       consecutive good probes before an OFFLINE or AUTH_FAILED camera is ONLINE again
 *                          (hysteresis against a flapping camera raising and clearing alarms in turn)
 * @param slowMillis        an answer slower than this is DEGRADED
 */
public record HealthPolicy(int failuresToOffline, int okToRecover, long slowMillis) {
    public static final HealthPolicy DEFAULT = new HealthPolicy(3, 2, 2_000);

    public HealthPolicy {
        if (failuresToOffline < 1 || okToRecover < 1 || slowMillis < 1) {
            throw new IllegalArgumentException("thresholds must be positive");
        }
    }
}
