package org.skynet.vms.core.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Seals short secrets (camera passwords) with AES-256-GCM: a fresh random 96-bit nonce per seal, a
 * 128-bit tag, and a context string (the camera id) as associated data, so a sealed value copied to
 * another camera's row does not open. Sealed text is {@code v1.} + base64url(nonce || ciphertext || tag).
 * Thread-safe (a new {@link Cipher} per call). Failures never include the secret.
 */
public final class SecretBox {
    /** Key size in bytes (AES-256). */
    public static final int KEY_BYTES = 32;
    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw VmsException.invalid("master-key", "the master key must be exactly " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** Encrypts {@code plaintext}, bound to {@code context}. */
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct);
            return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot encrypt a secret: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * Decrypts what {@link #seal} produced for the same context. A wrong key, context or a tampered value
     * is an INTERNAL error (the data at rest no longer matches the key).
     */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new VmsException(ErrorKind.INTERNAL, "sealed secret of " + context + " has an unknown format");
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
            if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new VmsException(ErrorKind.INTERNAL, "sealed secret of " + context + " is truncated");
            }
            byte[] nonce = new byte[NONCE_BYTES];
            System.arraycopy(raw, 0, nonce, 0, NONCE_BYTES);
            Cipher c = cipher(Cipher.DECRYPT_MODE, nonce, context);
            byte[] pt = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
            return new String(pt, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot decrypt the secret of " + context
                    + ": wrong master key or damaged value (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return c;
    }
}
