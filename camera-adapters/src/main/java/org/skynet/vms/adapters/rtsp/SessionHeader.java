package org.skynet.vms.adapters.rtsp;

import java.time.Duration;
import java.util.Locale;

/**
 * The {@code Session} header of a SETUP response (RFC 2326 §12.37): an opaque id and an optional
 * {@code timeout} in seconds, after which the server drops a session that sent nothing.
 *
 * <p>Lenient on purpose: blanks around {@code ;} and {@code =} are accepted (see
 * {@code testdata/rtsp/spacing_setup.txt}), a {@code timeout} that is
 * not a positive number falls back to the default, and other parameters are ignored.
 *
 * @param id      the session id, sent back verbatim on every later request
 * @param timeout how long the server keeps an idle session
 */
public record SessionHeader(String id, Duration timeout) {

    /** RFC 2326 §12.37: the timeout when the server does not name one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Limit on a header value we parse. */
    static final int MAX_CHARS = 1024;

    /**
     * Parses a header value.
     *
     * @throws RtspException of kind {@code PROTOCOL} when the value is missing, too long or has an empty id
     */
    public static SessionHeader parse(String value) {
        if (value == null || value.length() > MAX_CHARS) {
            throw RtspException.protocol(value == null ? "missing Session header"
                    : "Session header of " + value.length() + " chars exceeds " + MAX_CHARS);
        }
        String[] parts = value.split(";");
        String id = parts[0].trim();
        if (id.isEmpty()) {
            throw RtspException.protocol("empty Session id in '" + value + "'");
        }
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2 && kv[0].trim().toLowerCase(Locale.ROOT).equals("timeout")) {
                timeout = parseSeconds(kv[1].trim());
            }
        }
        return new SessionHeader(id, timeout);
    }

    /** How often to send a keep-alive: half the timeout, as most clients do, at least one second. */
    public Duration keepAliveInterval() {
        Duration half = timeout.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : half;
    }

    private static Duration parseSeconds(String s) {
        try {
            long seconds = Long.parseLong(s);
            return seconds > 0 && seconds <= 86_400 ? Duration.ofSeconds(seconds) : DEFAULT_TIMEOUT;
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT;
        }
    }
}
