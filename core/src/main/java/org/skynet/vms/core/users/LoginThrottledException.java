package org.skynet.vms.core.users;

import java.time.Duration;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** A login refused without checking the password, because its address or its user failed too often recently. */
public final class LoginThrottledException extends VmsException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        this(retryAfter, "your address");
    }

    /** @param whose what failed too often, e.g. "your address" or "this user" */
    public LoginThrottledException(Duration retryAfter, String whose) {
        super(ErrorKind.AUTH_FAILED, "too many failed logins for " + whose + "; try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    /** How long the address must wait before its next attempt. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
