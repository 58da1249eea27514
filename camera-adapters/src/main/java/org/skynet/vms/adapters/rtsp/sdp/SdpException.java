package org.skynet.vms.adapters.rtsp.sdp;

import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** A session description that cannot be used: malformed or over a size limit. Kind {@link ErrorKind#PROTOCOL}. */
public class SdpException extends VmsException {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(ErrorKind.PROTOCOL, message);
    }
}
