package org.skynet.vms.adapters.rtsp;

import java.util.Objects;

/**
 * A camera account. {@link #toString()} never shows the password, so a record that ends up in a log
 * line or an exception message does not leak it.
 *
 * @param username the user name, not empty
 * @param password the password, possibly empty
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("empty username");
        }
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
