package org.skynet.vms.core.users;

import java.util.Set;

/**
 * A change to a user by an administrator; null fields stay as they are.
 *
 * @param roles     the new roles (at least one), or null
 * @param districts the new districts (empty = all), or null
 * @param enabled   enable or disable the account, or null; disabling ends the user's sessions at once
 */
public record UserChange(Set<Role> roles, Set<String> districts, Boolean enabled) {

    public UserChange {
        roles = roles == null ? null : Set.copyOf(roles);
        districts = districts == null ? null : Set.copyOf(districts);
    }
}
