package org.skynet.vms.adapters.onvif;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the XML Schema lexical forms ONVIF answers use ({@code xs:dateTime}, {@code xs:duration},
 * {@code xs:boolean}, {@code xs:int}, {@code xs:anyURI}), leniently where cameras are known to
 * stray, and with a {@code PROTOCOL} error where the value is needed and unreadable.
 */
final class XsdValues {
    private XsdValues() {
    }

    /**
     * An {@code xs:dateTime}. A value without a zone is taken as UTC: several Hikvision OEM
     * firmwares write {@code 2018-02-27T14:53:23} for a UTC time.
     */
    static Optional<Instant> dateTime(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                throw OnvifException.protocol("not an xs:dateTime: " + abbreviate(t), e2);
            }
        }
    }

    /** An {@code xs:duration} of days, hours, minutes and seconds; years and months are refused. */
    static Duration duration(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw OnvifException.protocol("not an xs:duration in days/hours/minutes/seconds: " + abbreviate(t), e);
        }
    }

    /** An {@code xs:boolean}: {@code true}/{@code 1} are true, anything else false. */
    static boolean bool(String text) {
        String t = text.strip();
        return t.equalsIgnoreCase("true") || t.equals("1");
    }

    /** A decimal integer, or 0 when absent or unreadable (an optional numeric field). */
    static int intOrZero(Optional<String> text) {
        try {
            return text.map(t -> (int) Math.round(Double.parseDouble(t.strip()))).orElse(0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A decimal number, or 0 when absent or unreadable (an optional numeric field). */
    static double doubleOrZero(Optional<String> text) {
        try {
            return text.map(t -> Double.parseDouble(t.strip())).orElse(0.0);
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }

    /**
     * An absolute URI.
     *
     * @throws OnvifException {@code PROTOCOL} if the text is not a URI with a scheme
     */
    static URI absoluteUri(String text, String what) {
        String t = text.strip();
        try {
            URI uri = new URI(t);
            if (!uri.isAbsolute() || uri.getHost() == null && uri.getAuthority() == null) {
                throw OnvifException.protocol(what + " is not an absolute URI with a host: " + abbreviate(t));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw OnvifException.protocol(what + " is not a URI: " + abbreviate(t), e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
