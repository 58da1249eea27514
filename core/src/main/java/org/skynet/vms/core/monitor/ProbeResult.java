package org.skynet.vms.core.monitor;

/**
 * The result of one probe.
 *
 * @param outcome       what was found
 * @param latencyMillis time to the answer, or to the failure (timeout) in milliseconds
 * @param detail        plain-language detail for the reason text ("connection refused by 192.0.2.7:554")
 */
public record ProbeResult(ProbeOutcome outcome, long latencyMillis, String detail) {
    public static ProbeResult ok(long latencyMillis) {
        return new ProbeResult(ProbeOutcome.OK, latencyMillis, "answered");
    }
}
