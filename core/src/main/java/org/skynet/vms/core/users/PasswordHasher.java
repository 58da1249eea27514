package org.skynet.vms.core.users;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.skynet.vms.errors.VmsException;

/**
 * Hashes and checks passwords with PBKDF2-HMAC-SHA256 (RFC 8018 section 5.2) from the JDK, a random
 * 16-byte salt per password and a 256-bit derived key. The encoded form describes itself, so the
 * iteration count can be raised later without invalidating stored hashes:
 * {@code pbkdf2-sha256$<iterations>$<salt, base64 no padding>$<hash, base64 no padding>}.
 *
 * <p>Costly on purpose (about 0.1-0.3 s of one core per call at the default count): call from worker
 * threads only. Thread-safe.
 */
public final class PasswordHasher {
    /** The iteration count of new hashes; the brief's floor (OWASP 2023 suggests more where CPU allows). */
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Stored hashes with a count outside [1, MAX_ITERATIONS] are rejected, so bad data cannot stall a worker. */
    static final int MAX_ITERATIONS = 10_000_000;
    /** Longest password accepted, in characters; bounds the work of one HMAC key set-up. */
    public static final int MAX_PASSWORD_CHARS = 1024;

    private static final String PREFIX = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int iterations;
    private final SecureRandom random;
    private final String dummyHash;

    public PasswordHasher() {
        this(DEFAULT_ITERATIONS, new SecureRandom());
    }

    /** With another iteration count: tests use a small one; production never goes below the default. */
    PasswordHasher(int iterations, SecureRandom random) {
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be in [1, " + MAX_ITERATIONS + "], got " + iterations);
        }
        this.iterations = iterations;
        this.random = random;
        this.dummyHash = hash("not a password of anyone");
    }

    /** A new encoded hash of the password with a fresh random salt. */
    public String hash(String password) {
        checkLength(password);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /**
     * Whether the password matches the encoded hash, comparing in constant time. A malformed or
     * foreign encoding never matches (and never throws), but the same hashing work is still done.
     */
    public boolean verify(String password, String encoded) {
        if (password == null || password.length() > MAX_PASSWORD_CHARS) {
            burn();
            return false;
        }
        Parsed parsed = Parsed.of(encoded);
        if (parsed == null) {
            burn();
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.iterations);
        return MessageDigest.isEqual(actual, parsed.hash);
    }

    /**
     * Does the work of one verification against a hash nobody has, for a login of an unknown user:
     * the answer then takes as long as for a known user with a wrong password.
     */
    public void burn() {
        Parsed parsed = Parsed.of(dummyHash);
        derive("wrong", parsed.salt, parsed.iterations);
    }

    /** Whether a stored hash was made with weaker settings than new ones and should be replaced on next login. */
    public boolean needsRehash(String encoded) {
        Parsed parsed = Parsed.of(encoded);
        return parsed == null || parsed.iterations < iterations;
    }

    private static void checkLength(String password) {
        if (password == null || password.isEmpty()) {
            throw VmsException.invalid("password", "password must not be empty");
        }
        if (password.length() > MAX_PASSWORD_CHARS) {
            throw VmsException.invalid("password",
                    "password must be at most " + MAX_PASSWORD_CHARS + " characters");
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        char[] chars = password.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    /** The parts of an encoded hash, or null from {@link #of} when it is not ours or malformed. */
    private record Parsed(int iterations, byte[] salt, byte[] hash) {
        static Parsed of(String encoded) {
            if (encoded == null) {
                return null;
            }
            String[] parts = encoded.split("\\$", -1);
            if (parts.length != 4 || !parts[0].equals(PREFIX)) {
                return null;
            }
            try {
                int iterations = Integer.parseInt(parts[1]);
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] hash = Base64.getDecoder().decode(parts[3]);
                if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0 || hash.length != HASH_BYTES) {
                    return null;
                }
                return new Parsed(iterations, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
