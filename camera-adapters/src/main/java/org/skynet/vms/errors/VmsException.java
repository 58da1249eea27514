package org.skynet.vms.errors;

import java.util.Objects;

/**
 * The root of every exception the VMS throws on purpose. Unchecked; carries an {@link ErrorKind}
 * and, where the error is about one input field, the name of that field.
 *
 * <p>Messages say what was being done and with whom (camera id, URL without credentials, method,
 * byte offset). They never contain passwords: they may reach a log or an API client.
 */
public class VmsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String field;

    public VmsException(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public VmsException(ErrorKind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    public VmsException(ErrorKind kind, String message, String field, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = field;
    }

    public static VmsException invalid(String field, String message) {
        return new VmsException(ErrorKind.INVALID_ARGUMENT, message, field, null);
    }

    public static VmsException notFound(String message) {
        return new VmsException(ErrorKind.NOT_FOUND, message);
    }

    public static VmsException conflict(String message) {
        return new VmsException(ErrorKind.CONFLICT, message);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The input field the error is about, or {@code null}. */
    public String field() {
        return field;
    }
}
