package org.skynet.vms.adapters.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.errors.ErrorKind;

/**
 * HTTP Digest authentication (RFC 7616, RFC 2617 compatible) for devices that answer an ONVIF call
 * with {@code 401} and {@code WWW-Authenticate: Digest ...} instead of accepting WS-Security.
 * Algorithms MD5 and SHA-256, {@code qop=auth} or no qop. Pure functions, no I/O.
 *
 * @param realm the protection space
 * @param nonce the server nonce
 * @param opaque the opaque value to echo, or empty
 * @param algorithm {@code MD5} or {@code SHA-256}
 * @param qopAuth whether the server offered {@code qop=auth}
 */
public record HttpDigestAuth(String realm, String nonce, String opaque, String algorithm, boolean qopAuth) {
    private static final int MAX_HEADER_CHARS = 4096;

    /**
     * Reads a {@code WWW-Authenticate} value.
     *
     * @return empty if the header is not a Digest challenge
     * @throws OnvifException {@code UNSUPPORTED} for an algorithm other than MD5 or SHA-256, or
     *     {@code PROTOCOL} when the challenge has no nonce or is oversized
     */
    public static Optional<HttpDigestAuth> parseChallenge(String header) {
        String h = header.strip();
        if (h.length() > MAX_HEADER_CHARS) {
            throw OnvifException.protocol("WWW-Authenticate header longer than " + MAX_HEADER_CHARS + " chars");
        }
        if (!h.regionMatches(true, 0, "Digest ", 0, 7)) {
            return Optional.empty();
        }
        Map<String, String> params = parseParams(h.substring(7));
        String nonce = params.get("nonce");
        if (nonce == null || nonce.isEmpty()) {
            throw OnvifException.protocol("Digest challenge without a nonce");
        }
        String algorithm = params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        if (!algorithm.equals("MD5") && !algorithm.equals("SHA-256")) {
            throw new OnvifException(ErrorKind.UNSUPPORTED, "HTTP Digest algorithm " + algorithm + " is not supported");
        }
        boolean qopAuth = false;
        String qop = params.get("qop");
        if (qop != null) {
            for (String q : qop.split(",")) {
                qopAuth |= q.strip().equalsIgnoreCase("auth");
            }
        }
        return Optional.of(new HttpDigestAuth(params.getOrDefault("realm", ""), nonce,
                params.getOrDefault("opaque", ""), algorithm, qopAuth));
    }

    /**
     * The {@code Authorization} header value for one request.
     *
     * @param method the HTTP method, {@code POST} for SOAP
     * @param uri the request target as sent on the request line (path and query)
     * @param cnonce a fresh client nonce (hex or Base64 text)
     * @param nonceCount how many requests used this server nonce, starting at 1
     */
    public String authorization(String username, String password, String method, String uri, String cnonce,
            int nonceCount) {
        String ha1 = hash(username + ":" + realm + ":" + password);
        String ha2 = hash(method + ":" + uri);
        String nc = String.format(Locale.ROOT, "%08x", nonceCount);
        String response = qopAuth
                ? hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : hash(ha1 + ":" + nonce + ":" + ha2);
        StringBuilder sb = new StringBuilder("Digest username=\"").append(quote(username))
                .append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce))
                .append("\", uri=\"").append(quote(uri))
                .append("\", algorithm=").append(algorithm)
                .append(", response=\"").append(response).append('"');
        if (qopAuth) {
            sb.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(quote(cnonce)).append('"');
        }
        if (!opaque.isEmpty()) {
            sb.append(", opaque=\"").append(quote(opaque)).append('"');
        }
        return sb.toString();
    }

    private String hash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 and SHA-256 are required of every JDK", e);
        }
    }

    private static String quote(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Parses {@code name=token} and {@code name="quoted \" string"} pairs separated by commas. */
    static Map<String, String> parseParams(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ',') {
                i++;
            }
            String name = text.substring(nameStart, i).strip().toLowerCase(Locale.ROOT);
            if (i >= n || text.charAt(i) != '=') {
                continue;
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            if (!name.isEmpty()) {
                out.put(name, value.toString().strip());
            }
        }
        return out;
    }
}
