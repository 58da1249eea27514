package org.skynet.vms.adapters.rtsp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge from a {@code WWW-Authenticate} header (RFC 7235 §2.1; Digest parameters from
 * RFC 7616 §3.3, Basic from RFC 7617). Parameter names are lower-cased; values are unquoted.
 *
 * @param scheme     the auth scheme, lower case: {@code basic} or {@code digest} (others are kept, unused)
 * @param parameters auth-params in header order
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    /** Limit on one header value; a camera is untrusted input. */
    static final int MAX_HEADER_CHARS = 4096;

    public AuthChallenge {
        scheme = scheme.toLowerCase(Locale.ROOT);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A parameter value, or {@code null}. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /** Whether the server says the previous nonce merely expired ({@code stale=true}, case-insensitive). */
    public boolean stale() {
        return "true".equalsIgnoreCase(parameters.get("stale"));
    }

    /** The Digest {@code algorithm}, upper case, {@code MD5} when absent. */
    public String algorithm() {
        return parameters.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    }

    /** Whether {@code qop} offers {@code auth} (RFC 7616 §3.3: a comma-separated list). */
    public boolean offersQopAuth() {
        String qop = parameters.get("qop");
        if (qop == null) {
            return false;
        }
        for (String option : qop.split(",")) {
            if (option.trim().equalsIgnoreCase("auth")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses every challenge in one header value. Several challenges may share a value, separated by
     * commas; a new one starts at a token that is not followed by {@code '='}.
     *
     * @throws RtspException of kind {@code PROTOCOL} when the value is too long or has an unterminated
     *                       quoted string
     */
    public static List<AuthChallenge> parseAll(String headerValue) {
        if (headerValue.length() > MAX_HEADER_CHARS) {
            throw RtspException.protocol("WWW-Authenticate of " + headerValue.length() + " chars exceeds "
                    + MAX_HEADER_CHARS);
        }
        List<AuthChallenge> out = new ArrayList<>();
        Tokenizer t = new Tokenizer(headerValue);
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (t.skipSeparators()) {
            String token = t.token();
            if (token.isEmpty()) {
                throw RtspException.protocol("unexpected character in WWW-Authenticate at index " + t.pos);
            }
            if (t.consume('=')) {
                if (scheme == null) {
                    throw RtspException.protocol("WWW-Authenticate parameter before the scheme");
                }
                params.put(token.toLowerCase(Locale.ROOT), t.value());
            } else {
                if (scheme != null) {
                    out.add(new AuthChallenge(scheme, params));
                    params = new LinkedHashMap<>();
                }
                scheme = token;
            }
        }
        if (scheme != null) {
            out.add(new AuthChallenge(scheme, params));
        }
        return out;
    }

    /** Just enough of RFC 7230 §3.2.6 tokens and quoted strings for auth headers. */
    private static final class Tokenizer {
        private final String s;
        private int pos;

        Tokenizer(String s) {
            this.s = s;
        }

        /** Skips blanks and commas; whether anything is left. */
        boolean skipSeparators() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
                pos++;
            }
            return pos < s.length();
        }

        String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        boolean consume(char c) {
            int save = pos;
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                while (pos < s.length() && s.charAt(pos) == ' ') {
                    pos++;
                }
                return true;
            }
            pos = save;
            return false;
        }

        String value() {
            if (pos >= s.length() || s.charAt(pos) != '"') {
                // RFC 7235 allows a bare token as a value; read up to the next separator.
                int start = pos;
                while (pos < s.length() && s.charAt(pos) != ',' && s.charAt(pos) != ' ') {
                    pos++;
                }
                return s.substring(start, pos);
            }
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                b.append(c);
            }
            throw RtspException.protocol("unterminated quoted string in WWW-Authenticate");
        }

        private static boolean isTokenChar(char c) {
            return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={} ".indexOf(c) < 0;
        }
    }
}
