package org.skynet.vms.adapters.sim.onvif;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UsernameTokenVerifierTest {
    private static final String DIGEST_TYPE =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] NONCE = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static UsernameToken token(String user, String password, String created, String type) {
        String digest = Base64.getEncoder().encodeToString(UsernameTokenVerifier.digest(NONCE, created, password));
        return new UsernameToken(user, digest, type, Base64.getEncoder().encodeToString(NONCE), created);
    }

    @Test
    void acceptsTheRightDigest() {
        assertTrue(UsernameTokenVerifier.verify(token("admin", "pw", "2026-03-01T12:00:00Z", DIGEST_TYPE), "admin", "pw", NOW));
    }

    @Test
    void refusesWrongPasswordUserTypeOrStaleCreated() {
        assertFalse(UsernameTokenVerifier.verify(token("admin", "bad", "2026-03-01T12:00:00Z", DIGEST_TYPE), "admin", "pw", NOW));
        assertFalse(UsernameTokenVerifier.verify(token("root", "pw", "2026-03-01T12:00:00Z", DIGEST_TYPE), "admin", "pw", NOW));
        assertFalse(UsernameTokenVerifier.verify(token("admin", "pw", "2026-03-01T12:00:00Z", "#PasswordText"), "admin", "pw", NOW));
        assertFalse(UsernameTokenVerifier.verify(token("admin", "pw", "2026-03-01T12:06:00Z", DIGEST_TYPE), "admin", "pw", NOW));
        assertFalse(UsernameTokenVerifier.verify(token("admin", "pw", "yesterday", DIGEST_TYPE), "admin", "pw", NOW));
        assertFalse(UsernameTokenVerifier.verify(null, "admin", "pw", NOW));
    }
}
