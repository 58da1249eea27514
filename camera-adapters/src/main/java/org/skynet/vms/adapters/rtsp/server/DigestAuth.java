package org.skynet.vms.adapters.rtsp.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Server side of RTSP Digest authentication (RFC 2617 §3.2.2, MD5, with or without {@code qop=auth}),
 * checked against the stored {@code HA1 = MD5(username:realm:password)} so that the password itself
 * need not be known. Stateless and thread-safe; the nonce belongs to the caller.
 */
public final class DigestAuth {
    /** Longest {@code Authorization} header looked at; longer ones are refused unread. */
    public static final int MAX_HEADER_CHARS = 2048;

    private DigestAuth() {
    }

    /** {@code MD5(username:realm:password)} in lower-case hex. */
    public static String ha1(String username, String realm, String password) {
        return md5Hex(username + ":" + realm + ":" + password);
    }

    /** The {@code WWW-Authenticate} value of a 401 answer. */
    public static String challenge(String realm, String nonce) {
        return "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=\"MD5\"";
    }

    /**
     * The parameters of a {@code Digest} {@code Authorization} header (keys in lower case), or an empty
     * map when the header is missing, too long or of another scheme.
     */
    public static Map<String, String> credentials(String authorization) {
        if (authorization == null || authorization.length() > MAX_HEADER_CHARS
                || !authorization.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Map.of();
        }
        return params(authorization.substring(7));
    }

    /**
     * Whether {@code p} (from {@link #credentials}) answers {@code nonce} for {@code method} with the
     * password whose HA1 is {@code ha1}.
     */
    public static boolean verify(Map<String, String> p, String method, String nonce, String ha1) {
        if (!nonce.equals(p.get("nonce")) || p.get("uri") == null || p.get("response") == null) {
            return false;
        }
        String ha2 = md5Hex(method + ":" + p.get("uri"));
        String qop = p.get("qop");
        String expected = qop == null
                ? md5Hex(ha1 + ":" + nonce + ":" + ha2)
                : md5Hex(ha1 + ":" + nonce + ":" + p.getOrDefault("nc", "") + ":" + p.getOrDefault("cnonce", "")
                        + ":" + qop + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                p.get("response").toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** Parses {@code key="value", key=value} pairs; quoted values may contain commas. */
    public static Map<String, String> params(String text) {
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

    public static String md5Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
