package org.skynet.vms.adapters.sim.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Checks a WS-Security UsernameToken the way an ONVIF camera does: PasswordDigest only,
 * {@code Base64(SHA-1(nonce + created + password))} with the nonce Base64-decoded first
 * (WSS UsernameToken Profile 1.0 §3.1), and {@code Created} within {@link #MAX_SKEW} of the
 * camera's own clock, so a client that ignores the camera's clock drift is refused.
 * Stateless and thread-safe; nonces are not remembered (no replay cache).
 */
final class UsernameTokenVerifier {
    /** How far {@code Created} may be from the camera clock, either way. */
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private UsernameTokenVerifier() {
    }

    /**
     * @param token the token as sent, or {@code null}
     * @param deviceNow the camera's clock reading now (drift applied)
     * @return whether the token proves knowledge of {@code password} for {@code username}
     */
    static boolean verify(UsernameToken token, String username, String password, Instant deviceNow) {
        if (token == null || !token.username().equals(username)
                || !token.passwordType().endsWith(UsernameToken.PASSWORD_DIGEST_TYPE_SUFFIX)) {
            return false;
        }
        Instant created;
        byte[] nonce;
        byte[] sent;
        try {
            created = Instant.parse(token.created());
            nonce = Base64.getMimeDecoder().decode(token.nonce());
            sent = Base64.getMimeDecoder().decode(token.password());
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
        if (Duration.between(created, deviceNow).abs().compareTo(MAX_SKEW) > 0) {
            return false;
        }
        return MessageDigest.isEqual(sent, digest(nonce, token.created(), password));
    }

    /** {@code SHA-1(nonce + created + password)}, the raw PasswordDigest bytes. */
    static byte[] digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
