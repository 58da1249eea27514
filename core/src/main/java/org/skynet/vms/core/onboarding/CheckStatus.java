package org.skynet.vms.core.onboarding;

/** Outcome of one onboarding check. Only {@link #FAIL} makes the verdict FAIL. */
public enum CheckStatus {
    PASS,
    WARN,
    FAIL,
    /** Not run: it does not apply (e.g. ONVIF steps for an {@code rtsp://} URL) or an earlier step failed. */
    SKIP
}
