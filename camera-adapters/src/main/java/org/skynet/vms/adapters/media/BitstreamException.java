package org.skynet.vms.adapters.media;

import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** A malformed codec bitstream: a truncated or impossible SPS, or an Annex-B stream that breaks a limit. */
public class BitstreamException extends VmsException {
    private static final long serialVersionUID = 1L;

    public BitstreamException(String message) {
        super(ErrorKind.PROTOCOL, message);
    }
}
