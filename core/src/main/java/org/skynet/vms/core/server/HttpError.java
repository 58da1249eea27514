package org.skynet.vms.core.server;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * A failure that only exists at the HTTP layer (not signed in, wrong role, wrong method, too many
 * requests), with the status and error code to send.
 */
public final class HttpError extends VmsException {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String code;

    public HttpError(HttpResponseStatus status, String code, String message) {
        super(ErrorKind.INVALID_ARGUMENT, message);
        this.status = status;
        this.code = code;
    }

    public static HttpError unauthenticated() {
        return new HttpError(HttpResponseStatus.UNAUTHORIZED, "UNAUTHENTICATED", "sign in first: no valid session");
    }

    public static HttpError forbidden(String message) {
        return new HttpError(HttpResponseStatus.FORBIDDEN, "FORBIDDEN", message);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
