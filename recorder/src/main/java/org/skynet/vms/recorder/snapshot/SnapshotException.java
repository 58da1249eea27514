package org.skynet.vms.recorder.snapshot;

import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * A snapshot could not be fetched or decoded: {@code PROTOCOL} for bytes FFmpeg cannot decode,
 * {@code LIMIT_EXCEEDED} for input or pictures over the limits, {@code TIMEOUT}/{@code UNREACHABLE}/
 * {@code AUTH_FAILED} for the HTTP fetch, {@code INTERNAL} when FFmpeg cannot be loaded. Messages
 * carry URLs without credentials.
 */
public class SnapshotException extends VmsException {
    private static final long serialVersionUID = 1L;

    public SnapshotException(ErrorKind kind, String message) {
        super(kind, message);
    }

    public SnapshotException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }
}
