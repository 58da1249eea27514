package org.skynet.vms.core.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Session tokens: 32 random bytes, base64url without padding (43 characters). The database keeps only
 * the SHA-256 of a token (hex), which doubles as the session id: it identifies a session without
 * letting anyone who reads it sign in.
 */
public final class SessionTokens {
    private static final int TOKEN_BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final SecureRandom random;

    public SessionTokens(SecureRandom random) {
        this.random = random;
    }

    /** A fresh, unguessable token. */
    public String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has the shape of one of our tokens; anything else is refused without a database look-up. */
    public static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** The stored form of a token: SHA-256 as 64 lower-case hex digits. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
