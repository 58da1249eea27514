package org.skynet.vms.core.monitor;

/**
 * What the database learns from one state change: the transition (history) and the camera's health
 * right after it (current state).
 */
public record HealthRecord(StateChange change, CameraHealth current) {
}
