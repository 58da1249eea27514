package org.skynet.vms.core.onboarding;

/**
 * Told about each check as it completes (for live progress). Called on a Netty event loop or a
 * decode thread: return quickly, never block. Checks may complete slightly out of report order
 * (e.g. {@code clock} is known before {@code frames}); the report itself is in order.
 */
@FunctionalInterface
public interface CheckListener {
    /** A listener that ignores progress. */
    CheckListener NONE = result -> { };

    void checkCompleted(CheckResult result);
}
