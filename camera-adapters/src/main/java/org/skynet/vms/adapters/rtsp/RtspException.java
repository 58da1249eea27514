package org.skynet.vms.adapters.rtsp;

import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * An RTSP exchange or stream failed. The {@link #kind()} tells the caller what to do next:
 * {@code UNREACHABLE} and {@code TIMEOUT} are worth a retry with backoff, {@code AUTH_FAILED} needs
 * other credentials, {@code PROTOCOL} means the camera said something we could not parse,
 * {@code NOT_FOUND} is a 404 on the stream path.
 *
 * <p>Messages name the method, the CSeq, the URL without credentials and, when a response arrived,
 * its status line, e.g. {@code DESCRIBE rtsp://192.0.2.10/live CSeq 3: RTSP/1.0 401 Unauthorized}.
 * They never contain passwords.
 */
public class RtspException extends VmsException {
    private static final long serialVersionUID = 1L;

    public RtspException(ErrorKind kind, String message) {
        super(kind, message);
    }

    public RtspException(ErrorKind kind, String message, Throwable cause) {
        super(kind, message, cause);
    }

    /** A {@link ErrorKind#PROTOCOL} error: the peer's bytes are not RTSP, RTP or SDP as we expect. */
    public static RtspException protocol(String message) {
        return new RtspException(ErrorKind.PROTOCOL, message);
    }

    /**
     * An error about one request, with the request context in front of {@code detail}.
     *
     * @param method the RTSP method, e.g. {@code DESCRIBE}
     * @param cseq   the CSeq sent, or a negative number when none was assigned yet
     * @param url    the request URL, already without credentials
     * @param detail what happened: a status line, "no response within 5000 ms", ...
     */
    public static RtspException forRequest(ErrorKind kind, String method, long cseq, String url, String detail) {
        return new RtspException(kind, describe(method, cseq, url) + ": " + detail);
    }

    /** The error kind a final non-2xx RTSP status maps to. */
    public static ErrorKind kindForStatus(int status) {
        return switch (status) {
            case 401, 403 -> ErrorKind.AUTH_FAILED;
            case 404 -> ErrorKind.NOT_FOUND;
            case 405, 415, 451, 455, 457, 461, 501, 505, 551 -> ErrorKind.UNSUPPORTED;
            case 453 -> ErrorKind.LIMIT_EXCEEDED;
            case 408, 504 -> ErrorKind.TIMEOUT;
            case 503 -> ErrorKind.UNREACHABLE;
            default -> ErrorKind.PROTOCOL;
        };
    }

    static String describe(String method, long cseq, String url) {
        return method + " " + url + (cseq >= 0 ? " CSeq " + cseq : "");
    }
}
