package org.skynet.vms.core.monitor;

import java.time.Instant;

/** One transition of a camera's health: the history row and the event pushed to the console. */
public record StateChange(String cameraId, HealthState from, HealthState to, String reason, Instant at,
                          long latencyMillis) {
}
