package org.skynet.vms.core.users;

import java.util.Locale;
import java.util.Set;
import org.skynet.vms.errors.VmsException;

/**
 * What a password chosen through the API must satisfy: at least {@value #MIN_CHARS} characters, not
 * the username (ignoring case), and not one of a short list of the most common passwords (ignoring
 * case). Demo users are created directly by {@link UserBootstrap} and are exempt. Stateless.
 */
public final class PasswordPolicy {
    /** The shortest acceptable password. */
    public static final int MIN_CHARS = 10;
    private static final Set<String> COMMON = Set.of("1234567890", "0123456789", "12345678910", "123456789a",
            "1q2w3e4r5t", "1qaz2wsx3edc", "qwertyuiop", "qwerty1234", "qwerty12345", "password12", "password123",
            "password1!", "passw0rd123", "letmein123", "welcome123", "iloveyou12", "administrator", "admin12345",
            "adminadmin", "administrator1", "abcdefghij", "abc1234567", "aaaaaaaaaa", "1111111111", "0000000000",
            "changeme12", "changeme123", "surveillance", "camera12345", "security123", "monkey1234", "dragon1234",
            "football12", "baseball12", "sunshine12", "trustno1234", "zaq12wsxcde", "asdfghjkl1", "zxcvbnm123",
            "p@ssw0rd12", "p@ssword123");

    /**
     * @param field    the request field to name in the error, e.g. {@code password}
     * @throws VmsException INVALID_ARGUMENT on {@code field} saying which rule it breaks
     */
    public void check(String field, String username, String password) {
        if (password == null || password.length() < MIN_CHARS) {
            throw VmsException.invalid(field, "the password must have at least " + MIN_CHARS + " characters");
        }
        if (password.length() > PasswordHasher.MAX_PASSWORD_CHARS) {
            throw VmsException.invalid(field, "the password must have at most " + PasswordHasher.MAX_PASSWORD_CHARS + " characters");
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            throw VmsException.invalid(field, "the password must not be the username");
        }
        if (COMMON.contains(password.toLowerCase(Locale.ROOT))) {
            throw VmsException.invalid(field, "this password is on the list of common passwords; choose another");
        }
    }
}
