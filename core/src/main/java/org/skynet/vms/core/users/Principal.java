package org.skynet.vms.core.users;

import java.util.Set;

/**
 * The authenticated caller of a request: who, with which roles, limited to which districts
 * (empty = all districts), and the session it came with.
 */
public record Principal(String username, Set<Role> roles, Set<String> districts, String sessionId) {

    public Principal {
        roles = Set.copyOf(roles);
        districts = Set.copyOf(districts);
    }

    public boolean hasAnyRole(Set<Role> allowed) {
        for (Role r : roles) {
            if (allowed.contains(r)) {
                return true;
            }
        }
        return false;
    }
}
