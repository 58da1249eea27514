package org.skynet.vms.core.users;

import java.time.Instant;
import java.util.Set;

/**
 * A user account as the rest of the server sees it (never with its password hash).
 *
 * @param username  unique, case-sensitive, 1-64 characters of {@code [A-Za-z0-9._@-]}
 * @param roles     at least one
 * @param districts the districts the user is limited to; empty = all districts
 * @param enabled   a disabled user cannot log in and their open sessions stop working
 * @param createdAt when the account was created (UTC)
 */
public record User(String username, Set<Role> roles, Set<String> districts, boolean enabled, Instant createdAt) {

    public User {
        roles = Set.copyOf(roles);
        districts = Set.copyOf(districts);
    }

    /** The principal of a request made in the given session by this user. */
    public Principal principal(String sessionId) {
        return new Principal(username, roles, districts, sessionId);
    }
}
