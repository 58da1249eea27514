package org.skynet.vms.recorder.fmp4;

import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** An ISO BMFF structure that is truncated, inconsistent or not one this package writes. */
public class Fmp4FormatException extends VmsException {
    private static final long serialVersionUID = 1L;

    public Fmp4FormatException(String message) {
        super(ErrorKind.PROTOCOL, message);
    }
}
