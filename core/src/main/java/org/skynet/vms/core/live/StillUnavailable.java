package org.skynet.vms.core.live;

import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * No still picture yet: the camera's stream is being opened, is broken, or has not sent a keyframe since
 * the viewer came. Retriable: the API answers 503 with the reason and {@code Retry-After}.
 */
public final class StillUnavailable extends VmsException {
    private static final long serialVersionUID = 1L;

    StillUnavailable(String message) {
        super(ErrorKind.UNREACHABLE, message);
    }
}
