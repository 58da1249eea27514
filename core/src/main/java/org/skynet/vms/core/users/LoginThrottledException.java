package org.skynet.vms.core.users;

import java.time.Duration;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** A login refused without checking the password, because its address failed too often recently. */
public final class LoginThrottledException extends VmsException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super(ErrorKind.AUTH_FAILED, "too many failed logins from your address; try again in "
                + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    /** How long the address must wait before its next attempt. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
