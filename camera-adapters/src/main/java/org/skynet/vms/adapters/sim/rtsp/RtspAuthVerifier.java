package org.skynet.vms.adapters.sim.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.skynet.vms.adapters.rtsp.server.DigestAuth;
import org.skynet.vms.adapters.sim.RtspAuthScheme;

/**
 * Server side of RTSP authentication for one connection: the challenge to send and the check of an
 * {@code Authorization} header. Digest is RFC 2617 with MD5, with or without {@code qop=auth}
 * (the challenge offers none, as most cameras do); the nonce is random per connection, drawn when the first
 * challenge goes out (most connections of a health probe never need one: OPTIONS is answered without
 * credentials, and the secure random source costs a system call). Basic is RFC 7617. Not thread-safe: one per
 * connection, event loop only.
 */
final class RtspAuthVerifier {
    static final String REALM = "Skynet SIM";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_HEADER_CHARS = 2048;

    private final RtspAuthScheme scheme;
    /** The nonce of this connection's Digest challenges, or null before the first one. */
    private String nonce;

    RtspAuthVerifier(RtspAuthScheme scheme) {
        this.scheme = scheme;
    }

    /** The {@code WWW-Authenticate} value for a 401 answer. */
    String challenge() {
        if (scheme == RtspAuthScheme.BASIC) {
            return "Basic realm=\"" + REALM + "\"";
        }
        if (nonce == null) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            nonce = HexFormat.of().formatHex(bytes);
        }
        return DigestAuth.challenge(REALM, nonce);
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
        if (nonce == null) {
            return false; // Digest before any challenge on this connection: no nonce it could answer
        }
        Map<String, String> p = DigestAuth.credentials(authorization);
        return username.equals(p.get("username"))
                && DigestAuth.verify(p, method, nonce, DigestAuth.ha1(username, REALM, password));
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
}
