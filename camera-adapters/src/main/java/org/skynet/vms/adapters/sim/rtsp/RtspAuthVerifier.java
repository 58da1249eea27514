package org.skynet.vms.adapters.sim.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.skynet.vms.adapters.sim.RtspAuthScheme;

/**
 * Server side of RTSP authentication for one connection: the challenge to send and the check of an
 * {@code Authorization} header. Digest is RFC 2617 with MD5, with or without {@code qop=auth}
 * (the challenge offers none, as most cameras do); the nonce is random per connection. Basic is
 * RFC 7617. Not thread-safe: one per connection, event loop only.
 */
final class RtspAuthVerifier {
    static final String REALM = "Skynet SIM";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_HEADER_CHARS = 2048;

    private final RtspAuthScheme scheme;
    private final String nonce;

    RtspAuthVerifier(RtspAuthScheme scheme) {
        this.scheme = scheme;
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        this.nonce = HexFormat.of().formatHex(bytes);
    }

    /** The {@code WWW-Authenticate} value for a 401 answer. */
    String challenge() {
        return scheme == RtspAuthScheme.DIGEST
                ? "Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", algorithm=\"MD5\""
                : "Basic realm=\"" + REALM + "\"";
    }

    /**
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @param method the request method, e.g. {@code DESCRIBE}
     * @return whether the header proves {@code username}/{@code password}
     */
    boolean verify(String authorization, String method, String username, String password) {
        if (authorization == null || authorization.length() > MAX_HEADER_CHARS) {
            return false;
        }
        if (scheme == RtspAuthScheme.BASIC) {
            return authorization.regionMatches(true, 0, "Basic ", 0, 6) && basicMatches(
                    authorization.substring(6).trim(), username, password);
        }
        if (!authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = digestParams(authorization.substring(7));
        if (!username.equals(p.get("username")) || !nonce.equals(p.get("nonce")) || p.get("uri") == null
                || p.get("response") == null) {
            return false;
        }
        String ha1 = md5Hex(username + ":" + REALM + ":" + password);
        String ha2 = md5Hex(method + ":" + p.get("uri"));
        String qop = p.get("qop");
        String expected = qop == null
                ? md5Hex(ha1 + ":" + nonce + ":" + ha2)
                : md5Hex(ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":" + p.getOrDefault("cnonce", "")
                        + ":" + qop + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean basicMatches(String encoded, String username, String password) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            return MessageDigest.isEqual(decoded.getBytes(StandardCharsets.UTF_8),
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Parses {@code key="value", key=value} pairs; quoted values may contain commas. */
    static Map<String, String> digestParams(String text) {
        Map<String, String> params = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String value;
            if (i < n && text.charAt(i) == '"') {
                int close = text.indexOf('"', i + 1);
                if (close < 0) {
                    break;
                }
                value = text.substring(i + 1, close);
                i = close + 1;
            } else {
                int comma = text.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                value = text.substring(i, end).trim();
                i = end;
            }
            params.put(key, value);
        }
        return params;
    }

    static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
