package org.skynet.vms.adapters.onvif;

import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * An ONVIF exchange failed: the device could not be reached, did not answer in time, refused the
 * credentials or sent something that is not the SOAP we asked for. SOAP faults are the subclass
 * {@link OnvifFault}. Messages name the operation and the URL without credentials.
 */
public class OnvifException extends VmsException {
    private static final long serialVersionUID = 1L;

    public OnvifException(ErrorKind kind, String message) {
        super(kind, message);
    }

    public OnvifException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /**
     * @param field the element or input the error is about (e.g. {@code SubscriptionReference/Address}),
     *     or {@code null}
     */
    public OnvifException(ErrorKind kind, String message, String field, Throwable cause) {
        super(kind, message, field, cause);
    }

    /** A {@link ErrorKind#PROTOCOL} error: the peer's bytes are not what the protocol says. */
    public static OnvifException protocol(String message) {
        return new OnvifException(ErrorKind.PROTOCOL, message);
    }

    /** A {@link ErrorKind#PROTOCOL} error with the parser exception that found it. */
    public static OnvifException protocol(String message, Throwable cause) {
        return new OnvifException(ErrorKind.PROTOCOL, message, cause);
    }
}
