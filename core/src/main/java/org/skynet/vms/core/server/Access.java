package org.skynet.vms.core.server;

import java.util.EnumSet;
import java.util.Set;
import org.skynet.vms.core.users.Role;

/**
 * Who may call a route: anyone ({@link #PUBLIC}), any signed-in user, or only holders of some roles.
 * Every route declares one; there is no default.
 */
public record Access(boolean requiresSession, Set<Role> roles) {
    public static final Access PUBLIC = new Access(false, Set.of());
    public static final Access ANY_USER = new Access(true, EnumSet.allOf(Role.class));

    public static Access roles(Role first, Role... rest) {
        return new Access(true, EnumSet.of(first, rest));
    }
}
