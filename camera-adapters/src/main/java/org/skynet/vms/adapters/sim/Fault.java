package org.skynet.vms.adapters.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.skynet.vms.errors.VmsException;

/**
 * One fault a simulated camera is in, with its parameter. Immutable; switch a camera with
 * {@link SimulatedFleet#setFault(java.util.Collection, Fault)}.
 *
 * @param kind what is wrong
 * @param delay answer delay for {@link FaultKind#SLOW}, {@link Duration#ZERO} otherwise
 * @param clockDrift camera clock minus true time for {@link FaultKind#CLOCK_DRIFT} (may be negative),
 *     {@link Duration#ZERO} otherwise
 */
public record Fault(FaultKind kind, Duration delay, Duration clockDrift) {
    /** A healthy camera. */
    public static final Fault NONE = new Fault(FaultKind.NONE, Duration.ZERO, Duration.ZERO);
    public static final Fault DOWN = new Fault(FaultKind.DOWN, Duration.ZERO, Duration.ZERO);
    public static final Fault REFUSING = new Fault(FaultKind.REFUSING, Duration.ZERO, Duration.ZERO);
    public static final Fault WRONG_PASSWORD = new Fault(FaultKind.WRONG_PASSWORD, Duration.ZERO, Duration.ZERO);
    public static final Fault STALL = new Fault(FaultKind.STALL, Duration.ZERO, Duration.ZERO);
    public static final Fault SD_ONLY = new Fault(FaultKind.SD_ONLY, Duration.ZERO, Duration.ZERO);

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(clockDrift, "clockDrift");
        if (delay.isNegative()) {
            throw VmsException.invalid("delay", "fault delay must not be negative: " + delay);
        }
        if (kind != FaultKind.SLOW && !delay.isZero()) {
            throw VmsException.invalid("delay", "only SLOW takes a delay, not " + kind);
        }
        if (kind != FaultKind.CLOCK_DRIFT && !clockDrift.isZero()) {
            throw VmsException.invalid("clockDrift", "only CLOCK_DRIFT takes a drift, not " + kind);
        }
    }

    /** Answers (RTSP and ONVIF) are sent {@code delay} late. */
    public static Fault slow(Duration delay) {
        return new Fault(FaultKind.SLOW, delay, Duration.ZERO);
    }

    /** The camera clock runs {@code drift} ahead of true time (behind when negative). */
    public static Fault clockDrift(Duration drift) {
        return new Fault(FaultKind.CLOCK_DRIFT, Duration.ZERO, drift);
    }

    /**
     * Parses the command-line spelling: {@code none}, {@code down}, {@code refusing},
     * {@code wrong_password}, {@code stall}, {@code sd_only}, {@code slow:2000} (ms) or
     * {@code clock_drift:-300} (s).
     *
     * @throws VmsException INVALID_ARGUMENT naming field {@code fault} when the text is not one of these
     */
    public static Fault parse(String text) {
        String[] parts = text.trim().toUpperCase(Locale.ROOT).split(":", 2);
        try {
            FaultKind kind = FaultKind.valueOf(parts[0]);
            return switch (kind) {
                case SLOW -> slow(Duration.ofMillis(Long.parseLong(parts[1])));
                case CLOCK_DRIFT -> clockDrift(Duration.ofSeconds(Long.parseLong(parts[1])));
                default -> {
                    if (parts.length > 1) {
                        throw VmsException.invalid("fault", kind + " takes no parameter: " + text);
                    }
                    yield new Fault(kind, Duration.ZERO, Duration.ZERO);
                }
            };
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw VmsException.invalid("fault", "not a fault (none, down, refusing, wrong_password, stall, sd_only,"
                    + " slow:MILLIS, clock_drift:SECONDS): " + text);
        }
    }
}
