package org.skynet.vms.adapters.sim;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.skynet.vms.errors.VmsException;

/**
 * An event fired on a simulated camera, delivered to its ONVIF pull-point subscribers as one
 * {@code wsnt:NotificationMessage} ({@code PropertyOperation="Changed"}).
 *
 * @param kind what happened
 * @param active the new state: motion (tampering) started, or stopped when false
 * @param utcTime when it was fired, on the true clock (the camera's drift is added when rendered)
 */
public record SimEvent(Kind kind, boolean active, Instant utcTime) {

    /** The event topics a simulated camera can raise. */
    public enum Kind {
        /** {@code tns1:VideoSource/MotionAlarm}, Data {@code State}. */
        MOTION,
        /** {@code tns1:RuleEngine/TamperDetector/Tamper}, Data {@code IsTamper}. */
        TAMPER;

        /**
         * Parses {@code motion} or {@code tamper} (any case).
         *
         * @throws VmsException INVALID_ARGUMENT naming field {@code kind} otherwise
         */
        public static Kind parse(String text) {
            if (text != null) {
                for (Kind k : values()) {
                    if (k.name().equalsIgnoreCase(text.strip())) {
                        return k;
                    }
                }
            }
            throw VmsException.invalid("kind", "kind must be motion or tamper, got '" + text + "'");
        }

        /** The lower-case spelling used by the control API. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public SimEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(utcTime, "utcTime");
    }
}
