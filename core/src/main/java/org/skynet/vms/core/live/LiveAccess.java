package org.skynet.vms.core.live;

import java.util.EnumSet;
import java.util.Set;
import org.skynet.vms.core.users.Role;

/**
 * Which roles may watch live video, the same for every way of watching it: the live WebSocket, the
 * still-picture fallback ({@code live.jpg}) and the RTSP re-stream. Technicians watch too: they install
 * and check cameras. Districts are checked separately, by resolving the camera for the caller (404
 * outside their districts).
 */
public final class LiveAccess {
    /** Roles that may watch live video. */
    public static final Set<Role> WATCHERS = EnumSet.of(Role.OPERATOR, Role.TECHNICIAN, Role.SUPERVISOR, Role.ADMIN);

    private LiveAccess() {
    }

    /** Whether a holder of {@code roles} may watch live video. */
    public static boolean mayWatch(Set<Role> roles) {
        return roles.stream().anyMatch(WATCHERS::contains);
    }
}
