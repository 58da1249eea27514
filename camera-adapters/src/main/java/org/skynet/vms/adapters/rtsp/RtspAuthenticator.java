package org.skynet.vms.adapters.rtsp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Answers RTSP authentication challenges for one connection: HTTP Basic (RFC 7617) and Digest
 * (RFC 2617 / RFC 7616) with {@code MD5}, {@code MD5-sess}, {@code SHA-256} and {@code SHA-256-sess},
 * with or without {@code qop=auth}. Nothing is sent before the first challenge, so a password never
 * goes out in clear to a server that did not ask for it.
 *
 * <p>Retry policy, so a wrong password cannot loop: the first 401 of a request is always answered
 * (the camera may have rotated its nonce), a second 401 for the same request only when it says
 * {@code stale=true} (RFC 7616 §3.3: the nonce expired, the password was right). Any further 401 is
 * {@code AUTH_FAILED}.
 *
 * <p>Not thread-safe; used from the connection's event loop only.
 */
public final class RtspAuthenticator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials credentials;
    private final Supplier<String> cnonces;
    private AuthChallenge challenge;
    private int nonceCount;

    /**
     * @param credentials the account, or {@code null} when the source has none (every 401 then fails)
     * @param cnonces     client nonces for {@code qop=auth}; tests pass a fixed one
     */
    public RtspAuthenticator(Credentials credentials, Supplier<String> cnonces) {
        this.credentials = credentials;
        this.cnonces = cnonces;
    }

    /** An authenticator with random 16-hex-digit client nonces. */
    public static RtspAuthenticator of(Credentials credentials) {
        return new RtspAuthenticator(credentials, () -> HexFormat.of().toHexDigits(RANDOM.nextLong()));
    }

    /**
     * Takes in the challenges of a 401 for a request already retried {@code retries} times.
     *
     * @return whether to send the request again (then {@link #authorization} answers the new challenge)
     */
    public boolean unauthorized(List<String> wwwAuthenticate, int retries) {
        if (credentials == null) {
            return false;
        }
        AuthChallenge best = null;
        for (String value : wwwAuthenticate) {
            for (AuthChallenge c : AuthChallenge.parseAll(value)) {
                if (rank(c) > rank(best)) {
                    best = c;
                }
            }
        }
        if (best == null || rank(best) == 0) {
            return false;
        }
        if (retries > 1 || (retries == 1 && !best.stale())) {
            return false;
        }
        if (challenge == null || !best.parameters().equals(challenge.parameters())) {
            nonceCount = 0;
        }
        challenge = best;
        return true;
    }

    /**
     * The {@code Authorization} header value for a request, or {@code null} before any challenge.
     *
     * @param method the RTSP method, e.g. {@code DESCRIBE}
     * @param uri    the request URI exactly as sent (no credentials)
     */
    public String authorization(String method, String uri) {
        if (challenge == null) {
            return null;
        }
        if (challenge.scheme().equals("basic")) {
            String pair = credentials.username() + ":" + credentials.password();
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return digest(method, uri);
    }

    private String digest(String method, String uri) {
        String algorithm = challenge.algorithm();
        String realm = challenge.parameters().getOrDefault("realm", "");
        String nonce = challenge.parameters().getOrDefault("nonce", "");
        String hashName = algorithm.startsWith("SHA-256") ? "SHA-256" : "MD5";
        String ha1 = hash(hashName, credentials.username() + ":" + realm + ":" + credentials.password());
        boolean qopAuth = challenge.offersQopAuth();
        String cnonce = qopAuth || algorithm.endsWith("-SESS") ? cnonces.get() : null;
        if (algorithm.endsWith("-SESS")) {
            ha1 = hash(hashName, ha1 + ":" + nonce + ":" + cnonce);
        }
        String ha2 = hash(hashName, method + ":" + uri);
        StringBuilder b = new StringBuilder("Digest username=\"").append(quote(credentials.username()))
                .append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce))
                .append("\", uri=\"").append(quote(uri)).append('"');
        String response;
        if (qopAuth) {
            String nc = String.format(Locale.ROOT, "%08x", ++nonceCount);
            response = hash(hashName, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            response = hash(hashName, ha1 + ":" + nonce + ":" + ha2);
        }
        b.append(", response=\"").append(response).append('"');
        if (challenge.parameters().containsKey("algorithm")) {
            b.append(", algorithm=").append(challenge.parameter("algorithm"));
        }
        if (challenge.parameters().containsKey("opaque")) {
            b.append(", opaque=\"").append(quote(challenge.parameter("opaque"))).append('"');
        }
        return b.toString();
    }

    /** 0 for unusable challenges; Digest beats Basic, SHA-256 beats MD5. */
    private static int rank(AuthChallenge c) {
        if (c == null) {
            return 0;
        }
        if (c.scheme().equals("basic")) {
            return 1;
        }
        if (!c.scheme().equals("digest") || c.parameter("nonce") == null) {
            return 0;
        }
        String qop = c.parameter("qop");
        if (qop != null && !c.offersQopAuth()) {
            return 0; // only auth-int offered: it needs the body hash, which we do not implement
        }
        return switch (c.algorithm()) {
            case "MD5", "MD5-SESS" -> 2;
            case "SHA-256", "SHA-256-SESS" -> 3;
            default -> 0;
        };
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String hash(String algorithm, String s) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}
