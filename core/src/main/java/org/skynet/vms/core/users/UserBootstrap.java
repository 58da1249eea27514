package org.skynet.vms.core.users;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * The users a fresh server starts with. {@code serve} on an empty users table creates {@code admin}
 * with a random password, to be shown once; {@code demo} makes sure the four well-known demo users
 * exist (their names are their passwords). Creations are audited with the system as actor.
 */
public final class UserBootstrap {
    /** The name of the first administrator. */
    public static final String ADMIN = "admin";
    private static final int GENERATED_PASSWORD_BYTES = 18;

    private final UserStore users;
    private final AuditLog audit;
    private final SecureRandom random;

    public UserBootstrap(UserStore users, AuditLog audit, SecureRandom random) {
        this.users = users;
        this.audit = audit;
        this.random = random;
    }

    /** For {@code serve}: the generated admin login if there were no users at all, else nothing. */
    public List<InitialLogin> firstAdmin() {
        if (users.count() > 0) {
            return List.of();
        }
        byte[] bytes = new byte[GENERATED_PASSWORD_BYTES];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        if (!createIfAbsent(NewUser.of(ADMIN, password, Role.ADMIN))) {
            return List.of();
        }
        return List.of(new InitialLogin(ADMIN, password, true));
    }

    /** For {@code demo}: admin, operator, technician and supervisor, each created if absent. */
    public List<InitialLogin> demoUsers() {
        List<InitialLogin> logins = new ArrayList<>();
        for (Role role : List.of(Role.ADMIN, Role.OPERATOR, Role.TECHNICIAN, Role.SUPERVISOR)) {
            String name = role.wireName();
            createIfAbsent(NewUser.of(name, name, role));
            logins.add(new InitialLogin(name, name, false));
        }
        return logins;
    }

    /** Whether this call created the user (false when it exists, also when another node just made it). */
    private boolean createIfAbsent(NewUser user) {
        if (users.find(user.username()).isPresent()) {
            return false;
        }
        try {
            users.create(user);
        } catch (VmsException e) {
            if (e.kind() == ErrorKind.CONFLICT) {
                return false;
            }
            throw e;
        }
        audit.record(null, "user.create", user.username(), "roles " + UserStore.encodeRoles(user.roles()) + " (start-up)", null);
        return true;
    }
}
