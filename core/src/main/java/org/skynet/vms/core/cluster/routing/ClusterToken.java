package org.skynet.vms.core.cluster.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The shared secret {@code cluster.token} that core presents to recorder nodes as
 * {@code Authorization: Bearer <token>}. Compared in constant time: both sides are hashed with SHA-256
 * first, so neither the content nor the length of the token leaks through timing.
 */
public final class ClusterToken {
    /** Shortest token accepted: a guessable secret would open every recording of the city. */
    public static final int MIN_CHARS = 16;
    private static final String BEARER = "Bearer ";

    private final String token;
    private final byte[] digest;

    /** @throws IllegalArgumentException when {@code token} is shorter than {@link #MIN_CHARS} */
    public ClusterToken(String token) {
        Objects.requireNonNull(token, "cluster.token");
        if (token.strip().length() < MIN_CHARS) {
            throw new IllegalArgumentException("cluster.token must be at least " + MIN_CHARS + " characters");
        }
        this.token = token.strip();
        this.digest = sha256(this.token);
    }

    /** The {@code Authorization} header value core sends. */
    public String authorization() {
        return BEARER + token;
    }

    /** Whether an {@code Authorization} header (may be {@code null}) carries this token. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(BEARER.length()).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "ClusterToken[***]";
    }
}
