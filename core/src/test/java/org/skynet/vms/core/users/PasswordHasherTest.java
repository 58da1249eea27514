package org.skynet.vms.core.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class PasswordHasherTest {
    private final PasswordHasher fast = new PasswordHasher(1_000, new SecureRandom());

    @Test
    void defaultHashIsSelfDescribingWithAtLeast210kIterations() {
        String encoded = new PasswordHasher().hash("correct horse");
        String[] parts = encoded.split("\\$");
        assertEquals(4, parts.length, encoded);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertTrue(Integer.parseInt(parts[1]) >= 210_000, encoded);
        assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
        assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String encoded = fast.hash("s3cret-pass");
        assertTrue(fast.verify("s3cret-pass", encoded));
        assertFalse(fast.verify("s3cret-pasS", encoded));
        assertFalse(fast.verify("", encoded));
        assertFalse(fast.verify(null, encoded));
    }

    @Test
    void knownVectorFromAnotherImplementation() {
        // PBKDF2-HMAC-SHA256("password", "salt", 1 iteration, 32 bytes), computed independently with
        // Python's hashlib.pbkdf2_hmac; the widely published test vector
        String salt = Base64.getEncoder().withoutPadding().encodeToString("salt".getBytes());
        String hash = "Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs"; // hex 120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b
        assertTrue(fast.verify("password", "pbkdf2-sha256$1$" + salt + "$" + hash));
    }

    @Test
    void samePasswordGetsAFreshSaltEachTime() {
        assertNotEquals(fast.hash("same"), fast.hash("same"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "pbkdf2-sha256$1000$c2FsdA", "bcrypt$1000$c2FsdA$aGFzaA",
            "pbkdf2-sha256$0$c2FsdA$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs",
            "pbkdf2-sha256$99999999$c2FsdA$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs",
            "pbkdf2-sha256$x$c2FsdA$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs",
            "pbkdf2-sha256$1$!!$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs",
            "pbkdf2-sha256$1$c2FsdA$c2hvcnQ"})
    void malformedEncodingsNeverMatchAndNeverThrow(String encoded) {
        assertFalse(fast.verify("password", encoded));
        assertTrue(fast.needsRehash(encoded));
    }

    @Test
    void weakerHashesNeedRehash() {
        PasswordHasher stronger = new PasswordHasher(2_000, new SecureRandom());
        String weak = fast.hash("pw");
        assertTrue(stronger.needsRehash(weak));
        assertFalse(fast.needsRehash(weak));
        assertTrue(stronger.verify("pw", weak), "old hashes keep working after the count is raised");
    }

    @Test
    void emptyOrHugePasswordsAreRejectedWhenHashing() {
        VmsException empty = assertThrows(VmsException.class, () -> fast.hash(""));
        assertEquals(ErrorKind.INVALID_ARGUMENT, empty.kind());
        assertEquals("password", empty.field());
        assertThrows(VmsException.class, () -> fast.hash("x".repeat(PasswordHasher.MAX_PASSWORD_CHARS + 1)));
        assertFalse(fast.verify("x".repeat(PasswordHasher.MAX_PASSWORD_CHARS + 1), fast.hash("x")));
    }
}
