package org.skynet.vms.adapters.sim.onvif;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.skynet.vms.errors.VmsException;

/** Reads the time values of event requests: an {@code xs:duration} or an absolute {@code xs:dateTime}. */
final class SimDurations {
    private SimDurations() {
    }

    /**
     * A request time value as a duration from {@code now}: {@code PT10S} as is, a date-time as the time until it.
     *
     * @throws VmsException INVALID_ARGUMENT naming {@code field} when the text is neither
     */
    static Duration relative(String text, Instant now, String field) {
        String t = text.strip();
        try {
            String upper = t.toUpperCase(Locale.ROOT);
            if (upper.startsWith("P") || upper.startsWith("-P")) {
                return Duration.parse(upper);
            }
            return Duration.between(now, OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            throw VmsException.invalid(field, field + " is neither an xs:duration nor an xs:dateTime: " + t);
        }
    }
}
