package org.skynet.vms.core.users;

import java.util.Set;
import java.util.TreeSet;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * User administration by an admin: create accounts, change roles, districts and enabled, and reset a
 * password. Every change is audited with the admin as actor ({@code user.create}, {@code user.update},
 * {@code user.disable}, {@code user.enable}, {@code user.password.reset}). Disabling a user or
 * resetting their password ends all their sessions at once. Passwords must pass the
 * {@link PasswordPolicy}. An admin cannot disable themselves or take away their own admin role, so
 * the last admin cannot lock everyone out by mistake. Blocking: worker threads.
 */
public final class UserAdmin {
    private final UserStore users;
    private final Sessions sessions;
    private final AuditLog audit;
    private final PasswordPolicy policy = new PasswordPolicy();

    public UserAdmin(UserStore users, Sessions sessions, AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** @throws VmsException INVALID_ARGUMENT naming the field, CONFLICT when the username is taken */
    public User create(Principal by, NewUser user, String remoteAddress) {
        policy.check("password", user.username(), user.password());
        User created = users.create(user);
        audit.record(by.username(), "user.create", created.username(), describe(created.roles(), created.districts()),
                remoteAddress);
        return created;
    }

    /** @throws VmsException NOT_FOUND, or INVALID_ARGUMENT naming the field */
    public User update(Principal by, String username, UserChange change, String remoteAddress) {
        User before = users.find(username).orElseThrow(() -> VmsException.notFound("no such user: " + username));
        if (by.username().equals(username)) {
            if (Boolean.FALSE.equals(change.enabled())) {
                throw VmsException.invalid("enabled", "you cannot disable your own account");
            }
            if (change.roles() != null && !change.roles().contains(Role.ADMIN)) {
                throw VmsException.invalid("roles", "you cannot take away your own admin role");
            }
        }
        Set<Role> roles = change.roles() == null ? before.roles() : change.roles();
        Set<String> districts = change.districts() == null ? before.districts() : change.districts();
        if (!roles.equals(before.roles()) || !districts.equals(before.districts())) {
            users.setAccess(username, roles, districts);
            audit.record(by.username(), "user.update", username, describe(before.roles(), before.districts()) + " -> "
                    + describe(roles, districts), remoteAddress);
        }
        if (change.enabled() != null && change.enabled() != before.enabled()) {
            users.setEnabled(username, change.enabled());
            if (change.enabled()) {
                audit.record(by.username(), "user.enable", username, null, remoteAddress);
            } else {
                int ended = sessions.closeAll(username);
                audit.record(by.username(), "user.disable", username, "sessions ended: " + ended, remoteAddress);
            }
        }
        return users.find(username).orElseThrow(() -> new VmsException(ErrorKind.CONFLICT, "user " + username
                + " was deleted meanwhile"));
    }

    /** Sets a new password chosen by the admin and ends the user's sessions. @throws VmsException NOT_FOUND, INVALID_ARGUMENT */
    public void resetPassword(Principal by, String username, String password, String remoteAddress) {
        if (users.find(username).isEmpty()) {
            throw VmsException.notFound("no such user: " + username);
        }
        policy.check("password", username, password);
        users.changePassword(username, password);
        int ended = sessions.closeAll(username);
        audit.record(by.username(), "user.password.reset", username, "sessions ended: " + ended, remoteAddress);
    }

    private static String describe(Set<Role> roles, Set<String> districts) {
        return "roles " + UserStore.encodeRoles(roles) + ", districts " + (districts.isEmpty() ? "(all)"
                : String.join(",", new TreeSet<>(districts)));
    }
}
