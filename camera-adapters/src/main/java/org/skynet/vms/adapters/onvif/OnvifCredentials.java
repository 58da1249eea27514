package org.skynet.vms.adapters.onvif;

import java.util.Objects;

/**
 * A device user name and password. {@link #toString()} never shows the password, so the record
 * may be logged or put in an exception message by mistake without leaking it.
 */
public record OnvifCredentials(String username, String password) {
    public OnvifCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "OnvifCredentials[username=" + username + ", password=***]";
    }
}
