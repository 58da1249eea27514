package org.skynet.vms.core.users;

import java.util.Set;

/**
 * What it takes to create a user. Validated by {@link UserStore#create}.
 *
 * @param username  1-64 characters of {@code [A-Za-z0-9._@-]}, starting with a letter or digit
 * @param password  plain text, 1-{@value PasswordHasher#MAX_PASSWORD_CHARS} characters; only its hash is stored
 * @param roles     at least one
 * @param districts district ids (no commas), empty = all districts
 */
public record NewUser(String username, String password, Set<Role> roles, Set<String> districts) {

    public NewUser {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        districts = districts == null ? Set.of() : Set.copyOf(districts);
    }

    /** A user of all districts with the given roles. */
    public static NewUser of(String username, String password, Role first, Role... more) {
        return new NewUser(username, password, java.util.EnumSet.of(first, more), Set.of());
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", roles=" + roles + ", districts=" + districts + "]";
    }
}
