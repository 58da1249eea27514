package org.skynet.vms.core.onboarding;

import java.time.Instant;

/**
 * The last onboarding report kept for a camera.
 *
 * @param cameraId the camera's registry id
 * @param verdict {@code PASS} or {@code FAIL}
 * @param at when the run finished (UTC)
 * @param actor who ran it, or {@code null}
 * @param reportJson the report document as JSON text
 */
public record StoredOnboarding(String cameraId, String verdict, Instant at, String actor, String reportJson) {
}
