package org.skynet.vms.core.onboarding;

/**
 * One finished check, as it appears in the report.
 *
 * @param name the check's wire name ({@link Check#wireName()})
 * @param status the outcome
 * @param detail a sentence for the technician: what was seen, and on failure what to do
 */
public record CheckResult(String name, CheckStatus status, String detail) {
}
