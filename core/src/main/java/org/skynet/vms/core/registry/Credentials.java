package org.skynet.vms.core.registry;

/** A camera's login, decrypted. Its {@link #toString()} hides the password so that it never reaches a log. */
public record Credentials(String username, String password) {
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=***]";
    }
}
