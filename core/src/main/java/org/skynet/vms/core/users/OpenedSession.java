package org.skynet.vms.core.users;

import java.time.Instant;

/**
 * A session just opened by a login: the only moment the plain token exists on the server.
 *
 * @param token     the bearer token to hand to the client, never stored or logged
 * @param user      who signed in
 * @param expiresAt when the token stops working (UTC)
 */
public record OpenedSession(String token, User user, Instant expiresAt) {

    @Override
    public String toString() {
        return "OpenedSession[user=" + user.username() + ", expiresAt=" + expiresAt + "]";
    }
}
