package org.skynet.vms.core.onboarding;

import java.util.concurrent.CompletionException;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Turns the adapters' failures into the plain-language check details a technician reads: what was being
 * done, what kind of failure it was, and the adapter's own message (which names the URL without
 * credentials, the operation and the limit).
 */
final class CheckWording {
    private CheckWording() {
    }

    static String explain(Throwable e, String doing) {
        String msg = message(e);
        return switch (kind(e)) {
            case TIMEOUT -> "no answer in time to " + doing + " (" + msg + ")";
            case UNREACHABLE -> "the connection failed during " + doing + " (" + msg + ")";
            case AUTH_FAILED -> "the camera refused the user name or password at " + doing;
            case PROTOCOL -> "the answer to " + doing + " is not what the protocol says (" + msg + ")";
            case LIMIT_EXCEEDED -> "the answer to " + doing + " is too large (" + msg + ")";
            case UNSUPPORTED -> doing + " is not supported (" + msg + ")";
            case NOT_FOUND -> doing + ": not found (" + msg + ")";
            default -> doing + " failed (" + msg + ")";
        };
    }

    static ErrorKind kind(Throwable e) {
        Throwable c = unwrap(e);
        return c instanceof VmsException v ? v.kind() : ErrorKind.INTERNAL;
    }

    static String message(Throwable e) {
        Throwable c = unwrap(e);
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable c = e;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

}
