package org.skynet.vms.core.onboarding;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.skynet.vms.errors.VmsException;

/**
 * Thresholds and time limits of an onboarding run.
 *
 * @param hdWidth smallest main-stream width that counts as HD (pixels)
 * @param hdHeight smallest main-stream height that counts as HD (pixels)
 * @param budget the whole run; past it the running check FAILs and the rest are SKIPped
 * @param callTimeout each single exchange (TCP connect, one ONVIF call, one RTSP request, snapshot fetch)
 * @param sampleDuration how long frames are counted
 * @param clockTolerance largest clock offset that PASSes
 * @param clockFailAfter offsets above this FAIL; between the two they WARN
 * @param uniformStdDev luma standard deviation below which a picture counts as uniform (black, covered)
 */
public record OnboardingSettings(int hdWidth, int hdHeight, Duration budget, Duration callTimeout,
        Duration sampleDuration, Duration clockTolerance, Duration clockFailAfter, double uniformStdDev) {

    /** 1920x1080, 30 s budget, 5 s per call, 5 s of frames, clock ±5 s (FAIL beyond 60 s), std dev 4. */
    public static final OnboardingSettings DEFAULTS = new OnboardingSettings(1920, 1080, Duration.ofSeconds(30),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60), 4.0);

    public OnboardingSettings {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(sampleDuration, "sampleDuration");
        if (hdWidth <= 0 || hdHeight <= 0) {
            throw VmsException.invalid("hd", "the HD threshold must be positive, e.g. 1920x1080");
        }
        if (budget.toMillis() < 1000 || budget.compareTo(Duration.ofMinutes(5)) > 0) {
            throw VmsException.invalid("timeout", "the timeout must be between 1 s and 5 min");
        }
    }

    /** These settings with another HD threshold, written {@code WIDTHxHEIGHT}. */
    public OnboardingSettings withHd(String widthByHeight) {
        String[] parts = widthByHeight.trim().toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new OnboardingSettings(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), budget, callTimeout,
                    sampleDuration, clockTolerance, clockFailAfter, uniformStdDev);
        } catch (NumberFormatException e) {
            throw VmsException.invalid("hd", "the HD threshold must look like 1920x1080");
        }
    }

    /** These settings with another overall budget; the per-call timeout is capped by it. */
    public OnboardingSettings withBudget(Duration newBudget) {
        Duration call = callTimeout.compareTo(newBudget) > 0 ? newBudget : callTimeout;
        return new OnboardingSettings(hdWidth, hdHeight, newBudget, call, sampleDuration, clockTolerance,
                clockFailAfter, uniformStdDev);
    }

    /** These settings with other per-call and sampling durations (tests, benchmarks). */
    public OnboardingSettings withTimings(Duration newCallTimeout, Duration newSampleDuration) {
        return new OnboardingSettings(hdWidth, hdHeight, budget, newCallTimeout, newSampleDuration, clockTolerance,
                clockFailAfter, uniformStdDev);
    }

    /** {@code WIDTHxHEIGHT} of the HD threshold. */
    public String hd() {
        return hdWidth + "x" + hdHeight;
    }

    /**
     * Parses a duration as people write it: {@code 30s}, {@code 1500ms}, {@code 2m} or ISO-8601 {@code PT30S}.
     *
     * @param field the field name for the error
     */
    public static Duration parseDuration(String field, String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw VmsException.invalid(field, field + " must be a duration like 30s, 1500ms or 2m");
        }
    }
}
