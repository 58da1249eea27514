package org.skynet.vms.adapters.onvif;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * A WS-Security UsernameToken with a PasswordDigest (ONVIF core spec §5.12.2, WSS UsernameToken
 * Profile 1.0): {@code Base64(SHA1(nonce + created + password))}.
 *
 * <p>{@code created} must be the <em>camera's</em> time, i.e. our clock corrected by the clock
 * offset from {@code GetSystemDateAndTime}: cameras reject tokens whose Created is too far from
 * their own clock. The password itself is never kept; {@link #toString()} shows no secret.
 *
 * @param username the user name
 * @param passwordDigest Base64 of the SHA-1 digest
 * @param nonceBase64 Base64 of the nonce bytes
 * @param created the creation time as written, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}
 */
public record UsernameToken(String username, String passwordDigest, String nonceBase64, String created) {
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * Computes a token.
     *
     * @param nonce random bytes, 16 or more; never reuse a nonce
     * @param created the camera's current time (our time plus the camera's clock offset)
     */
    public static UsernameToken create(String username, String password, byte[] nonce, Instant created) {
        String createdText = CREATED.format(created);
        return new UsernameToken(username, digest(nonce, createdText, password),
                Base64.getEncoder().encodeToString(nonce), createdText);
    }

    /** {@code Base64(SHA1(nonce + created + password))}, the PasswordDigest formula. */
    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    /** The {@code wsse:Security} header element. */
    public String toXml() {
        return "<wsse:Security s:mustUnderstand=\"1\" xmlns:wsse=\"" + OnvifNamespaces.WSSE + "\" xmlns:wsu=\""
                + OnvifNamespaces.WSU + "\"><wsse:UsernameToken><wsse:Username>" + SoapEnvelope.escape(username)
                + "</wsse:Username><wsse:Password Type=\"" + OnvifNamespaces.WSSE_PASSWORD_DIGEST + "\">"
                + passwordDigest + "</wsse:Password><wsse:Nonce EncodingType=\"" + OnvifNamespaces.WSSE_BASE64
                + "\">" + nonceBase64 + "</wsse:Nonce><wsu:Created>" + created
                + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }

    @Override
    public String toString() {
        return "UsernameToken[username=" + username + ", created=" + created + "]";
    }
}
