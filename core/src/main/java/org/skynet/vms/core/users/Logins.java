package org.skynet.vms.core.users;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Signing in and out, with their audit entries: {@code login}, {@code login.failed} (with the
 * username tried), {@code login.throttled} (when an address starts being refused by the
 * {@link LoginThrottle}; target = the address, or the username for the per-user throttle),
 * {@code logout} and {@code user.password}. A failed login gives the same
 * answer, after the same hashing work, whether the user is unknown, disabled or the password is wrong.
 * Blocking: worker threads.
 */
public final class Logins {
    /** The one message of every failed login. */
    public static final String FAILED_MESSAGE = "wrong username or password";
    /** The shortest password a user may choose for themselves. */
    public static final int MIN_NEW_PASSWORD_CHARS = PasswordPolicy.MIN_CHARS;

    private final UserStore users;
    private final Sessions sessions;
    private final AuditLog audit;
    private final LoginThrottle throttle;
    private final LoginThrottle userThrottle;
    private final PasswordPolicy policy = new PasswordPolicy();
    private final Clock clock;

    /** Logins throttled per address only. */
    public Logins(UserStore users, Sessions sessions, AuditLog audit, LoginThrottle throttle, Clock clock) {
        this(users, sessions, audit, throttle, null, clock);
    }

    /**
     * @param throttle     failures per client address
     * @param userThrottle failures per username (whatever the address), or null for none
     */
    public Logins(UserStore users, Sessions sessions, AuditLog audit, LoginThrottle throttle, LoginThrottle userThrottle,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.throttle = throttle;
        this.userThrottle = userThrottle;
        this.clock = clock;
    }

    /**
     * Checks the credentials and opens a session.
     *
     * @throws LoginThrottledException when the address or the user failed too often recently (nothing is checked)
     * @throws VmsException AUTH_FAILED ({@link #FAILED_MESSAGE}) when they do not match an enabled user
     */
    public OpenedSession login(String username, String password, String remoteAddress) {
        checkThrottle(remoteAddress);
        checkUserThrottle(username);
        Optional<User> user = users.verify(username, password);
        if (user.isEmpty()) {
            audit.record(null, "login.failed", username, null, remoteAddress);
            countFailure(remoteAddress);
            countUserFailure(username, remoteAddress);
            throw new VmsException(ErrorKind.AUTH_FAILED, FAILED_MESSAGE);
        }
        throttle.succeeded(remoteAddress);
        if (userThrottle != null) {
            userThrottle.succeeded(username);
        }
        OpenedSession session = sessions.open(user.get(), remoteAddress);
        audit.record(user.get().username(), "login", user.get().username(), null, remoteAddress);
        return session;
    }

    /**
     * Changes the signed-in user's password after checking the current one, and ends their other sessions.
     *
     * A wrong current password counts against the address like a failed login, so a stolen session
     * cannot be used to guess the password.
     *
     * @throws LoginThrottledException when the address failed too often recently (nothing is checked)
     * @throws VmsException INVALID_ARGUMENT on field {@code currentPassword} when it is wrong, on
     *                      {@code newPassword} when it breaks the {@link PasswordPolicy}
     */
    public void changePassword(Principal who, String currentPassword, String newPassword, String remoteAddress) {
        policy.check("newPassword", who.username(), newPassword);
        checkThrottle(remoteAddress);
        if (users.verify(who.username(), currentPassword).isEmpty()) {
            audit.record(who.username(), "user.password.failed", who.username(), "wrong current password", remoteAddress);
            countFailure(remoteAddress);
            throw VmsException.invalid("currentPassword", "the current password is wrong");
        }
        users.changePassword(who.username(), newPassword);
        int ended = sessions.closeOthers(who.username(), who.sessionId());
        audit.record(who.username(), "user.password", who.username(), "other sessions ended: " + ended, remoteAddress);
    }

    /** Ends the token's session, if it has one, and records who logged out. Idempotent. */
    public void logout(String token, String remoteAddress) {
        sessions.close(token).ifPresent(username -> audit.record(username, "logout", username, null, remoteAddress));
    }

    private void checkThrottle(String remoteAddress) {
        Optional<Duration> wait = throttle.retryAfter(remoteAddress, clock.instant());
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get());
        }
    }

    private void checkUserThrottle(String username) {
        if (userThrottle == null || username == null) {
            return;
        }
        Optional<Duration> wait = userThrottle.retryAfter(username, clock.instant());
        if (wait.isPresent()) {
            throw new LoginThrottledException(wait.get(), "this user");
        }
    }

    private void countUserFailure(String username, String remoteAddress) {
        if (userThrottle != null && username != null && userThrottle.failed(username, clock.instant())) {
            audit.record(null, "login.throttled", username, "too many failed password checks for this user; refusing it for a while",
                    remoteAddress);
        }
    }

    private void countFailure(String remoteAddress) {
        if (throttle.failed(remoteAddress, clock.instant())) {
            audit.record(null, "login.throttled", remoteAddress, "too many failed password checks; refusing this address for a while",
                    remoteAddress);
        }
    }
}
