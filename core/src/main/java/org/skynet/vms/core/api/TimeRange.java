package org.skynet.vms.core.api;

import java.time.Duration;
import java.time.Instant;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.errors.VmsException;

/**
 * The period a request asks about, from its {@code from} and {@code to} query parameters (ISO-8601 instants):
 * {@code to} is now when absent, {@code from} a default length before {@code to}; {@code from} must come before
 * {@code to}, and the period may be at most a longest length. Errors name the parameter.
 */
record TimeRange(Instant from, Instant to) {

    static TimeRange of(ApiRequest req, Instant now, Duration defaultLength, Duration longest) {
        Instant to = req.instantParam("to").orElse(now);
        Instant from = req.instantParam("from").orElse(to.minus(defaultLength));
        if (!from.isBefore(to)) {
            throw VmsException.invalid("from", "from must be before to");
        }
        if (Duration.between(from, to).compareTo(longest) > 0) {
            throw VmsException.invalid("from", "range longer than " + longest.toDays() + " days");
        }
        return new TimeRange(from, to);
    }
}
